// All runtime configuration comes from the environment, validated once at start-up.
import { z } from 'zod';
import { PoolEnvSchema, poolOptions } from './pool/config.js';
import type { PoolOptions } from './pool/pool.js';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const bool = (def: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === '1' || v === 'true' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Environment variable → setting. The README lists every one of them. */
export const EnvSchema = z
  .object({
    PORT: int(3000, 0),
    HOST: z.string().default('0.0.0.0'),
    KEHOACH_DATA_DIR: z.string().default('./data'),
    DATABASE_URL: optionalString,
    KEHOACH_DB_SCHEMA: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/)
        .optional(),
    ),
    REDIS_URL: optionalString,
    KEHOACH_QUEUE_PREFIX: z.string().default('kehoach'),
    /** Jobs in flight per worker process; default twice the parse pool's size (KEHOACH_JOBS). */
    KEHOACH_CONCURRENCY: z.coerce.number().int().min(1).optional(),
    /** BullMQ: parse in sandboxed child processes instead of the parse pool's threads. */
    KEHOACH_SANDBOX: bool(false),
    KEHOACH_POISON_ATTEMPTS: int(3, 1),
    KEHOACH_JOB_ATTEMPTS: int(5, 1),
    KEHOACH_JOB_BACKOFF_MS: int(2000, 0),
    KEHOACH_JOB_LOCK_MS: int(30_000, 1000),
    KEHOACH_STALLED_INTERVAL_MS: int(30_000, 500),
    KEHOACH_SWEEP_INTERVAL_MS: int(60_000, 100),
    KEHOACH_MAX_FILE_BYTES: int(20 * 1024 * 1024, 1),
    KEHOACH_MAX_FILES: int(50, 1),
    KEHOACH_MAX_REQUEST_BYTES: int(100 * 1024 * 1024, 1),
    KEHOACH_MAX_JSON_BYTES: int(64 * 1024, 1),
    KEHOACH_PAGE_LIMIT_MAX: int(200, 1),
    KEHOACH_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
    KEHOACH_WEBHOOK_SECRET: optionalString,
    KEHOACH_WEBHOOK_MAX_ATTEMPTS: int(10, 1),
    KEHOACH_WEBHOOK_INTERVAL_MS: int(2000, 50),
    KEHOACH_SHUTDOWN_TIMEOUT_MS: int(60_000, 0),
    /** How long a starting process waits for PostgreSQL (and a worker for Redis): seconds, or `forever`. */
    KEHOACH_START_WAIT_SECONDS: optionalString.pipe(
      z.union([z.literal('forever'), z.string().regex(/^\d+$/, 'a number of seconds or "forever"')]).optional(),
    ),
    KEHOACH_BULL_BOARD: bool(true),
    KEHOACH_AUTH: z.enum(['keys', 'off']).default('keys'),
    KEHOACH_CLAIM_TTL_SECONDS: int(15 * 60, 1),
  })
  .extend(PoolEnvSchema.shape);

