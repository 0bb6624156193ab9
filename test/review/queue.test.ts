import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/index.js';
import type { Extraction } from '../../src/contract/schema.js';
import {
  listReviewDocuments,
  listReviewQueue,
  type Outcome,
  submitCorrection as submitOutcome,
} from '../../src/review/index.js';
import { type TestDb, testDbs } from './db.js';
import { sampleExtraction, TEXT } from './fixtures.js';
import { StoredExtractions } from './stored.js';

// The domain answers with typed outcomes; these tests read a refusal as a rejection carrying its code.
function unwrap<T>(out: Outcome<T>): T {
  if (!out.ok) throw Object.assign(new Error(out.detail), { type: out.code, detail: out.detail, ...out.data });
  return out.value;
}
const submitCorrection = async (...a: Parameters<typeof submitOutcome>) => unwrap(await submitOutcome(...a));

const dbs: TestDb[] = await testDbs();
afterAll(async () => {
  for (const d of dbs) await d.close();
});

function clean(): Extraction {
  const ex = sampleExtraction();
  ex.metadata.documentNumber = { ...ex.metadata.documentNumber, confidence: 'high', flags: [] };
  ex.targets = [];
  ex.tables = [];
  return { ...ex, review: { needed: false, fields: [] } };
}

/** Runs `read` and returns its result with the statements it sent to the database. */
async function traced<T>(db: TestDb, read: () => Promise<T>): Promise<{ value: T; queries: string[] }> {
  db.queries.length = 0;
  const value = await read();
  return { value, queries: [...db.queries] };
}

describe.each(dbs.map((d) => [d.name, d] as const))('review queue on %s', (_name, db) => {
  it('orders low before medium across documents and skips documents with nothing to review', async () => {
    const store = new StoredExtractions(db.sql);
    // Stored oldest first: the document list shows the newest first (a, b, c).
    await store.put(
      { id: 'c', name: 'C', province: null, batch: null },
      { extraction: clean(), text: TEXT, version: '1' },
    );
    await store.put(
      { id: 'b', name: 'B', province: 'Bắc Ninh', batch: 'x' },
      { extraction: sampleExtraction(), text: TEXT, version: '1' },
    );
    await store.put(
      { id: 'a', name: 'A', province: 'Hà Nội', batch: 'y' },
      { extraction: sampleExtraction(), text: TEXT, version: '1' },
    );
    const deps = store.deps;
    // The queue reads review_items: one query, no extraction loaded.
    const { value: q, queries } = await traced(db, () => listReviewQueue(deps));
    expect(queries).toHaveLength(1);
    expect(queries[0]).not.toMatch(/from extractions/);
    const order = q.items.map((i) => `${i.confidence}:${i.documentId}`);
    const lows = order.filter((o) => o.startsWith('low'));
    expect(order.slice(0, lows.length)).toEqual(lows);
    expect(lows).toEqual([...lows].sort());
    expect(q.items.find((i) => i.documentId === 'c')).toBeUndefined();
    // Within a document, by position in the text.
    const bMedium = q.items
      .filter((i) => i.documentId === 'b' && i.confidence === 'medium')
      .map((i) => i.source!.start);
    expect(bMedium).toEqual([...bMedium].sort((x, y) => x - y));
    const haNoi = await listReviewQueue(deps, { province: 'ha noi' });
    expect(haNoi.items.length).toBeGreaterThan(0);
    expect(haNoi.items.every((i) => i.documentId === 'a')).toBe(true);
    expect((await listReviewQueue(deps, { limit: 2, offset: 1 })).items).toEqual(q.items.slice(1, 3));
    expect(await listReviewQueue(deps, { offset: 10_000 })).toEqual({ items: [], total: q.total });

    // A correction that goes stale on a document the machine found nothing to review in still reaches the queue.
    const key = await createKey(db.sql, { role: 'reviewer', name: `q-${db.name}` });
    await submitCorrection(
      deps,
      'c',
      key.id,
      { kind: 'patch', patch: [{ op: 'replace', path: '/metadata/place/value', value: 'Bắc Ninh' }] },
      { expectedBefore: { '/metadata/place/value': null } },
    );
    const docs = await listReviewDocuments(deps);
    expect(docs.map((d) => [d.id, d.toReview > 0])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
    const next = clean();
    next.metadata.place = { ...next.metadata.place, value: 'Hà Nội' };
    await store.put(
      { id: 'c', name: 'C', province: null, batch: null },
      { extraction: next, text: TEXT, version: '2' },
    );
    const staleQueue = await listReviewQueue(deps, { documentId: 'c' });
    expect(staleQueue.items.map((i) => [i.pointer, i.flags])).toEqual([['/metadata/place', ['correction-stale']]]);

    const after = await listReviewDocuments(deps);
    expect(after.find((d) => d.id === 'c')).toMatchObject({ toReview: 1, stale: 1, revision: '2~1' });
  });

  it('the queue and the document list are one query each, whatever the filters', async () => {
    const store = new StoredExtractions(db.sql);
    const deps = store.deps;
    const filters = [
      {},
      { flag: 'sum-mismatch' },
      { province: 'tỉnh Bắc Ninh' },
      { batch: 'x' },
      { documentId: 'b', limit: 1, offset: 1 },
      { batch: 'x', flag: 'inferred', province: 'bac ninh' },
    ];
    for (const f of filters) {
      const queue = await traced(db, () => listReviewQueue(deps, f));
      expect(queue.queries, JSON.stringify(f)).toHaveLength(1);
      const list = await traced(db, () => listReviewDocuments(deps, f));
      expect(list.queries, JSON.stringify(f)).toHaveLength(1);
    }
    const byFlag = await listReviewDocuments(deps, { flag: 'sum-mismatch' });
    const all = await listReviewDocuments(deps);
    const b = all.find((d) => d.id === 'b')!;
    expect(byFlag.find((d) => d.id === 'b')!.toReview).toBeLessThan(b.toReview);
    expect(b).toMatchObject({ name: 'B', province: 'Bắc Ninh', batch: 'x', machineVersion: '1', revision: '1~0' });
    const batchX = await listReviewQueue(deps, { batch: 'x' });
    expect(batchX.total).toBe(b.toReview);
    expect(batchX.items.every((i) => i.documentId === 'b' && i.batch === 'x' && i.documentName === 'B')).toBe(true);
  });

  it('the queue uses its indexes', async () => {
    for (const [label, text] of [
      ['document', `select * from review_items where document_id = 'b' order by rank`],
      ['flag', `select * from review_items where flags @> array['sum-mismatch']::text[]`],
      ['province', `select * from review_documents where province_key = 'bac ninh'`],
      // The page in the queue's order is read off the index, not sorted.
      [
        'order',
        `select document_id, ord from review_items i
         order by rank, document_id collate "C", source_start, pointer collate "C", ord limit 100`,
      ],
    ] as const) {
      // A handful of rows would be read sequentially; what matters is that an index can serve the filter.
      const plan = await db.sql.transaction(async (tx) => {
        await tx.query('set local enable_seqscan = off');
        await tx.query('set local enable_sort = off');
        const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`explain ${text}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan, label).toMatch(/Index|Bitmap/);
      if (label === 'order') expect(plan, label).toMatch(/review_items_queue/);
      if (label === 'order') expect(plan, label).not.toMatch(/Sort/);
    }
  });
});
