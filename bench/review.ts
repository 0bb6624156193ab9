// Review reads at scale (issue 9), called from bench/index.ts (`npm run bench review`): 10,000 pending review
// fields stored through the service's own write path (Store.saveResult, which derives review_items in the same
// transaction), in PGlite and — when it answers — PostgreSQL; then the review queue page, the review document
// list and the effective extraction are timed (p50/p95), next to the queue as it was built before review_items
// (every document's extraction loaded and its items derived in memory, the page cut at the end).
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Extraction } from '../src/contract/schema.js';
import { migrate } from '../src/db/migrate.js';
import { openPg } from '../src/db/pg.js';
import { openPglite } from '../src/db/pglite.js';
import type { Sql } from '../src/db/types.js';
import { deriveReview, RANK } from '../src/review/derive.js';
import { listReviewDocuments, listReviewQueue } from '../src/review/queue.js';
import { getEffectiveExtraction } from '../src/review/service.js';
import { ReviewStore } from '../src/store/review.js';
import { Store } from '../src/store/store.js';
import { fmt, percentile } from './lib.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const TARGET_FIELDS = Number(process.env['KEHOACH_BENCH_REVIEW_FIELDS'] ?? 10_000);
const PROVINCES = ['Bắc Ninh', 'Hà Nội', 'Nghệ An', 'Cần Thơ', 'Đồng Tháp'];
const line = (s: string) => console.log(s);

interface Sample {
  name: string;
  extraction: Extraction;
  text: string;
}

function samples(): Sample[] {
  return readdirSync(FIXTURES).flatMap((d) => {
    try {
      const extraction = JSON.parse(readFileSync(path.join(FIXTURES, d, 'expected.json'), 'utf8')) as Extraction;
      const text = readFileSync(path.join(FIXTURES, d, 'input.txt'), 'utf8');
      return extraction.review.fields.length > 0 ? [{ name: d, extraction, text }] : [];
    } catch {
      return [];
    }
  });
}

/** Stores documents until TARGET_FIELDS review fields are pending; returns their ids and the ms per result. */
async function seed(sql: Sql, from: Sample[]): Promise<{ ids: string[]; fields: number; msPerResult: number }> {
  const store = new Store(sql);
  const batches = await Promise.all(Array.from({ length: 10 }, (_, i) => store.createBatch(`lô ${i + 1}`)));
  const ids: string[] = [];
  let fields = 0;
  let writeMs = 0;
  for (let n = 0; fields < TARGET_FIELDS; n++) {
    const s = from[n % from.length]!;
    const extraction = structuredClone(s.extraction);
    extraction.metadata.province.value = PROVINCES[n % PROVINCES.length]!;
    const bytes = Buffer.from(`${s.text}\n${n}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { jobs } = await sql.transaction((tx) =>
      store.storeUploads(
        tx,
        [{ sha256, fileName: `${n}-${s.name}.txt`, contentType: 'text/plain', format: 'text', bytes }],
        batches[n % batches.length]!.id,
      ),
    );
    const ref = jobs[0]!;
    await store.claim(ref);
    const t0 = performance.now();
    await store.saveResult(ref, '0.0.0-bench', extraction, s.text);
    writeMs += performance.now() - t0;
    ids.push(ref.documentId);
    fields += extraction.review.fields.length;
  }
  return { ids, fields, msPerResult: writeMs / ids.length };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const stats = (xs: number[]) => `p50 ${fmt(percentile(xs, 50), 1)} ms, p95 ${fmt(percentile(xs, 95), 1)} ms`;

/** The queue as src/review/queue.ts built it before review_items: every extraction loaded and derived per read. */
async function queueInMemory(store: Store, ids: string[]): Promise<number> {
  const items: { rank: number; documentId: string; start: number; pointer: string }[] = [];
  for (const id of ids) {
    const machine = await store.getExtraction(id);
    if (!machine) continue;
    for (const i of deriveReview(machine, []).items) {
      items.push({ rank: RANK[i.confidence], documentId: id, start: i.source?.start ?? 0, pointer: i.pointer });
    }
  }
  items.sort((a, b) => a.rank - b.rank || a.documentId.localeCompare(b.documentId) || a.start - b.start);
  return items.slice(0, 100).length;
}

async function benchOne(label: string, sql: Sql, from: Sample[]): Promise<void> {
  await migrate(sql);
  const t0 = performance.now();
  const seeded = await seed(sql, from);
  line(
    `review/${label}: seeded ${seeded.fields} pending fields in ${seeded.ids.length} documents in ` +
      `${fmt((performance.now() - t0) / 1000, 1)} s (saveResult with review_items: ${fmt(seeded.msPerResult, 1)} ms/document)`,
  );
  const deps = { repo: new ReviewStore(sql) };
  const first = await listReviewQueue(deps);
  if (first.total < TARGET_FIELDS) throw new Error(`queue holds ${first.total} items, expected ${TARGET_FIELDS}+`);
  const runs = 50;
  line(`review/${label}: queue page (100 of ${first.total}): ${stats(await time(runs, () => listReviewQueue(deps)))}`);
  line(
    `review/${label}: queue page 50 (offset 5000): ${stats(await time(runs, () => listReviewQueue(deps, { offset: 5000 })))}`,
  );
  line(
    `review/${label}: queue filtered (province + flag): ${stats(
      await time(runs, () => listReviewQueue(deps, { province: 'tỉnh Nghệ An', flag: 'inferred' })),
    )}`,
  );
  const docs = await listReviewDocuments(deps);
  line(
    `review/${label}: document list (${docs.length} documents with counts): ${stats(
      await time(runs, () => listReviewDocuments(deps)),
    )}`,
  );
  let n = 0;
  line(
    `review/${label}: effective extraction (one row): ${stats(
      await time(runs * 4, () => getEffectiveExtraction(deps, seeded.ids[n++ % seeded.ids.length]!)),
    )}`,
  );
  const store = new Store(sql);
  line(
    `review/${label}: queue built in memory as before (every extraction loaded): ${stats(
      await time(3, () => queueInMemory(store, seeded.ids)),
    )}`,
  );
}

export async function benchReview(): Promise<void> {
  const from = samples();
  if (from.length === 0) throw new Error('no fixture extraction with review fields');
  const lite = await openPglite();
  try {
    await benchOne('pglite', lite, from);
  } finally {
    await lite.close();
  }
  const url =
    process.env['KEHOACH_BENCH_DATABASE_URL'] ??
    process.env['TEST_DATABASE_URL'] ??
    'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_review_${randomBytes(4).toString('hex')}`;
  let pg: Awaited<ReturnType<typeof openPg>>;
  try {
    pg = await openPg(url, { schema });
    await pg.query('select 1');
  } catch (err) {
    line(`review/postgres: skipped (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  try {
    await benchOne('postgres', pg, from);
  } finally {
    await pg.query(`drop schema ${schema} cascade`).catch(() => {});
    await pg.close();
  }
}
