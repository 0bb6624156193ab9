// Issue 12, "what it must show" 2 at CI size: a batch in PostgreSQL + BullMQ mode through a PostgreSQL outage and,
// separately, a Redis outage — every document `done` exactly once (one stored result, written once), none failed,
// none lost. The outages are cut by TCP proxies (test/server/proxy.ts), never by stopping the shared servers.
// KEHOACH_POISON_ATTEMPTS=1 in the PostgreSQL runs: a single attempt wrongly counted for the outage would
// quarantine its document as `poison`. bench/outage.ts is the 2,000-document version.
import { afterEach, describe, expect, it } from 'vitest';
import { openPg } from '../../src/db/pg.js';
import type { ClosableSql } from '../../src/db/pglite.js';
import { DATABASE_URL, REDIS_URL, skipUnless } from '../helpers/services.js';
import { form, type Harness, planText, startHarness, waitFor } from '../server/harness.js';
import { startProxy, type TcpProxy } from '../server/proxy.js';

const skip = await skipUnless('a batch through PostgreSQL and Redis outages', ['redis', 'postgres']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  h: Harness;
  /** A direct connection to the run's schema (the harness's own goes through the proxy). */
  sql: ClosableSql;
  batchId: string;
}

async function createBatch(h: Harness, name: string): Promise<string> {
  const res = await h.request('/v1/batches', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Uploads plans [from, from + n) into the batch, 10 per request; resolves with each request's status and time. */
async function upload(run: Run, tag: string, from: number, n: number): Promise<{ status: number; ms: number }[]> {
  const answers: { status: number; ms: number }[] = [];
  for (let start = from; start < from + n; start += 10) {
    const files = Array.from({ length: Math.min(10, from + n - start) }, (_, k) => ({
      name: `${tag}-${start + k}.txt`,
      bytes: planText(start + k, `${tag} ${start + k}`),
    }));
    const t = Date.now();
    const res = await run.h.request(`/v1/batches/${run.batchId}/documents`, { method: 'POST', body: form(files) });
    await res.arrayBuffer();
    answers.push({ status: res.status, ms: Date.now() - t });
  }
  return answers;
}

async function count(sql: ClosableSql, where: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(`select count(*) as n from documents where ${where}`);
  return Number(rows[0]!.n);
}

/** Waits for every document to finish; then each is done with one extraction written once, none failed. */
async function expectEachDoneOnce(run: Run, total: number): Promise<void> {
  await waitFor(
    async () => ((await count(run.sql, "status in ('done', 'failed')")) >= total ? true : undefined),
    240_000,
    `all ${total} documents finished`,
  );
  const { rows } = await run.sql.query<{ status: string; reason: string | null; runs: number | null }>(
    `select d.status, d.failure_reason as reason, e.runs from batch_documents bd
     join documents d on d.id = bd.document_id left join extractions e on e.document_id = d.id
     where bd.batch_id = $1`,
    [run.batchId],
  );
  const tally = (f: (r: (typeof rows)[number]) => string) => {
    const acc: Record<string, number> = {};
    for (const r of rows) acc[f(r)] = (acc[f(r)] ?? 0) + 1;
    return acc;
  };
  expect(rows).toHaveLength(total);
  expect(tally((r) => (r.status === 'failed' ? `failed: ${r.reason}` : r.status))).toEqual({ done: total });
  expect(tally((r) => `runs ${r.runs}`)).toEqual({ 'runs 1': total });
  const batch = (await (await run.h.request(`/v1/batches/${run.batchId}`)).json()) as {
    total: number;
    done: number;
    counts: Record<string, number>;
  };
  expect([batch.total, batch.done, batch.counts['done']]).toEqual([total, total, total]);
}

describe.skipIf(skip !== null)('a batch in PostgreSQL + BullMQ mode through outages', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
  });

  async function start(env: Record<string, string>, proxies: { pg?: TcpProxy; redis?: TcpProxy }): Promise<Run> {
    const h = await startHarness({
      mode: 'postgres-bullmq',
      ...(proxies.pg ? { databaseUrl: proxies.pg.url } : {}),
      ...(proxies.redis ? { redisUrl: proxies.redis.url } : {}),
      env: { KEHOACH_CONCURRENCY: '4', KEHOACH_JOBS: '2', ...env },
    });
    cleanup.push(() => h.close());
    const sql = await openPg(DATABASE_URL, { schema: h.runtime.config.dbSchema, max: 2 });
    cleanup.push(() => sql.close());
    return { h, sql, batchId: await createBatch(h, 'outage') };
  }

  async function proxy(url: string, port: number): Promise<TcpProxy> {
    const p = await startProxy(url, port);
    cleanup.push(() => p.close());
    return p;
  }

  for (const sandbox of [false, true]) {
    const n = sandbox ? 30 : 60;
    it(`PostgreSQL cut for 5 s mid-batch (${sandbox ? 'sandboxed child processes' : 'parse pool'}): ${n} documents done once, none failed`, async () => {
      const pg = await proxy(DATABASE_URL, 5432);
      const run = await start(
        { KEHOACH_POISON_ATTEMPTS: '1', KEHOACH_SANDBOX: String(sandbox), KEHOACH_CONCURRENCY: sandbox ? '2' : '4' },
        { pg },
      );
      const before = Math.round((n * 2) / 3);
      expect((await upload(run, 'pg', 0, before)).map((a) => a.status)).toEqual(Array(before / 10).fill(202));
      await waitFor(async () => ((await count(run.sql, "status = 'done'")) >= 5 ? true : undefined), 120_000);
      pg.down();
      // Longer than every queue retry of the old code (5 tries, 50 ms backoff): it failed these documents.
      await sleep(5000);
      expect(await count(run.sql, "status = 'failed'")).toBe(0);
      pg.up();
      // Documents uploaded after the database is back (the old sandboxed child kept its failed connection).
      expect((await upload(run, 'pg', before, n - before)).map((a) => a.status)).toEqual(
        Array((n - before) / 10).fill(202),
      );
      await expectEachDoneOnce(run, n);
    }, 300_000);
  }

  it('Redis cut for 7 s mid-batch (longer than the job locks): uploads stored at once and queued after; all done once', async () => {
    const redis = await proxy(`${REDIS_URL.replace(/\/\d*$/, '')}/6`, 6379);
    const run = await start({}, { redis });
    expect((await upload(run, 'redis', 0, 40)).map((a) => a.status)).toEqual(Array(4).fill(202));
    await waitFor(async () => ((await count(run.sql, "status = 'done'")) >= 5 ? true : undefined), 120_000);
    redis.down();
    const cutAt = Date.now();
    const during = await upload(run, 'redis', 40, 20);
    expect(during.map((a) => a.status)).toEqual([202, 202]);
    // Stored and answered without waiting for Redis (the database is the source of truth).
    expect(Math.max(...during.map((a) => a.ms))).toBeLessThan(4000);
    expect(await count(run.sql, 'true')).toBe(60);
    await sleep(Math.max(0, 7000 - (Date.now() - cutAt)));
    redis.up();
    await expectEachDoneOnce(run, 60);
  }, 300_000);
});
