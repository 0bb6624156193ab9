// A pool worker: runs the whole pipeline (ingest + extraction) for one task at a time, for as long as the pool
// keeps it. Modules stay loaded between tasks, so pdf.js, the rule tables and the JIT stay warm.
import { parentPort } from 'node:worker_threads';
import type { Extraction } from '../contract/schema.js';
import { UnreadableDocumentError } from '../errors.js';
import { parsePdfInThisThread } from '../ingest/pdf.js';
import { extract } from '../pipeline.js';
import type { EncodedResult, EncodeOptions, FromWorker, SerialisedError, ToWorker } from './messages.js';

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

function encode(extraction: Extraction, opts: EncodeOptions): EncodedResult {
  const json = opts.pretty ? JSON.stringify(extraction, null, 2) : JSON.stringify(extraction);
  return {
    bytes: Buffer.from(`${json}\n`),
    summary: {
      sections: extraction.sections.length,
      targets: extraction.targets.length,
      responsibilities: extraction.responsibilities.length,
      tables: extraction.tables.length,
      reviewFields: extraction.review.fields.length,
    },
  };
}

if (parentPort) {
  const port = parentPort;
  // This thread is already kill-able (the pool terminates it past its budget): a nested PDF thread per
  // document would only add a cold pdf.js start.
  parsePdfInThisThread();
  /** The task being parsed, if any. */
  let current: number | null = null;
  const send = (msg: FromWorker) => port.postMessage(msg);
  port.on('message', async (msg: ToWorker) => {
    if (msg.type !== 'task') return;
    const { id, task, encode: encoding } = msg;
    current = id;
    try {
      const { extraction, text } = await extract({
        bytes: task.bytes,
        fileName: task.fileName ?? null,
        ...(task.format ? { format: task.format } : {}),
        onProgress: (progress) => send({ type: 'progress', id, progress }),
      });
      if (encoding) {
        const result = encode(extraction, encoding);
        // Buffer.from of a long string owns its ArrayBuffer (no pool slab): handed over, not copied.
        const owned = result.bytes.byteOffset === 0 && result.bytes.byteLength === result.bytes.buffer.byteLength;
        port.postMessage(
          { type: 'done', id, result } satisfies FromWorker,
          owned ? [result.bytes.buffer as ArrayBuffer] : [],
        );
      } else {
        send({ type: 'done', id, result: { extraction, text, json: JSON.stringify(extraction) } });
      }
    } catch (err) {
      if (current === id) send({ type: 'failed', id, error: serialise(err) });
    }
    current = null;
  });
  // pdf.js on a corrupt cross-reference table can reject a promise nobody awaits ("XRefEntryException:
  // Inconsistent generation in XRef") and leave the document's own promise pending: by default that ends the
  // thread as a crash, or, caught, the task waits for its budget. The task fails now as a corrupt file, and the
  // pool replaces this worker, whose reader state is no longer trustworthy.
  process.on('unhandledRejection', (reason) => {
    const id = current;
    if (id === null) return;
    current = null;
    const why = reason instanceof Error ? reason.message : String(reason);
    send({
      type: 'failed',
      id,
      recycle: true,
      error: serialise(new UnreadableDocumentError('corrupt-file', `The file is damaged and cannot be read: ${why}`)),
    });
  });
  send({ type: 'ready' });
}
