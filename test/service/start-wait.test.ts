// Issue 12: a process started while PostgreSQL or Redis is down does not exit. It logs, retries with backoff until
// they answer, then runs normally; KEHOACH_START_WAIT_SECONDS bounds the wait (a worker waits for ever by
// default). The services are "down" behind TCP proxies that refuse connections until brought up.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startWaitMs } from '../../src/service/start-wait.js';
import { ROOT } from '../helpers/cli.js';
import { DATABASE_URL, REDIS_URL, skipUnless } from '../helpers/services.js';
import { form, type Harness, planText, startHarness, uniqueName, waitFor } from '../server/harness.js';
import { startProxy, type TcpProxy } from '../server/proxy.js';

const skip = await skipUnless('start-up while PostgreSQL or Redis is down', ['redis', 'postgres']);
const REDIS_DB = 7;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function worker(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', KEHOACH_JOBS: '1', KEHOACH_CONCURRENCY: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

const logged = (p: Proc, text: string, timeoutMs = 60_000) =>
  waitFor(async () => (p.output().includes(text) ? true : undefined), timeoutMs, `"${text}" in the log`);

describe('start-up budget', () => {
  it('defaults to for ever for a worker and 10 minutes for the API roles; KEHOACH_START_WAIT_SECONDS overrides', () => {
    expect(startWaitMs({ startWaitMs: undefined }, 'worker')).toBeNull();
    expect(startWaitMs({ startWaitMs: undefined }, 'api')).toBe(600_000);
    expect(startWaitMs({ startWaitMs: undefined }, 'all')).toBe(600_000);
    expect(startWaitMs({ startWaitMs: 5000 }, 'worker')).toBe(5000);
    expect(startWaitMs({ startWaitMs: null }, 'api')).toBeNull();
  });
});

describe.skipIf(skip !== null)('start-up while PostgreSQL or Redis is down', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
  });

  async function proxies(): Promise<{ pg: TcpProxy; redis: TcpProxy }> {
    const pg = await startProxy(DATABASE_URL, 5432);
    const redis = await startProxy(`${REDIS_URL.replace(/\/\d*$/, '')}/${REDIS_DB}`, 6379);
    cleanup.push(
      () => pg.close(),
      () => redis.close(),
    );
    return { pg, redis };
  }

  function track(p: Proc) {
    cleanup.push(async () => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    });
    return p;
  }

  it('a worker waits for PostgreSQL, then for Redis, then processes jobs; SIGTERM still exits 0', async () => {
    const { pg, redis } = await proxies();
    pg.down();
    redis.down();
    const schema = uniqueName('kh_wait');
    const prefix = uniqueName('khq_wait');
    const w = track(
      worker({ DATABASE_URL: pg.url, KEHOACH_DB_SCHEMA: schema, REDIS_URL: redis.url, KEHOACH_QUEUE_PREFIX: prefix }),
    );
    await logged(w, 'PostgreSQL unreachable at start-up; retrying');
    await sleep(3000);
    expect(w.child.exitCode).toBeNull();
    pg.up();
    await logged(w, 'Redis unreachable at start-up; retrying');
    await sleep(2000);
    expect(w.child.exitCode).toBeNull();
    redis.up();
    await logged(w, 'kehoach started');
    // It runs normally: a document uploaded through an API on the same database and queue is processed by it.
    const api: Harness = await startHarness({
      mode: 'postgres-bullmq',
      role: 'api',
      schema,
      prefix,
      redisDb: REDIS_DB,
    });
    cleanup.push(() => api.close());
    const res = await api.request('/v1/documents', {
      method: 'POST',
      body: form([{ name: 'after-wait.txt', bytes: planText(7, 'after the wait') }]),
    });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    await waitFor(
      async () => {
        const d = (await (await api.request(`/v1/documents/${id}`)).json()) as { status: string };
        return d.status === 'done' ? true : undefined;
      },
      120_000,
      'the document done by the worker',
    );
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 300_000);

  it('KEHOACH_START_WAIT_SECONDS bounds the wait: the worker then exits 1 naming what it waited for', async () => {
    const { pg } = await proxies();
    pg.down();
    const started = Date.now();
    const w = track(
      worker({
        DATABASE_URL: pg.url,
        KEHOACH_DB_SCHEMA: uniqueName('kh_wait'),
        REDIS_URL: `${REDIS_URL.replace(/\/\d*$/, '')}/${REDIS_DB}`,
        KEHOACH_START_WAIT_SECONDS: '2',
      }),
    );
    expect(await w.exited).toBe(1);
    expect(w.output()).toMatch(/PostgreSQL still unreachable after 2 s \(KEHOACH_START_WAIT_SECONDS\)/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('the API waits for PostgreSQL and then serves; with only Redis down it starts at once and stores uploads', async () => {
    const { pg, redis } = await proxies();
    pg.down();
    redis.down();
    setTimeout(() => pg.up(), 3000);
    const started = Date.now();
    const api = await startHarness({ mode: 'postgres-bullmq', role: 'api', databaseUrl: pg.url, redisUrl: redis.url });
    cleanup.push(() => api.close());
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect((await api.request('/healthz')).status).toBe(200);
    const res = await api.request('/v1/documents', {
      method: 'POST',
      body: form([{ name: 'redis-down-at-start.txt', bytes: planText(8, 'redis down at start') }]),
    });
    expect(res.status).toBe(202);
    expect((await api.request('/readyz')).status).toBe(503);
    redis.up();
    await waitFor(async () => ((await api.request('/readyz')).status === 200 ? true : undefined), 30_000);
  }, 120_000);
});
