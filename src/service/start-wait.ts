// Start-up when PostgreSQL or Redis is not there yet (a restart, a rolling upgrade, containers starting in any
// order): the process logs and retries with backoff until they answer, instead of exiting. Bounded by
// KEHOACH_START_WAIT_SECONDS; by default a worker waits for ever and the API roles 10 minutes (then exit 1, so
// a supervisor shows the failure instead of a server that never listens).
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { migrate } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open.js';
import { isUnavailable, untilAvailable } from '../unavailable.js';

const API_DEFAULT_WAIT_MS = 10 * 60_000;

/** The runtime's roles (src/service/runtime.ts). */
type Role = 'all' | 'api' | 'worker';

/** The start-up budget of this role in milliseconds; null waits for ever. */
export function startWaitMs(config: Pick<Config, 'startWaitMs'>, role: Role): number | null {
  if (config.startWaitMs !== undefined) return config.startWaitMs;
  return role === 'worker' ? null : API_DEFAULT_WAIT_MS;
}

interface Deadline {
  started: number;
  maxMs: number | null;
}

async function waitFor<T>(what: string, op: () => Promise<T>, deadline: Deadline, logger: Logger): Promise<T> {
  let waited = false;
  const remaining = deadline.maxMs === null ? undefined : Math.max(0, deadline.maxMs - (Date.now() - deadline.started));
  try {
    const value = await untilAvailable(op, {
      maxMs: remaining,
      onWait: (err, delayMs) => {
        waited = true;
        logger.warn(
          {
            err: err instanceof Error ? err.message : String(err),
            retryInMs: delayMs,
            waitedS: Math.round((Date.now() - deadline.started) / 1000),
          },
          `${what} unreachable at start-up; retrying`,
        );
      },
    });
    if (waited) logger.info(`${what} reachable; starting`);
    return value;
  } catch (err) {
    if (!isUnavailable(err)) throw err;
    const s = Math.round((Date.now() - deadline.started) / 1000);
    throw new Error(
      `${what} still unreachable after ${s} s (KEHOACH_START_WAIT_SECONDS): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

/** Opens and migrates the database, waiting for PostgreSQL as long as the role's budget allows. */
export async function openDatabaseWaiting(
  config: Config,
  role: Role,
  logger: Logger,
): Promise<{ db: Database; deadline: Deadline }> {
  const deadline = { started: Date.now(), maxMs: startWaitMs(config, role) };
  const db = await waitFor('PostgreSQL', () => openDatabase(config, { migrate: false }), deadline, logger);
  try {
    await waitFor('PostgreSQL', () => migrate(db.sql), deadline, logger);
  } catch (err) {
    await db.sql.close().catch(() => {});
    throw err;
  }
  return { db, deadline };
}

/** Resolves once Redis answers PING (a worker has nothing to do before), within the same start-up budget. */
export async function waitForRedis(url: string, deadline: Deadline, logger: Logger): Promise<void> {
  await waitFor('Redis', () => pingRedis(url), deadline, logger);
}

/** One PING on a fresh connection that does not retry by itself; rejects with the connection's error. */
export async function pingRedis(url: string, timeoutMs = 2000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}
