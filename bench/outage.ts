// `npx tsx bench/outage.ts [N] [pg-outage-seconds]`: N documents (default 2,000) in PostgreSQL + BullMQ mode
// through a PostgreSQL outage (default 20 s, mid-batch) and then a Redis restart (5 s), both cut by TCP proxies
// so the shared servers are untouched. Prints how many documents ended done / failed / elsewhere, and the
// requests answered during the outage by status.
import { DATABASE_URL, REDIS_URL } from '../test/helpers/services.js';
import { form, planText, startHarness } from '../test/server/harness.js';
import { startProxy } from '../test/server/proxy.js';

const N = Number(process.argv[2] ?? 2000);
const OUTAGE_S = Number(process.argv[3] ?? 20);
const pg = await startProxy(DATABASE_URL, 5432);
const redis = await startProxy(`${REDIS_URL.replace(/\/\d*$/, '')}/6`, 6379);
const h = await startHarness({
  mode: 'postgres-bullmq',
  databaseUrl: pg.url,
  redisUrl: redis.url,
  env: { KEHOACH_SANDBOX: 'false', KEHOACH_CONCURRENCY: '4' },
});
const t0 = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function counts(): Promise<Record<string, number>> {
  const { rows } = await h.runtime.db.sql.query<{ status: string; n: string }>(
    'select status, count(*) as n from documents group by status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
for (let i = 0; i < N; i += 50) {
  const files = Array.from({ length: Math.min(50, N - i) }, (_, k) => ({
    name: `o-${i + k}.txt`,
    bytes: planText(i + k, `outage ${i + k}`),
  }));
  const res = await h.request('/v1/documents', { method: 'POST', body: form(files) });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
}
while (((await counts())['done'] ?? 0) < Math.min(N / 4, 200)) await sleep(200);
console.log(`uploaded ${N} in ${Date.now() - t0} ms; cutting PostgreSQL for ${OUTAGE_S} s at`, await counts());
pg.down();
const during: Record<number, number> = {};
const until = Date.now() + OUTAGE_S * 1000;
while (Date.now() < until) {
  const s = Date.now();
  const res = await h.request('/v1/documents?limit=1');
  during[res.status] = (during[res.status] ?? 0) + 1;
  await res.arrayBuffer();
  if (Date.now() - s > 4000) console.log(`slow answer during outage: ${Date.now() - s} ms`);
  await sleep(500);
}
pg.up();
console.log('requests during the outage by status:', during);
await sleep(5000);
console.log('Redis restart (down 5 s) at', await counts());
redis.down();
await sleep(5000);
redis.up();
for (;;) {
  const c = await counts();
  if ((c['done'] ?? 0) + (c['failed'] ?? 0) >= N) break;
  if (Date.now() - t0 > 30 * 60_000) break;
  await sleep(1000);
}
const final = await counts();
const { rows } = await h.runtime.db.sql.query<{ reason: string; n: string }>(
  "select failure_reason as reason, count(*) as n from documents where status = 'failed' group by 1",
);
console.log(`after ${Math.round((Date.now() - t0) / 1000)} s:`, final, 'failure reasons:', rows);
await h.close();
await pg.close();
await redis.close();
process.exit(0);
