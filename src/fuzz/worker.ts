// One fuzz worker: runs each input through the job path (extract()) and classifies the outcome. The
// parent owns the clock: a worker stuck past the budget is terminated there and counted as a hang.
import { parentPort } from 'node:worker_threads';
import { ExtractionSchema } from '../contract/schema.js';
import { UnreadableDocumentError } from '../errors.js';
import { extract } from '../pipeline.js';

export interface FuzzJob {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

export type FuzzOutcome =
  | { id: number; kind: 'ok' }
  | { id: number; kind: 'refused'; reason: string; message: string }
  | { id: number; kind: 'invalid' | 'crash'; message: string; stack?: string };

export async function runOne(job: FuzzJob): Promise<FuzzOutcome> {
  try {
    const { extraction: x } = await extract({ bytes: job.bytes, fileName: job.fileName });
    const parsed = ExtractionSchema.safeParse(x);
    if (!parsed.success) return { id: job.id, kind: 'invalid', message: parsed.error.message.slice(0, 2000) };
    const outside = [...x.targets, ...x.responsibilities].find((v) => v.source.end > x.document.chars);
    if (outside) return { id: job.id, kind: 'invalid', message: 'a source span points past the end of the text' };
    return { id: job.id, kind: 'ok' };
  } catch (err) {
    if (err instanceof UnreadableDocumentError) {
      return { id: job.id, kind: 'refused', reason: err.reason, message: err.message };
    }
    const e = err as Error;
    const kind = /does not satisfy the contract/.test(e?.message ?? '') ? 'invalid' : 'crash';
    return {
      id: job.id,
      kind,
      message: String(e?.message ?? err).slice(0, 2000),
      ...(e?.stack ? { stack: e.stack.slice(0, 4000) } : {}),
    };
  }
}

parentPort?.on('message', (job: FuzzJob) => {
  void runOne(job).then((out) => parentPort?.postMessage(out));
});
