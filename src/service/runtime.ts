// Assembles a process from configuration: database, store, queue, runner, sweeper, webhooks and the app.
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

export async function startRuntime(config: Config, role: Role, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
  // PostgreSQL (and, for a worker, Redis) not there yet: wait and retry rather than exit (start-wait.ts).
  const { db, deadline } = await openDatabaseWaiting(config, role, logger);
  if (config.redisUrl && role === 'worker') {
    await waitForRedis(config.redisUrl, deadline, logger).catch(async (err: unknown) => {
      await db.sql.close().catch(() => {});
      throw err;
    });
  } else if (config.redisUrl) {
    // The API starts anyway: uploads are stored and the sweeper queues them once Redis answers.
    await pingRedis(config.redisUrl).catch((err: unknown) =>
      logger.warn({ err: String(err) }, 'Redis unreachable at start-up; uploads are stored and queued when it answers'),
    );
  }
  // Documents stored before the review tables existed get their review state before anything reads it.
  const backfilled = await backfillReview(db.sql);
  if (backfilled > 0) logger.info({ documents: backfilled }, 'review state derived for stored documents');
  const store = new Store(db.sql, Boolean(config.webhookUrl));
  const closers: (() => Promise<void>)[] = [];
  let queue: JobQueue;
  let runner: JobRunner | null = null;
  let bull: BullJobQueue | null = null;
  const metrics = createMetrics({
    documentCounts: () => store.statusCounts(),
    queueCounts: () => queue.counts(),
  });
  const onError = (err: unknown) => logger.error({ err }, 'background error');
  const failForGood = async (ref: JobRef, err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    await store.markFailed(ref, 'extraction-error', message);
  };

  const worksHere = role !== 'api' || !config.redisUrl;
  // Parsing never runs on this thread: the pool's workers are warm, bounded and kill-able.
  const pool = worksHere && !(config.redisUrl && config.sandbox && !opts.inline) ? new ParsePool(config.pool) : null;
  // Jobs wait out database outages (never counted against the document); close() ends the waiting.
  const stopWaiting = new AbortController();
  let lastWaitLog = 0;
  const jobOptions: JobOptions = {
    maxAttempts: config.poisonAttempts,
    signal: stopWaiting.signal,
    onWait: (err) => {
      if (Date.now() - lastWaitLog < 5000) return;
      lastWaitLog = Date.now();
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'database unreachable; jobs are waiting');
    },
    ...(pool ? { parse: (task, onProgress) => pool.run(task, { onProgress, transfer: true }) } : {}),
  };
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
    queue = inProcess;
    runner = inProcess;
  } else {
    const producer = redisConnection(config.redisUrl, { failFast: true });
    bull = new BullJobQueue({
      connection: producer,
      prefix: config.queuePrefix,
      attempts: config.jobAttempts,
      backoffMs: config.jobBackoffMs,
    });
    queue = bull;
    closers.push(async () => {
      producer.disconnect();
    });
    if (role !== 'api') {
      const consumer = redisConnection(config.redisUrl);
      runner = new BullRunner({
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
      });
      closers.push(async () => {
        consumer.disconnect();
      });
    }
  }

  const sweeper = worksHere ? startSweeper(store, queue, config.sweepIntervalMs, onError) : null;
  const webhooks =
    worksHere && config.webhookUrl && config.webhookSecret
      ? startWebhookDispatcher(db.sql, {
          url: config.webhookUrl,
          secret: config.webhookSecret,
          maxAttempts: config.webhookMaxAttempts,
          intervalMs: config.webhookIntervalMs,
          onError,
        })
      : null;

  const review: ReviewDeps = { repo: new ReviewStore(db.sql) };
  const ctx: RouteContext = {
    sql: db.sql,
    review,
    claimTtlSeconds: config.claimTtlSeconds,
    effective: async (id) => (await getEffectiveExtraction(review, id))?.extraction ?? null,
    store,
    queue,
    config,
    logger,
    async enqueue(refs) {
      try {
        // Bounded: with Redis down an upload is answered within ~2 s; the sweeper queues what this missed.
        await withTimeout(queue.enqueue(refs), 2000);
      } catch (err) {
        logger.warn({ err, jobs: refs.length }, 'queueing failed; the sweeper will queue these documents');
      }
    },
  };
  const app =
    role === 'worker'
      ? null
      : createApp({
          ctx,
          metrics,
          bullQueue: config.bullBoard ? bull?.queue : undefined,
          authorize: config.auth === 'keys' ? keyAuthorizer(db.sql) : openAuthorizer,
          ready: async () => {
            await db.sql.query('select 1');
            await withTimeout(queue.counts(), 2000);
            return { database: db.kind, queue: queue.kind };
          },
        });

  let bootstrapKey: CreatedKey | null = null;
  if (app && config.auth === 'off') await ensureAnonymousKey(db.sql);
  else if (app && db.kind === 'pglite') bootstrapKey = await ensureBootstrapAdmin(db.sql);

  let closing: Promise<void> | null = null;
  return {
    config,
    role,
    db,
    store,
    queue,
    metrics,
    logger,
    pool,
    app,
    bootstrapKey,
    sweepNow: () => sweeper?.runNow() ?? Promise.resolve(null),
    close() {
      closing ??= (async () => {
        stopWaiting.abort();
        await sweeper?.stop();
        await runner?.stop();
        await pool?.close();
        await webhooks?.stop();
        if ((queue as unknown) !== runner) await queue.close();
        for (const close of closers) await close();
        await db.sql.close();
      })();
      return closing;
    },
  };
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
