// The composition root: a process is a list of parts started in order — database, store, parse pool, queue,
// runner, sweeper, webhooks, app — and stopped in reverse (the app stops taking requests before the runner lets
// its jobs finish, the database closes last). A part that fails to start stops the ones before it.
// Roles: 'all' (API + worker), 'api', 'worker'. Embedded mode (no REDIS_URL) always runs jobs in-process.
import { type Logger, pino } from 'pino';
import { type CreatedKey, ensureAnonymousKey, ensureBootstrapAdmin } from '../auth/keys.js';
import { type Config, childEnv } from '../config.js';
import type { Database } from '../db/open.js';
import { ParsePool } from '../pool/index.js';
import { BullJobQueue, BullRunner, redisConnection } from '../queue/bullmq.js';
import { InProcessQueue } from '../queue/in-process.js';
import { isUnreadable, type JobOptions, processBullJob, processDocument } from '../queue/job.js';
import type { JobQueue, JobRef, JobRunner } from '../queue/types.js';
import { getEffectiveExtraction, type ReviewDeps } from '../review/service.js';
import { createApp } from '../server/app.js';
import { keyAuthorizer, openAuthorizer } from '../server/auth.js';
import type { RouteContext } from '../server/context.js';
import { createMetrics, type Metrics } from '../server/metrics.js';
import { backfillReview, ReviewStore } from '../store/review.js';
import { Store } from '../store/store.js';
import { openDatabaseWaiting, pingRedis, waitForRedis } from './start-wait.js';
import { type SweepResult, startSweeper } from './sweeper.js';
import { startWebhookDispatcher } from './webhooks.js';

export type Role = 'all' | 'api' | 'worker';

export interface RuntimeOptions {
  logger?: Logger;
  /** BullMQ only: run the processor in this process instead of sandboxed children. */
  inline?: boolean;
}

export interface Runtime {
  config: Config;
  role: Role;
  db: Database;
  store: Store;
  queue: JobQueue;
  metrics: Metrics;
  logger: Logger;
  /** The parse pool of a process that runs jobs (null for an API-only process or sandboxed BullMQ). */
  pool: ParsePool | null;
  app: ReturnType<typeof createApp> | null;
  /** The admin key created on the first start of an embedded install (shown once), else null. */
  bootstrapKey: CreatedKey | null;
  sweepNow(): Promise<SweepResult | null>;
  /** Stops taking work, lets in-flight jobs finish, closes connections. */
  close(): Promise<void>;
}

/** The parts started so far, each with how it stops. */
class Parts {
  private readonly started: { name: string; stop: () => Promise<void> }[] = [];

  /** Records a started part; `stop` runs when the process closes, or when a later part fails to start. */
  add<T>(name: string, value: T, stop?: (value: T) => Promise<void> | void): T {
    this.started.push({ name, stop: async () => stop?.(value) });
    return value;
  }

  /** Stops every part, last started first; every part gets its turn, the first failure is rethrown. */
  async stop(): Promise<void> {
    let failure: unknown = null;
    for (const part of this.started.splice(0).reverse()) {
      try {
        await part.stop();
      } catch (err) {
        failure ??= Object.assign(err instanceof Error ? err : new Error(String(err)), { part: part.name });
      }
    }
    if (failure) throw failure;
  }
}

