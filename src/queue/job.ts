// The extraction job, shared by every runner: in-process, BullMQ inline, and the sandboxed child.
import { UnrecoverableError } from 'bullmq';
import { UnreadableDocumentError } from '../errors.js';
import { extract } from '../pipeline.js';
import { EXTRACTOR_VERSION } from '../version.js';
import type { JobStore as Store } from './types.js';
import { JobPayloadSchema } from './types.js';

export type JobOutcome = 'done' | 'failed' | 'stale';

export function isUnreadable(err: unknown): err is UnreadableDocumentError {
  return err instanceof UnreadableDocumentError || (err instanceof Error && err.name === 'UnreadableDocumentError');
}

/**
 * Extracts one document and stores the result. An unreadable file is recorded as a terminal failure and the
 * UnreadableDocumentError is rethrown so the runner does not retry; any other error propagates for a retry.
 */
export async function processDocument(store: Store, payload: unknown): Promise<JobOutcome> {
  const ref = JobPayloadSchema.parse(payload);
  const doc = await store.claim(ref);
  if (!doc) return 'stale';
  let result: Awaited<ReturnType<typeof extract>>;
  try {
    result = await extract({ bytes: doc.bytes, fileName: doc.fileName, format: doc.format });
  } catch (err) {
    if (isUnreadable(err)) {
      await store.markFailed(ref, err.reason, err.message);
      throw err;
    }
    throw err;
  }
  await store.saveResult(ref, EXTRACTOR_VERSION, result.extraction, result.text);
  return 'done';
}

/** BullMQ flavour: an unreadable file becomes UnrecoverableError so BullMQ fails the job without retrying. */
export async function processBullJob(store: Store, payload: unknown): Promise<JobOutcome> {
  try {
    return await processDocument(store, payload);
  } catch (err) {
    if (isUnreadable(err)) throw new UnrecoverableError(`${err.reason}: ${err.message}`);
    throw err;
  }
}