export interface Config {
  port: number;
  host: string;
  /** Embedded PGlite folder; null keeps everything in memory (tests only). */
  dataDir: string | null;
  databaseUrl: string | undefined;
  dbSchema: string | undefined;
  redisUrl: string | undefined;
  queuePrefix: string;
  concurrency: number;
  /** Run extraction in a sandboxed child process (BullMQ only) instead of the parse pool. */
  sandbox: boolean;
  /** The parse pool: workers, heap cap, time budget. */
  pool: Required<PoolOptions>;
  /** Processing attempts a document may start before it is quarantined as `poison`. */
  poisonAttempts: number;
  jobAttempts: number;
  jobBackoffMs: number;
  jobLockMs: number;
  stalledIntervalMs: number;
  sweepIntervalMs: number;
  maxFileBytes: number;
  maxFiles: number;
  /** Total bytes of one upload request (files are buffered until stored). */
  maxRequestBytes: number;
  maxJsonBytes: number;
  pageLimitMax: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  webhookMaxAttempts: number;
  webhookIntervalMs: number;
  shutdownTimeoutMs: number;
  /**
   * How long start-up waits for an unreachable PostgreSQL (a worker also for Redis) before giving up: milliseconds,
   * null for ever; undefined for the role's default (a worker waits for ever, the API roles 10 minutes).
   */
  startWaitMs: number | null | undefined;
  bullBoard: boolean;
  /** keys: every route needs an API key with the route's permission; off: trusted network or tests only. */
  auth: 'keys' | 'off';
  /** How long a reviewer's claim on a field lasts unless renewed. */
  claimTtlSeconds: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    // The sandboxed workers and the API are separate processes; PGlite can only be opened by one of them.
    throw new ConfigError('REDIS_URL requires DATABASE_URL (the embedded PGlite database cannot be shared)');
  }
  if (e.KEHOACH_WEBHOOK_URL && !e.KEHOACH_WEBHOOK_SECRET) {
    throw new ConfigError('KEHOACH_WEBHOOK_URL requires KEHOACH_WEBHOOK_SECRET (deliveries are signed)');
  }
  const pool = poolOptions(e);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.KEHOACH_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    dbSchema: e.KEHOACH_DB_SCHEMA,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.KEHOACH_QUEUE_PREFIX,
    // Two jobs per parse thread: one parses while the other's database round trips run.
    concurrency: e.KEHOACH_CONCURRENCY ?? 2 * pool.size,
    sandbox: e.KEHOACH_SANDBOX,
    pool,
    poisonAttempts: e.KEHOACH_POISON_ATTEMPTS,
    jobAttempts: e.KEHOACH_JOB_ATTEMPTS,
    jobBackoffMs: e.KEHOACH_JOB_BACKOFF_MS,
    jobLockMs: e.KEHOACH_JOB_LOCK_MS,
    stalledIntervalMs: e.KEHOACH_STALLED_INTERVAL_MS,
    sweepIntervalMs: e.KEHOACH_SWEEP_INTERVAL_MS,
    maxFileBytes: e.KEHOACH_MAX_FILE_BYTES,
    maxFiles: e.KEHOACH_MAX_FILES,
    maxRequestBytes: e.KEHOACH_MAX_REQUEST_BYTES,
    maxJsonBytes: e.KEHOACH_MAX_JSON_BYTES,
    pageLimitMax: e.KEHOACH_PAGE_LIMIT_MAX,
    webhookUrl: e.KEHOACH_WEBHOOK_URL,
    webhookSecret: e.KEHOACH_WEBHOOK_SECRET,
    webhookMaxAttempts: e.KEHOACH_WEBHOOK_MAX_ATTEMPTS,
    webhookIntervalMs: e.KEHOACH_WEBHOOK_INTERVAL_MS,
    shutdownTimeoutMs: e.KEHOACH_SHUTDOWN_TIMEOUT_MS,
    startWaitMs:
      e.KEHOACH_START_WAIT_SECONDS === undefined
        ? undefined
        : e.KEHOACH_START_WAIT_SECONDS === 'forever'
          ? null
          : Number(e.KEHOACH_START_WAIT_SECONDS) * 1000,
    bullBoard: e.KEHOACH_BULL_BOARD,
    auth: e.KEHOACH_AUTH,
    claimTtlSeconds: e.KEHOACH_CLAIM_TTL_SECONDS,
  };
}

/** The variables a sandboxed child needs to reach the same database (and outbox) as its parent. */
export function childEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  if (config.databaseUrl) env['DATABASE_URL'] = config.databaseUrl;
  if (config.dbSchema) env['KEHOACH_DB_SCHEMA'] = config.dbSchema;
  if (config.webhookUrl) env['KEHOACH_WEBHOOK_URL'] = config.webhookUrl;
  if (config.webhookSecret) env['KEHOACH_WEBHOOK_SECRET'] = config.webhookSecret;
  env['KEHOACH_POISON_ATTEMPTS'] = String(config.poisonAttempts);
  return env;
}
