import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/index.js';
import type { Extraction } from '../../src/contract/schema.js';
import {
  listReviewDocuments,
  listReviewQueue,
  MemoryExtractionStore,
  type Outcome,
  submitCorrection as submitOutcome,
} from '../../src/review/index.js';
import { pgliteDb } from './db.js';
import { sampleExtraction, TEXT } from './fixtures.js';

// The domain answers with typed outcomes; these tests read a refusal as a rejection carrying its code.
function unwrap<T>(out: Outcome<T>): T {
  if (!out.ok) throw Object.assign(new Error(out.detail), { type: out.code, detail: out.detail, ...out.data });
  return out.value;
}
const submitCorrection = async (...a: Parameters<typeof submitOutcome>) => unwrap(await submitOutcome(...a));

const db = await pgliteDb();
afterAll(() => db.close());

class CountingStore extends MemoryExtractionStore {
  loads: string[] = [];
  override getMachine(id: string) {
    this.loads.push(id);
    return super.getMachine(id);
  }
}

function clean(): Extraction {
  const ex = sampleExtraction();
  ex.metadata.documentNumber = { ...ex.metadata.documentNumber, confidence: 'high', flags: [] };
  ex.targets = [];
  ex.tables = [];
  return { ...ex, review: { needed: false, fields: [] } };
}

describe('review queue', () => {
  it('orders low before medium across documents and skips documents with nothing to review', async () => {
    const store = new CountingStore();
    store.put(
      { id: 'b', name: 'B', province: 'Bắc Ninh', batch: 'x' },
      { extraction: sampleExtraction(), text: TEXT, version: '1' },
    );
    store.put(
      { id: 'a', name: 'A', province: 'Hà Nội', batch: 'y' },
      { extraction: sampleExtraction(), text: TEXT, version: '1' },
    );
    store.put({ id: 'c', name: 'C', province: null, batch: null }, { extraction: clean(), text: TEXT, version: '1' });
    const deps = { sql: db.sql, store };
    const q = await listReviewQueue(deps);
    expect(store.loads.sort()).toEqual(['a', 'b']);
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
    expect((await listReviewQueue(deps, { province: 'ha noi' })).items.every((i) => i.documentId === 'a')).toBe(true);
    expect((await listReviewQueue(deps, { limit: 2, offset: 1 })).items).toEqual(q.items.slice(1, 3));

    // A document with corrections is loaded even when the machine said nothing needs review.
    const key = await createKey(db.sql, { role: 'reviewer', name: 'q' });
    await submitCorrection(
      deps,
      'c',
      key.id,
      { kind: 'patch', patch: [{ op: 'replace', path: '/metadata/place/value', value: 'Bắc Ninh' }] },
      { expectedBefore: { '/metadata/place/value': null } },
    );
    store.loads = [];
    await listReviewQueue(deps);
    expect(store.loads).toContain('c');
    const docs = await listReviewDocuments(deps);
    expect(docs.map((d) => [d.id, d.toReview > 0])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
  });
});
