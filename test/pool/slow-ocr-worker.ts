// A pool worker whose documents are scans read slowly: it reports the start of OCR with an OCR budget of
// KEHOACH_TEST_OCR_BUDGET_MS, takes KEHOACH_TEST_OCR_MS to "read", then answers with a real extraction.
import { parentPort } from 'node:worker_threads';
import { extract } from '../../src/pipeline.js';
import type { FromWorker, ToWorker } from '../../src/pool/messages.js';

const ocrBudgetMs = Number(process.env['KEHOACH_TEST_OCR_BUDGET_MS'] ?? 3000);
const ocrMs = Number(process.env['KEHOACH_TEST_OCR_MS'] ?? 1500);
const port = parentPort!;
const send = (msg: FromWorker) => port.postMessage(msg);
port.on('message', async (msg: ToWorker) => {
  if (msg.type !== 'task') return;
  send({ type: 'progress', id: msg.id, progress: { phase: 'ocr', done: 0, total: 1, budgetMs: ocrBudgetMs } });
  await new Promise((r) => setTimeout(r, ocrMs));
  const { extraction, text } = await extract(msg.task);
  send({ type: 'done', id: msg.id, result: { extraction, text, json: JSON.stringify(extraction) } });
});
send({ type: 'ready' });
