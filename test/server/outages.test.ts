// Issue 12, the HTTP side: concurrent uploads into one batch (no deadlock), bad input answered as problem+json
// (never HTML, a stack or a path), and PostgreSQL / Redis outages answered 503 with Retry-After quickly, with
// uploads kept (the database is the source of truth) and queued when Redis is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, REDIS_URL, skipUnless } from '../helpers/services.js';
import { form, type Harness, planText, startHarness, waitFor } from './harness.js';
import { startProxy, type TcpProxy } from './proxy.js';

const PROBLEM = 'https://kehoach.dev/problems/';
const skip = await skipUnless('outages (postgres-bullmq)', ['redis', 'postgres']);

async function problemOf(res: Response, status: number, type: string) {
  const text = await res.text();
  expect([res.status, text.slice(0, 200)]).toEqual([status, expect.any(String)]);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body['type']).toBe(PROBLEM + type);
  expect(text).not.toMatch(/<html|node_modules|at [A-Za-z.]+ \(|\/work\//i);
  return body;
}

describe.skipIf(skip !== null)('PostgreSQL + BullMQ: concurrency and bad input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'postgres-bullmq', role: 'api' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('8 concurrent uploads of 20 files into one batch: all 2xx, 160 documents, counts right', async () => {
    const created = await h.request('/v1/batches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"parallel"}',
    });
    const batchId = ((await created.json()) as { id: string }).id;
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async (_, r) => {
        const files = Array.from({ length: 20 }, (_, k) => ({
          name: `p-${r}-${k}.txt`,
          bytes: planText(r * 20 + k, `parallel ${r}-${k}`),
        }));
        const res = await h.request(`/v1/batches/${batchId}/documents`, { method: 'POST', body: form(files) });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses).toEqual(Array(8).fill(202));
    const batch = (await (await h.request(`/v1/batches/${batchId}`)).json()) as {
      total: number;
      counts: Record<string, number>;
    };
    expect(batch.total).toBe(160);
    expect(Object.values(batch.counts).reduce((a, b) => a + b, 0)).toBe(160);
    const { rows } = await h.runtime.db.sql.query<{ n: string }>(
      'select count(*) as n from batch_documents where batch_id = $1',
      [batchId],
    );
    expect(Number(rows[0]!.n)).toBe(160);
  }, 120_000);

  it('NUL and other control characters in a query or a path: 400 invalid-query / 404, never 500', async () => {
    for (const path of ['/v1/documents?q=%00', '/v1/documents?province=a%01b', '/v1/review/queue?flag=%00']) {
      await problemOf(await h.request(path), 400, 'invalid-query');
    }
    await problemOf(await h.request('/v1/documents/%00'), 404, 'not-found');
  });

  it('every body-parser error is problem+json: oversized, malformed, wrong type', async () => {
    const big = JSON.stringify({ role: 'reader', name: 'x'.repeat(200_000) });
    const json = { 'content-type': 'application/json' };
    await problemOf(await h.request('/v1/keys', { method: 'POST', headers: json, body: big }), 413, 'body-too-large');
    await problemOf(
      await h.request('/v1/keys', { method: 'POST', headers: json, body: '{"role":' }),
      400,
      'invalid-body',
    );
    await problemOf(
      await h.request('/v1/documents/x/corrections', { method: 'POST', headers: json, body: '[1,' }),
      400,
      'invalid-body',
    );
    await problemOf(
      await h.request('/v1/review/claims', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
      415,
      'unsupported-media-type',
    );
    await problemOf(
      await h.request('/v1/batches', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=koi8-r' },
        body: '{}',
      }),
      415,
      'unsupported-media-type',
    );
  });
});

describe.skipIf(skip !== null)('PostgreSQL + BullMQ through outages', () => {
  let h: Harness;
  let pg: TcpProxy;
  let redis: TcpProxy;
  beforeAll(async () => {
    pg = await startProxy(DATABASE_URL, 5432);
    redis = await startProxy(`${REDIS_URL.replace(/\/\d*$/, '')}/6`, 6379);
    h = await startHarness({ mode: 'postgres-bullmq', databaseUrl: pg.url, redisUrl: redis.url, inline: true });
  });
  afterAll(async () => {
    pg?.up();
    redis?.up();
    await h?.close();
    await pg?.close();
    await redis?.close();
  });

  it('Redis down: uploads are stored and answered at once, readiness is 503, and they are queued and done when Redis is back', async () => {
    redis.down();
    const started = Date.now();
    const res = await h.request('/v1/documents', {
      method: 'POST',
      body: form([{ name: 'redis-down.txt', bytes: planText(900, 'redis down') }]),
    });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(4000);
    const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    const ready = await h.request('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBeTruthy();
    redis.up();
    await waitFor(
      async () => {
        const d = (await (await h.request(`/v1/documents/${id}`)).json()) as { status: string };
        return d.status === 'done' ? true : undefined;
      },
      60_000,
      'the upload done after Redis came back',
    );
  }, 90_000);

  it('PostgreSQL down: requests get 503 service-unavailable with Retry-After quickly; service resumes after', async () => {
    pg.down();
    const started = Date.now();
    const res = await h.request('/v1/documents');
    const body = await problemOf(res, 503, 'service-unavailable');
    expect(body['status']).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(4000);
    await problemOf(
      await h.request('/v1/documents', { method: 'POST', body: form([{ name: 'a.txt', bytes: planText(901) }]) }),
      503,
      'service-unavailable',
    );
    pg.up();
    await waitFor(async () => ((await h.request('/v1/documents')).status === 200 ? true : undefined), 20_000);
  }, 60_000);
});
