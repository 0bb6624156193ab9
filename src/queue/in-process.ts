// The embedded job runner: bounded concurrency, retries with exponential backoff, in the API's own process.
// Pending work lives in the database, so nothing is lost when the process stops: the sweeper re-queues it.
import type { JobRef } from './types.js';
import { type EnsureResult, type JobQueue, type JobRunner, jobIdOf } from './types.js';

export interface InProcessOptions {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  /** Runs one job; a PermanentJobError is not retried. */
  handle: (ref: JobRef) => Promise<void>;
  isPermanent: (err: unknown) => boolean;
  onExhausted: (ref: JobRef, err: unknown) => Promise<void>;
  onError?: (err: unknown) => void;
}

export class InProcessQueue implements JobQueue, JobRunner {
  readonly kind = 'in-process';
  private readonly live = new Set<string>();
  private readonly waiting: JobRef[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private completed = 0;
  private failed = 0;

  constructor(private readonly opts: InProcessOptions) {}

  async enqueue(refs: JobRef[]): Promise<void> {
    if (this.stopped) return;
    for (const ref of refs) {
      const id = jobIdOf(ref);
      if (this.live.has(id)) continue;
      this.live.add(id);
      this.waiting.push(ref);
    }
    this.pump();
  }

  async ensure(refs: JobRef[]): Promise<EnsureResult> {
    const missing = refs.filter((r) => !this.live.has(jobIdOf(r)));
    await this.enqueue(missing);
    return { requeued: missing.length, exhausted: [] };
  }

  async counts(): Promise<Record<string, number>> {
    return {
      waiting: this.waiting.length,
      active: this.running.size,
      completed: this.completed,
      failed: this.failed,
    };
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.opts.concurrency && this.waiting.length > 0) {
      const ref = this.waiting.shift()!;
      const run: Promise<void> = this.run(ref).finally(() => {
        this.running.delete(run);
        this.live.delete(jobIdOf(ref));
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(ref: JobRef): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.opts.handle(ref);
        this.completed++;
        return;
      } catch (err) {
        if (this.opts.isPermanent(err)) {
          this.failed++;
          return;
        }
        if (attempt >= this.opts.attempts || this.stopped) {
          this.failed++;
          // When stopping, the document stays queued in the database and is picked up on the next start.
          if (!this.stopped) await this.opts.onExhausted(ref, err).catch((e) => this.opts.onError?.(e));
          else this.opts.onError?.(err);
          return;
        }
        await new Promise((r) => setTimeout(r, this.opts.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const ref of this.waiting.splice(0)) this.live.delete(jobIdOf(ref));
    await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
