// The extraction job, shared by every runner: in-process, BullMQ inline, and the sandboxed child.
import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { isUnreadable } from '../errors.js';
import { extract } from '../pipeline.js';
import type { ParseProgress, ParseResult, ParseTask } from '../pool/index.js';
import { infrastructureError, isUnavailable, untilAvailable } from '../unavailable.js';
import { EXTRACTOR_VERSION } from '../version.js';
import type { JobRef, JobStore as Store } from './types.js';
import { JobPayloadSchema } from './types.js';

export { isUnreadable };

export type JobOutcome = 'done' | 'failed' | 'stale';

/** Parses one document: the parse pool's run(), or extract() in this thread (sandboxed child, library use). */
export type Parse = (task: ParseTask, onProgress: (p: ParseProgress) => void) => Promise<ParseResult>;

export interface JobOptions {
  parse?: Parse;
  /** Attempts that may start before a document that keeps dying is quarantined as `poison`. */
  maxAttempts?: number;
  /** Aborted on shutdown: a job waiting for the database stops waiting (it stays queued for the next start). */
  signal?: AbortSignal | undefined;
  /** Told each time a job waits for the database (to log it). */
  onWait?: ((err: unknown, delayMs: number) => void) | undefined;
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
 *
 * The database being unreachable (an outage, a restart) is never the document's fault: every store call waits
 * it out with backoff inside the job instead of failing it, so an outage costs neither a queue retry nor one of
 * the document's attempts. Only on shutdown (opts.signal) does a job stop waiting; it then fails with an
 * `infrastructure unavailable:` error that the runners requeue instead of counting (the document stays queued).
 */
export async function processDocument(store: Store, payload: unknown, opts: JobOptions = {}): Promise<JobOutcome> {
  const ref = JobPayloadSchema.parse(payload);
  const wait = <T>(op: () => Promise<T>) =>
    untilAvailable(op, { signal: opts.signal, ...(opts.onWait ? { onWait: opts.onWait } : {}) });
  try {
    return await runDocument(store, ref, opts, wait);
  } catch (err) {
    if (!isUnreadable(err) && isUnavailable(err)) throw infrastructureError(err);
    throw err;
  }
}

async function runDocument(
  store: Store,
  ref: JobRef,
  opts: JobOptions,
  wait: <T>(op: () => Promise<T>) => Promise<T>,
): Promise<JobOutcome> {
  // One token per attempt: if the claim reached the database but its answer was lost, the retry is not counted.
  const token = randomUUID();
  const doc = await wait(() => store.claim(ref, opts.maxAttempts, token));
  if (!doc) return 'stale';
  if (!doc.bytes) {
    const started = doc.attempt - 1;
    await wait(() =>
      store.markFailed(
        ref,
        'poison',
        `Processing this document was started ${started} time${started === 1 ? '' : 's'} and never finished ` +
          '(the process or its parse worker died each time), so it is quarantined. Reprocess it to try again.',
      ),
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
      await wait(() => store.markFailed(ref, err.reason, err.message));
      throw err;
    }
    // Not the document's doing (a bug, a pool shutting down): the retry must not count against it.
    if (!mayBeTheDocument(err)) await wait(() => store.releaseAttempt(ref)).catch(() => {});
    throw err;
  }
  // Parsed: the result is stored as soon as the database answers (a shutdown first leaves the attempt counted).
  await wait(() => store.saveResult(ref, EXTRACTOR_VERSION, result.extraction, result.text, result.json));
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