export async function startRuntime(config: Config, role: Role, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
  const onError = (err: unknown) => logger.error({ err }, 'background error');
  const worksHere = role !== 'api' || !config.redisUrl;
  const parts = new Parts();
  try {
    // 1. Database, migrated. PostgreSQL (and, for a worker, Redis) not there yet: wait and retry rather than
    // exit (start-wait.ts).
    const opened = await openDatabaseWaiting(config, role, logger);
    const db = parts.add('db', opened.db, (d) => d.sql.close());
    if (config.redisUrl && role === 'worker') await waitForRedis(config.redisUrl, opened.deadline, logger);
    else if (config.redisUrl) {
      // The API starts anyway: uploads are stored and the sweeper queues them once Redis answers.
      await pingRedis(config.redisUrl).catch((err: unknown) =>
        logger.warn(
          { err: String(err) },
          'Redis unreachable at start-up; uploads are stored and queued when it answers',
        ),
      );
    }

    // 2. Store. Documents stored before the review tables existed get their review state before anything reads it.
    const backfilled = await backfillReview(db.sql);
    if (backfilled > 0) logger.info({ documents: backfilled }, 'review state derived for stored documents');
    const store = parts.add('store', new Store(db.sql, Boolean(config.webhookUrl)));
    const review: ReviewDeps = { repo: new ReviewStore(db.sql) };
    let queue: JobQueue | null = null;
    const metrics = createMetrics({
      documentCounts: () => store.statusCounts(),
      queueCounts: () => queue?.counts() ?? Promise.resolve({}),
    });
    const failForGood = async (ref: JobRef, err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      await store.markFailed(ref, 'extraction-error', message);
    };

    // 3. Parse pool: parsing never runs on this thread; the pool's workers are warm, bounded and kill-able.
    const pool = parts.add(
      'pool',
      worksHere && !(config.redisUrl && config.sandbox && !opts.inline) ? new ParsePool(config.pool) : null,
      (p) => p?.close(),
    );
    // Jobs wait out database outages (never counted against the document); closing ends the waiting first.
    const stopWaiting = new AbortController();
    let lastWaitLog = 0;
    const jobOptions: JobOptions = {
      maxAttempts: config.poisonAttempts,
      signal: stopWaiting.signal,
      onWait: (err) => {
        if (Date.now() - lastWaitLog < 5000) return;
        lastWaitLog = Date.now();
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'database unreachable; jobs are waiting',
        );
      },
      ...(pool ? { parse: (task, onProgress) => pool.run(task, { onProgress, transfer: true }) } : {}),
    };

    // 4. Queue, and 5. its runner: in-process (one object, both) or BullMQ (a producer, and a consumer where
    // jobs run here).
    let runner: JobRunner | null = null;
    let bull: BullJobQueue | null = null;
    if (!config.redisUrl) {
      const inProcess = new InProcessQueue({
        concurrency: config.concurrency,
        attempts: config.jobAttempts,
        backoffMs: config.jobBackoffMs,
        handle: async (ref) => {
          try {
            metrics.jobs.inc({ outcome: await processDocument(store, ref, jobOptions) });
          } catch (err) {
            metrics.jobs.inc({ outcome: isUnreadable(err) ? 'failed' : 'error' });
            throw err;
          }
        },
        isPermanent: isUnreadable,
        onExhausted: failForGood,
        onError,
      });
      queue = parts.add('queue', inProcess as JobQueue);
      runner = parts.add('runner', inProcess as JobRunner, (r) => r.stop());
    } else {
      const producer = redisConnection(config.redisUrl, { failFast: true });
      bull = new BullJobQueue({
        connection: producer,
        prefix: config.queuePrefix,
        attempts: config.jobAttempts,
        backoffMs: config.jobBackoffMs,
      });
      queue = parts.add('queue', bull as JobQueue, async (q) => {
        await q.close();
        producer.disconnect();
      });
      if (role !== 'api') {
        const consumer = redisConnection(config.redisUrl);
        runner = parts.add(
          'runner',
          new BullRunner({
            connection: consumer,
            prefix: config.queuePrefix,
            concurrency: config.concurrency,
            lockMs: config.jobLockMs,
            stalledIntervalMs: config.stalledIntervalMs,
            sandbox:
              config.sandbox && !opts.inline
                ? { env: childEnv(config) }
                : { inline: (data) => processBullJob(store, data, jobOptions) },
            onFailedForGood: async (ref, reason, unrecoverable) => {
              metrics.jobs.inc({ outcome: 'failed' });
              // Unreadable files were recorded by the processor itself with their precise reason.
              if (!unrecoverable) await failForGood(ref, new Error(reason));
            },
            onCompleted: () => metrics.jobs.inc({ outcome: 'done' }),
            onError,
          }) as JobRunner,
          async (r) => {
            await r.stop();
            consumer.disconnect();
          },
        );
      }
    }
    const jobs = queue;

    // 6. Sweeper: queues what the queue lost (the database is the source of truth).
    const sweeper = parts.add(
      'sweeper',
      worksHere ? startSweeper(store, jobs, config.sweepIntervalMs, onError) : null,
      (s) => s?.stop(),
    );

    // 7. Webhooks from the outbox.
    parts.add(
      'webhooks',
      worksHere && config.webhookUrl && config.webhookSecret
        ? startWebhookDispatcher(db.sql, {
            url: config.webhookUrl,
            secret: config.webhookSecret,
            maxAttempts: config.webhookMaxAttempts,
            intervalMs: config.webhookIntervalMs,
            onError,
          })
        : null,
      (w) => w?.stop(),
    );

    // 8. The app (not in a worker), with the key it is first used with.
    const ctx: RouteContext = {
      sql: db.sql,
      review,
      claimTtlSeconds: config.claimTtlSeconds,
      effective: async (id) => (await getEffectiveExtraction(review, id))?.extraction ?? null,
      store,
      queue: jobs,
      config,
      logger,
      async enqueue(refs) {
        try {
          // Bounded: with Redis down an upload is answered within ~2 s; the sweeper queues what this missed.
          await withTimeout(jobs.enqueue(refs), 2000);
        } catch (err) {
          logger.warn({ err, jobs: refs.length }, 'queueing failed; the sweeper will queue these documents');
        }
      },
    };
    const app = parts.add(
      'app',
      role === 'worker'
        ? null
        : createApp({
            ctx,
            metrics,
            bullQueue: config.bullBoard ? bull?.queue : undefined,
            authorize: config.auth === 'keys' ? keyAuthorizer(db.sql) : openAuthorizer,
            ready: async () => {
              await store.ping();
              await withTimeout(jobs.counts(), 2000);
              return { database: db.kind, queue: jobs.kind };
            },
          }),
    );
    // Last started, first stopped: jobs waiting out a database outage give up, so the runner can stop.
    parts.add('job waits', stopWaiting, (c) => c.abort());

    let bootstrapKey: CreatedKey | null = null;
    if (app && config.auth === 'off') await ensureAnonymousKey(db.sql);
    else if (app && db.kind === 'pglite') bootstrapKey = await ensureBootstrapAdmin(db.sql);

    let closing: Promise<void> | null = null;
    return {
      config,
      role,
      db,
      store,
      queue: jobs,
      metrics,
      logger,
      pool,
      app,
      bootstrapKey,
      sweepNow: () => sweeper?.runNow() ?? Promise.resolve(null),
      close() {
        closing ??= parts.stop();
        return closing;
      },
    };
  } catch (err) {
    await parts.stop().catch((stopErr: unknown) => logger.warn({ err: stopErr }, 'stopping after a failed start'));
    throw err;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
