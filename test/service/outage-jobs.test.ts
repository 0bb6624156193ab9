// Issue 12, infrastructure failures in the job path: a database that is unreachable while a job claims, stores or
// fails its document is waited out with backoff inside the job, never counted against the document's own attempts
// (KEHOACH_POISON_ATTEMPTS=1 here: one wrongly counted attempt would quarantine it as poison), and never turns into
// a document failure. On shutdown a waiting job gives up with an `infrastructure unavailable:` error and the
// document stays pending for the next start.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import type { Sql } from '../../src/db/types.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import type { ParseResult } from '../../src/pool/index.js';
import { processDocument } from '../../src/queue/job.js';
import type { JobRef, JobStore } from '../../src/queue/types.js';
import { Store } from '../../src/store/store.js';
import { isUnavailable, untilAvailable } from '../../src/unavailable.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const terminated = () => new Error('Connection terminated unexpectedly');

describe('untilAvailable', () => {
  it('retries only infrastructure errors, with growing delays, until the operation succeeds', async () => {
    let calls = 0;
    const delays: number[] = [];
    const value = await untilAvailable(
      async () => {
        calls++;
        if (calls < 4) throw calls % 2 ? refused() : terminated();
        return 'ok';
      },
      { firstDelayMs: 10, onWait: (_err, ms) => delays.push(ms) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(4);
    expect(delays).toHaveLength(3);
    expect(delays[2]!).toBeGreaterThan(delays[0]!);
    await expect(untilAvailable(async () => Promise.reject(new Error('syntax error at or near')))).rejects.toThrow(
      /syntax error/,
    );
  });

  it('gives up after maxMs or when its signal is aborted, with the last infrastructure error', async () => {
    const started = Date.now();
    await expect(untilAvailable(() => Promise.reject(refused()), { maxMs: 300, firstDelayMs: 50 })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    await expect(untilAvailable(() => Promise.reject(refused()), { signal: stop.signal })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});

/**
 * The real store, with the database "down" for the next `n` calls of the named methods (`down`), or cut just
 * after it committed the next `n` calls so their answers are lost (`lost`).
 */
function flaky(store: Store) {
  const down = new Map<string, number>();
  const lost = new Map<string, number>();
  const calls = new Map<string, number>();
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      const n = down.get(name) ?? 0;
      if (n > 0) {
        down.set(name, n - 1);
        throw n % 2 ? refused() : terminated();
      }
      const value = await fn(...a);
      const l = lost.get(name) ?? 0;
      if (l > 0) {
        lost.set(name, l - 1);
        throw terminated();
      }
      return value;
    };
  const jobStore: JobStore = {
    claim: wrap('claim', (ref: JobRef, max?: number, token?: string | null) => store.claim(ref, max, token)),
    releaseAttempt: wrap('releaseAttempt', (ref: JobRef) => store.releaseAttempt(ref)),
    setProgress: (ref, d, t) => store.setProgress(ref, d, t),
    saveResult: wrap('saveResult', store.saveResult.bind(store)),
    markFailed: wrap('markFailed', store.markFailed.bind(store)),
  };
  return { jobStore, down, lost, calls };
}

async function withDocuments<T>(n: number, fn: (store: Store, refs: JobRef[], sql: Sql) => Promise<T>): Promise<T> {
  const { sql } = await openDatabase({ dataDir: null });
  try {
    const store = new Store(sql);
    const uploads = Array.from({ length: n }, (_, i) => ({
      sha256: i.toString(16).padStart(64, '0'),
      fileName: `p${i}.txt`,
      contentType: null,
      format: 'text' as const,
      bytes: new TextEncoder().encode(`KẾ HOẠCH thử ${i}`),
    }));
    const { jobs } = await sql.transaction((tx) => store.storeUploads(tx, uploads, null));
    return await fn(store, jobs, sql);
  } finally {
    await sql.close();
  }
}

const attemptsOf = async (sql: Sql, ref: JobRef) => {
  const { rows } = await sql.query<{ attempts: number; status: string }>(
    'select attempts, status from documents where id = $1',
    [ref.documentId],
  );
  return rows[0]!;
};

describe('a database outage inside a job', () => {
  it('is waited out at claim, save and failure, and never counts against the document (poison attempts = 1)', async () => {
    await withDocuments(3, async (store, [a, b, c], sql) => {
      const { jobStore, down, lost, calls } = flaky(store);
      const waits: unknown[] = [];
      const opts = { maxAttempts: 1, onWait: (err: unknown) => waits.push(err) };
      // The outage hits the claim (the third try reaches the database but its answer is lost), then the save.
      down.set('claim', 2).set('saveResult', 3);
      lost.set('claim', 1);
      expect(await processDocument(jobStore, a, opts)).toBe('done');
      expect(calls.get('claim')).toBe(4);
      expect(calls.get('saveResult')).toBe(4);
      expect(await attemptsOf(sql, a!)).toEqual({ attempts: 1, status: 'done' });
      // An unreadable file's failure is recorded once the database answers, and rethrown as unreadable.
      const unreadable = async (): Promise<ParseResult> => {
        throw new UnreadableDocumentError('corrupt-file', 'broken');
      };
      down.set('markFailed', 2);
      await expect(processDocument(jobStore, b, { ...opts, parse: unreadable })).rejects.toThrow(
        UnreadableDocumentError,
      );
      expect(await attemptsOf(sql, b!)).toEqual({ attempts: 1, status: 'failed' });
      // A bug in a parse gives its attempt back even when the database blinks at that moment.
      const bug = async (): Promise<ParseResult> => {
        throw new TypeError('x is undefined');
      };
      down.set('releaseAttempt', 2);
      await expect(processDocument(jobStore, c, { ...opts, parse: bug })).rejects.toThrow(TypeError);
      expect(await attemptsOf(sql, c!)).toEqual({ attempts: 0, status: 'processing' });
      expect(await processDocument(jobStore, c, opts)).toBe('done');
      expect(waits.length).toBe(3 + 3 + 2 + 2);
      expect(waits.every((e) => isUnavailable(e))).toBe(true);
    });
  }, 120_000);

  it('stops waiting on shutdown: an infrastructure error (not a document failure), the document still pending', async () => {
    await withDocuments(1, async (store, [ref], sql) => {
      const { jobStore, down } = flaky(store);
      down.set('claim', 1_000_000);
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 300);
      const err = await processDocument(jobStore, ref, { maxAttempts: 1, signal: stop.signal }).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/^infrastructure unavailable: /);
      expect(isUnavailable(err)).toBe(true);
      expect(await attemptsOf(sql, ref!)).toEqual({ attempts: 0, status: 'queued' });
      expect((await store.pending(0, 10)).map((p) => p.documentId)).toEqual([ref!.documentId]);
    });
  }, 120_000);
});
