// BullMQ runner (REDIS_URL). Parsing runs in a sandboxed child process (workers/extract-job) so a pathological
// document cannot block lock renewal or crash the worker; the child reads the document from the database by id.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { isUnavailable } from '../unavailable.js';
import type { JobRef } from './types.js';
import { type EnsureResult, JobPayloadSchema, type JobQueue, type JobRunner, jobIdOf, QUEUE_NAME } from './types.js';

export function redisConnection(url: string, opts: { failFast?: boolean } = {}): Redis {
  // BullMQ requires maxRetriesPerRequest: null for blocking commands (workers); errors are reported, never
  // thrown. A producer (the API) fails fast instead: with Redis down a command errors at once rather than
  // waiting in the offline queue, so an upload is stored and answered (the sweeper queues it later).
  const redis = new Redis(
    url,
    opts.failFast
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 }
      : { maxRetriesPerRequest: null },
  );
  redis.on('error', () => {});
  return redis;
}

export interface BullQueueOptions {
  connection: Redis;
  prefix: string;
  attempts: number;
  backoffMs: number;
}

export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq';
  readonly queue: Queue;

  constructor(private readonly opts: BullQueueOptions) {
    this.queue = new Queue(QUEUE_NAME, { connection: opts.connection, prefix: opts.prefix });
    this.queue.on('error', () => {});
  }

  private jobOptions(ref: JobRef) {
    return {
      jobId: jobIdOf(ref),
      attempts: this.opts.attempts,
      backoff: { type: 'exponential' as const, delay: this.opts.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  async enqueue(refs: JobRef[]): Promise<void> {
    if (refs.length === 0) return;
    const jobs = refs.map((ref) => ({
      name: QUEUE_NAME,
      data: JobPayloadSchema.parse(ref),
      opts: this.jobOptions(ref),
    }));
    await this.queue.addBulk(jobs);
  }

  async ensure(refs: JobRef[]): Promise<EnsureResult> {
    const result: EnsureResult = { requeued: 0, exhausted: [] };
    const missing: JobRef[] = [];
    for (const ref of refs) {
      const job = await this.queue.getJob(jobIdOf(ref));
      if (!job) {
        missing.push(ref);
        continue;
      }
      const state = await job.getState();
      if (state === 'failed' && !notTheDocument(job.failedReason)) {
        result.exhausted.push({ ref, reason: job.failedReason || 'job failed' });
      } else if (state === 'failed') {
        // Failed waiting for the infrastructure, or stalled (its worker died: the document's attempts, counted in
        // the database, quarantine it if that keeps happening): run it again.
        await job.remove().catch(() => {});
        missing.push(ref);
      } else if (state === 'completed' || state === 'unknown') {
        // Completed without a stored result (e.g. its write was lost): run it again.
        await job.remove().catch(() => {});
        missing.push(ref);
      }
    }
    await this.enqueue(missing);
    result.requeued = missing.length;
    return result;
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * A failure that says nothing about the document: the database or Redis was unreachable until the job gave up
 * (shutdown), or the job stalled (its worker died or lost Redis; the database counts such attempts for poison).
 */
function notTheDocument(reason: string | undefined): boolean {
  return reason !== undefined && (STALLED.test(reason) || isUnavailable({ message: reason }));
}

const STALLED = /stalled more than allowable limit/i;

/** The sandboxed processor file: the TypeScript source under tsx/vitest, the compiled .js in a build. */
export function sandboxProcessor(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith('.js');
  const file = resolve(dirname(here), '../../workers', compiled ? 'extract-job.js' : 'extract-job.ts');
  if (!existsSync(file)) throw new Error(`sandboxed processor not found: ${file}`);
  return { file, execArgv: compiled ? [] : ['--import', 'tsx'] };
}

export interface BullWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  lockMs: number;
  stalledIntervalMs: number;
  /** Sandboxed child processes (default) or an inline processor (tests, debugging). */
  sandbox: { env: Record<string, string> } | { inline: (data: unknown) => Promise<unknown> };
  /** Called when a job has failed for good (retries exhausted or unrecoverable). */
  onFailedForGood: (ref: JobRef, reason: string, unrecoverable: boolean) => Promise<void>;
  onCompleted?: () => void;
  onError?: (err: unknown) => void;
}

export class BullRunner implements JobRunner {
  readonly worker: Worker;

  constructor(opts: BullWorkerOptions) {
    const common = {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: opts.lockMs,
      stalledInterval: opts.stalledIntervalMs,
      maxStalledCount: 3,
    };
    if ('inline' in opts.sandbox) {
      const inline = opts.sandbox.inline;
      this.worker = new Worker(QUEUE_NAME, (job) => inline(job.data), common);
    } else {
      const { file, execArgv } = sandboxProcessor();
      this.worker = new Worker(QUEUE_NAME, file, {
        ...common,
        useWorkerThreads: false,
        workerForkOptions: {
          execArgv,
          cwd: resolve(dirname(file), '..'),
          env: { ...process.env, ...opts.sandbox.env },
        },
      });
    }
    this.worker.on('error', (err) => opts.onError?.(err));
    this.worker.on('completed', () => opts.onCompleted?.());
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      const unrecoverable = err.name === 'UnrecoverableError';
      const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!unrecoverable && !exhausted) return;
      // Never the document's fault: the sweeper queues it again (src/service/sweeper.ts, ensure above).
      if (!unrecoverable && notTheDocument(err.message)) return;
      const parsed = JobPayloadSchema.safeParse(job.data);
      if (!parsed.success) return;
      // The child already recorded unreadable files; this covers retries exhausted and a child that died.
      opts.onFailedForGood(parsed.data, err.message, unrecoverable).catch((e) => opts.onError?.(e));
    });
  }

  async stop(): Promise<void> {
    // Waits for in-flight jobs; a second signal in serve.ts forces exit.
    await this.worker.close();
  }
}
