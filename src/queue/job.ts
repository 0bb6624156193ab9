// The extraction job, shared by every runner: in-process, BullMQ inline, and the sandboxed child.
import { UnrecoverableError } from 'bullmq';
import { isUnreadable } from '../errors.js';
import { extract } from '../pipeline.js';
import type { ParseProgress, ParseResult, ParseTask } from '../pool/index.js';
import { EXTRACTOR_VERSION } from '../version.js';
import type { JobStore as Store } from './types.js';
import { JobPayloadSchema } from './types.js';

export { isUnreadable };

export type JobOutcome = 'done' | 'failed' | 'stale';

/** Parses one document: the parse pool's run(), or extract() in this thread (sandboxed child, library use). */
export type Parse = (task: ParseTask, onProgress: (p: ParseProgress) => void) => Promise<ParseResult>;

export interface JobOptions {
  parse?: Parse;
  /** Attempts that may start before a document that keeps dying is quarantined as `poison`. */
  maxAttempts?: number;
}

const parseHere: Parse = async (task, onProgress) => {
  const { extraction, text } = await extract({ ...task, onProgress });
  return { extraction, text, json: JSON.stringify(extraction) };
};

/** Progress is written at most this often per document (OCR reports every page). */
const PROGRESS_EVERY_MS = 1000;

/** Errors that may be the document's own doing even though they are not typed unreadable (a dying worker). */
const mayBeTheDocument = (err: unknown) => err instanceof Error && err.name === 'WorkerCrashError';

/**
 * Extracts one document and stores the result. An unreadable file is recorded as a terminal failure and the
 * UnreadableDocumentError is rethrown so the runner does not retry; any other error propagates for a retry.
 * The attempt is recorded before parsing: a document whose attempts keep dying is failed as `poison`.
 */
export async function processDocument(store: Store, payload: unknown, opts: JobOptions = {}): Promise<JobOutcome> {
  const ref = JobPayloadSchema.parse(payload);
  const doc = await store.claim(ref, opts.maxAttempts);
  if (!doc) return 'stale';
  if (!doc.bytes) {
    const started = doc.attempt - 1;
    await store.markFailed(
      ref,
      'poison',
      `Processing this document was started ${started} time${started === 1 ? '' : 's'} and never finished ` +
        '(the process or its parse worker died each time), so it is quarantined. Reprocess it to try again.',
    );
    return 'failed';
  }
  const parse = opts.parse ?? parseHere;
  let lastProgress = 0;
  const onProgress = (p: ParseProgress) => {
    const now = Date.now();
    if (now - lastProgress < PROGRESS_EVERY_MS && p.done < p.total) return;
    lastProgress = now;
    store.setProgress(ref, p.done, p.total).catch(() => {});
  };
  let result: ParseResult;
  try {
    result = await parse({ bytes: doc.bytes, fileName: doc.fileName, format: doc.format }, onProgress);
  } catch (err) {
    if (isUnreadable(err)) {
      await store.markFailed(ref, err.reason, err.message);
      throw err;
    }
    if (!mayBeTheDocument(err)) await store.releaseAttempt(ref).catch(() => {});
    throw err;
  }
  try {
    await store.saveResult(ref, EXTRACTOR_VERSION, result.extraction, result.text, result.json);
  } catch (err) {
    // Storing failed (an outage): not the document's fault, the retry must not count against it.
    await store.releaseAttempt(ref).catch(() => {});
    throw err;
  }
  return 'done';
}

/** BullMQ flavour: an unreadable file becomes UnrecoverableError so BullMQ fails the job without retrying. */
export async function processBullJob(store: Store, payload: unknown, opts: JobOptions = {}): Promise<JobOutcome> {
  try {
    return await processDocument(store, payload, opts);
  } catch (err) {
    if (isUnreadable(err)) throw new UnrecoverableError(`${err.reason}: ${err.message}`);
    throw err;
  }
}
