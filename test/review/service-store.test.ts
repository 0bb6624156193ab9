import { describe, expect, it } from 'vitest';
import { extractionStoreFrom, type ServiceStoreLike } from '../../src/review/index.js';
import type { Store } from '../../src/store/store.js';
import { sampleExtraction, TEXT } from './fixtures.js';

// Compile-time proof that the service's store fits the adapter.
const fits = (s: Store): ServiceStoreLike => s;
void fits;

describe('extractionStoreFrom', () => {
  it('pages through every document and reports its first batch', async () => {
    const docs = Array.from({ length: 1203 }, (_, i) => ({
      id: `d${i}`,
      seq: 1203 - i,
      fileName: `f${i}.pdf`,
      province: null,
      needsReview: i % 2 === 0,
    }));
    const fake: ServiceStoreLike = {
      async getExtraction(id) {
        return id === 'd1' ? { extraction: sampleExtraction(), text: TEXT, version: '0.1.0' } : null;
      },
      async listDocuments(f) {
        return docs.filter((d) => f.beforeSeq === undefined || d.seq < f.beforeSeq).slice(0, f.limit);
      },
      async documentBatches(id) {
        return id === 'd2' ? ['b9', 'b10'] : [];
      },
    };
    const store = extractionStoreFrom(fake);
    const all = await store.listDocuments({});
    expect(all).toHaveLength(1203);
    expect(new Set(all.map((d) => d.id)).size).toBe(1203);
    expect(all.find((d) => d.id === 'd2')).toEqual({
      id: 'd2',
      name: 'f2.pdf',
      province: null,
      batch: 'b9',
      needsReview: true,
    });
    expect((await store.getMachine('d1'))?.version).toBe('0.1.0');
    expect(await store.getMachine('d5')).toBeNull();
  });
});
