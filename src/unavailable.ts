// Is this error the infrastructure (database or Redis unreachable) rather than the request, the document or a
// bug? Requests answer those 503 service-unavailable with Retry-After, so clients retry instead of giving up on a
// 500; jobs and start-up wait them out (untilAvailable) instead of failing, and never count them against a
// document's own attempts.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection is closed/i,
  /stream isn't writeable/i,
  /max retries per request/i,
  /client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
  /queue unavailable/i,
  /infrastructure unavailable/i,
];

export function isUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // PostgreSQL class 08 (connection exception) and 57P0x (operator intervention: shutdown, cannot connect now).
  if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isUnavailable(x, depth + 1))) return true;
  return isUnavailable(e.cause, depth + 1);
}

/** Prefix of the message of a job that gave up waiting for the infrastructure (shutdown): never a document failure. */
export const INFRA_PREFIX = 'infrastructure unavailable: ';

/** The error a job ends with when it stops waiting for the database or Redis (recognised by isUnavailable). */
export function infrastructureError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(message.startsWith(INFRA_PREFIX) ? message : INFRA_PREFIX + message, { cause: err });
}

export interface WaitOptions {
  /** Stop waiting (shutdown): the last infrastructure error is thrown. */
  signal?: AbortSignal | undefined;
  /** Give up after this many milliseconds of waiting in total (default: never). */
  maxMs?: number | undefined;
  /** Called before each wait: the error, the delay before the next try, the time waited so far. */
  onWait?: ((err: unknown, delayMs: number, waitedMs: number) => void) | undefined;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs op until it succeeds or fails with something other than an unavailable database or Redis; in between,
 * waits with exponential backoff (250 ms doubling to 5 s, ±20 % jitter so many waiters do not retry in step).
 */
export async function untilAvailable<T>(op: () => Promise<T>, opts: WaitOptions = {}): Promise<T> {
  const started = Date.now();
  let delay = opts.firstDelayMs ?? 250;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      const waited = Date.now() - started;
      if (opts.signal?.aborted || (opts.maxMs !== undefined && waited >= opts.maxMs)) throw err;
      const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));
      const next = opts.maxMs === undefined ? jittered : Math.min(jittered, opts.maxMs - waited);
      opts.onWait?.(err, next, waited);
      await sleep(next, opts.signal);
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 5000);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
