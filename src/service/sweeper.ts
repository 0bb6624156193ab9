// The requeue sweeper: documents accepted but not finished, with no live job, are queued again. This is what
// makes the database the source of truth — a flushed Redis or a crashed process loses no work.
import type { JobQueue } from '../queue/types.js';
import type { Store } from '../store/store.js';

export interface SweepResult {
  pending: number;
  requeued: number;
  failed: number;
  batchesFinished: number;
}

const PAGE = 500;

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export async function sweep(store: Store, queue: JobQueue): Promise<SweepResult> {
  const result: SweepResult = { pending: 0, requeued: 0, failed: 0, batchesFinished: 0 };
  let after = 0;
  for (;;) {
    const page = await store.pending(after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    result.pending += page.length;
    const ensured = await queue.ensure(page.map(({ documentId, generation }) => ({ documentId, generation })));
    result.requeued += ensured.requeued;
    for (const { ref, reason } of ensured.exhausted) {
      if (await store.markFailed(ref, 'extraction-error', reason)) result.failed++;
    }
    if (page.length < PAGE) break;
  }
  result.batchesFinished = (await store.finishStaleBatches()).length;
  await store.prune(IDEMPOTENCY_RETENTION_HOURS);
  return result;
}

/** Runs sweep now and then every intervalMs; never overlaps itself; errors are reported, not thrown. */
export function startSweeper(
  store: Store,
  queue: JobQueue,
  intervalMs: number,
  onError: (err: unknown) => void,
): { stop(): Promise<void>; runNow(): Promise<SweepResult | null> } {
  let running: Promise<SweepResult | null> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve(null);
    running ??= sweep(store, queue)
      .catch((err: unknown) => {
        onError(err);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  void runNow();
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
