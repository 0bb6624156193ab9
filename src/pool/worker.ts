// A pool worker: runs the whole pipeline (ingest + extraction) for one task at a time, for as long as the pool
// keeps it. Modules stay loaded between tasks, so pdf.js, the rule tables and the JIT stay warm.
import { parentPort } from 'node:worker_threads';
import { parsePdfInThisThread } from '../ingest/pdf.js';
import { extract } from '../pipeline.js';
import type { FromWorker, SerialisedError, ToWorker } from './messages.js';

function serialise(err: unknown): SerialisedError {
  if (err instanceof Error) {
    const reason = (err as { reason?: unknown }).reason;
    return {
      name: err.name,
      message: err.message,
      ...(typeof reason === 'string' ? { reason } : {}),
      ...(err.stack ? { stack: err.stack } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}

if (parentPort) {
  const port = parentPort;
  // This thread is already kill-able (the pool terminates it past its budget): a nested PDF thread per
  // document would only add a cold pdf.js start.
  parsePdfInThisThread();
  const send = (msg: FromWorker) => port.postMessage(msg);
  port.on('message', async (msg: ToWorker) => {
    if (msg.type !== 'task') return;
    const { id, task } = msg;
    try {
      const { extraction, text } = await extract({
        bytes: task.bytes,
        fileName: task.fileName ?? null,
        ...(task.format ? { format: task.format } : {}),
        onProgress: (progress) => send({ type: 'progress', id, progress }),
      });
      send({ type: 'done', id, result: { extraction, text, json: JSON.stringify(extraction) } });
    } catch (err) {
      send({ type: 'failed', id, error: serialise(err) });
    }
  });
  send({ type: 'ready' });
}
