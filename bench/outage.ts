// `npx tsx bench/outage.ts [--n 2000] [--scenario pg|redis|both|none] [--pg-seconds 20] [--redis-down-seconds 5]
// [--sandbox] [--cut-after-uploaded K] [--cut-after-done D]`: issue 12's outage run. N documents are uploaded into
// one batch in PostgreSQL + BullMQ mode (the production timings: 2 s job backoff, 30 s locks, 60 s sweeper)
// while, once K are uploaded (default a quarter; the uploads go on through the outage) and D are done (default 0),
//   pg:    PostgreSQL is cut for --pg-seconds by a TCP proxy (the shared server keeps running for everyone else);
//   redis: a private redis-server (port 6390, append-only file as in compose.yaml) is killed with SIGKILL and
//          started again after --redis-down-seconds (a crash restart: it may lose its last second of writes).
// The uploader behaves like `kehoach upload`: a 503 or a network error is retried after a second. Figures come
// from the database directly (not through the proxy): done exactly once (one extraction, written once), failed,
// lost (never finished), documents with more than one counted attempt, the answers during the outage, durations.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPg } from '../src/db/pg.js';
import { pingRedis } from '../src/service/start-wait.js';
import { DATABASE_URL } from '../test/helpers/services.js';
import { form, planText, startHarness } from '../test/server/harness.js';
import { startProxy } from '../test/server/proxy.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    scenario: { type: 'string', default: 'both' },
    'pg-seconds': { type: 'string', default: '20' },
    'redis-down-seconds': { type: 'string', default: '5' },
    'redis-port': { type: 'string', default: '6390' },
    sandbox: { type: 'boolean', default: false },
    /** Cut once this many are uploaded (default a quarter; for both, three quarters before Redis) … */
    'cut-after-uploaded': { type: 'string' },
    /** … and this many are done. */
    'cut-after-done': { type: 'string', default: '0' },
  },
});
const N = Number(args.n);
const SCENARIO = args.scenario as 'pg' | 'redis' | 'both' | 'none';
const PG_S = Number(args['pg-seconds']);
const REDIS_DOWN_S = Number(args['redis-down-seconds']);
const REDIS_PORT = Number(args['redis-port']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const at = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** A private redis-server that can be crashed and restarted without touching the shared one. */
function privateRedis(port: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-outage-redis-'));
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}/0`;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'],
      { stdio: 'ignore' },
    );
    child.on('error', (err) => console.error('redis-server:', err.message));
    for (let i = 0; i < 100; i++) {
      if (
        await pingRedis(url, 500).then(
          () => true,
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    start,
    kill,
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const pg = await startProxy(DATABASE_URL, 5432);
const redis = privateRedis(REDIS_PORT);
await redis.start();
// Interrupted: the private redis-server goes too (the schema stays, named in the first line, to inspect).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void redis.close().finally(() => process.exit(130)));
}
const h = await startHarness({
  mode: 'postgres-bullmq',
  databaseUrl: pg.url,
  redisUrl: redis.url,
  env: {
    KEHOACH_SANDBOX: String(args.sandbox),
    KEHOACH_JOB_BACKOFF_MS: '2000',
    KEHOACH_JOB_LOCK_MS: '30000',
    KEHOACH_STALLED_INTERVAL_MS: '30000',
    KEHOACH_SWEEP_INTERVAL_MS: '60000',
    // The production default (two jobs per parse thread), unless given.
    KEHOACH_CONCURRENCY: process.env['KEHOACH_CONCURRENCY'] ?? String(2 * availableParallelism()),
  },
});
const sql = await openPg(DATABASE_URL, { schema: h.runtime.config.dbSchema, max: 2 });
console.log(
  `${N} documents, scenario ${SCENARIO}, ${args.sandbox ? 'sandboxed children' : 'parse pool'}, ` +
    `concurrency ${h.runtime.config.concurrency}, schema ${h.runtime.config.dbSchema}`,
);

async function counts(): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ status: string; n: string }>(
    'select status, count(*) as n from documents group by status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

// The uploader: 50 files per request, retried like `kehoach upload` on 503 and network errors.
const created = await h.request('/v1/batches', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"name":"outage"}',
});
const batchId = ((await created.json()) as { id: string }).id;
const uploadAnswers: Record<string, number> = {};
let slowestUploadMs = 0;
let uploaded = 0;
const uploading = (async () => {
  for (let i = 0; i < N; i += 50) {
    const files = Array.from({ length: Math.min(50, N - i) }, (_, k) => ({
      name: `o-${i + k}.txt`,
      bytes: planText(i + k, `outage ${i + k}`),
    }));
    for (;;) {
      const s = Date.now();
      const status = await h
        .request(`/v1/batches/${batchId}/documents`, { method: 'POST', body: form(files) })
        .then(async (res) => {
          await res.arrayBuffer();
          return String(res.status);
        })
        .catch((err: Error) => `network (${err.message})`);
      slowestUploadMs = Math.max(slowestUploadMs, Date.now() - s);
      uploadAnswers[status] = (uploadAnswers[status] ?? 0) + 1;
      if (status === '202') {
        uploaded += files.length;
        break;
      }
      if (status !== '503' && !status.startsWith('network')) throw new Error(`upload answered ${status}`);
      await sleep(1000);
    }
  }
  console.log(`${at()}: all ${N} uploaded`);
})();

/** GET /v1/documents every 500 ms while `until` is pending: answers by status and the slowest. */
async function probeWhile(until: Promise<unknown>): Promise<{ byStatus: Record<string, number>; slowestMs: number }> {
  let over = false;
  void until.finally(() => {
    over = true;
  });
  const byStatus: Record<string, number> = {};
  let slowestMs = 0;
  while (!over) {
    const s = Date.now();
    const status = await h
      .request('/v1/documents?limit=1')
      .then(async (res) => {
        await res.arrayBuffer();
        return `${res.status}${res.headers.get('retry-after') ? ' (Retry-After)' : ''}`;
      })
      .catch(() => 'network');
    slowestMs = Math.max(slowestMs, Date.now() - s);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    await sleep(500);
  }
  return { byStatus, slowestMs };
}

/** The moment to cut: this many documents uploaded (the uploader goes on through the outage) and done. */
async function waitMidBatch(uploadedAtLeast: number): Promise<void> {
  const doneAtLeast = Number(args['cut-after-done']);
  uploadedAtLeast = args['cut-after-uploaded'] ? Number(args['cut-after-uploaded']) : uploadedAtLeast;
  while (uploaded < uploadedAtLeast || ((await counts())['done'] ?? 0) < doneAtLeast) await sleep(200);
}

const events: string[] = [];
if (SCENARIO === 'pg' || SCENARIO === 'both') {
  await waitMidBatch(Math.ceil(N / 4));
  const before = await counts();
  console.log(`${at()}: cutting PostgreSQL for ${PG_S} s at`, before);
  pg.down();
  const outage = sleep(PG_S * 1000);
  const probe = await probeWhile(outage);
  pg.up();
  const after = await counts();
  console.log(`${at()}: PostgreSQL back; answers during the outage:`, probe.byStatus, `slowest ${probe.slowestMs} ms`);
  events.push(
    `PostgreSQL cut ${PG_S} s at ${uploaded} uploaded, ${before['done'] ?? 0} done; answers during it ${JSON.stringify(probe.byStatus)}, ` +
      `slowest ${probe.slowestMs} ms; failed after it: ${after['failed'] ?? 0}`,
  );
}
if (SCENARIO === 'redis' || SCENARIO === 'both') {
  await waitMidBatch(Math.ceil(SCENARIO === 'both' ? (N * 3) / 4 : N / 4));
  const before = await counts();
  console.log(`${at()}: killing redis-server (SIGKILL), restarting after ${REDIS_DOWN_S} s, at`, before);
  await redis.kill();
  const outage = sleep(REDIS_DOWN_S * 1000);
  const probe = await probeWhile(outage);
  await redis.start();
  console.log(`${at()}: Redis back; answers during the outage:`, probe.byStatus, `slowest ${probe.slowestMs} ms`);
  events.push(
    `redis-server killed -9 at ${uploaded} uploaded, ${before['done'] ?? 0} done, restarted after ${REDIS_DOWN_S} s; answers during ` +
      `it ${JSON.stringify(probe.byStatus)}, slowest ${probe.slowestMs} ms`,
  );
}
await uploading;
const deadline = Date.now() + 60 * 60_000;
for (;;) {
  const c = await counts();
  if ((c['done'] ?? 0) + (c['failed'] ?? 0) >= N || Date.now() > deadline) break;
  await sleep(1000);
}
const seconds = Math.round((Date.now() - t0) / 1000);
const { rows } = await sql.query<{ status: string; reason: string | null; runs: number | null; attempts: number }>(
  `select d.status, d.failure_reason as reason, e.runs, d.attempts from batch_documents bd
   join documents d on d.id = bd.document_id left join extractions e on e.document_id = d.id where bd.batch_id = $1`,
  [batchId],
);
const doneOnce = rows.filter((r) => r.status === 'done' && r.runs === 1).length;
const failed: Record<string, number> = {};
for (const r of rows.filter((r) => r.status === 'failed')) failed[r.reason ?? '?'] = (failed[r.reason ?? '?'] ?? 0) + 1;
const summary = {
  documents: N,
  stored: rows.length,
  doneExactlyOnce: doneOnce,
  doneMoreThanOnce: rows.filter((r) => (r.runs ?? 0) > 1).length,
  failed,
  lost: N - rows.filter((r) => r.status === 'done' || r.status === 'failed').length,
  countedAttemptsOverOne: rows.filter((r) => r.attempts > 1).length,
  uploadAnswers,
  slowestUploadMs,
  seconds,
};
console.log(events.join('\n'));
console.log(JSON.stringify(summary, null, 2));
await sql.close();
await h.close();
await pg.close();
await redis.close();
process.exit(0);
