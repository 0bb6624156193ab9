// The review workflow over the service's own storage (src/service/store.ts, all migrations): a document is
// extracted, corrected, reprocessed by a new extractor version, and the correction follows it.
import { afterAll, describe, expect, it } from 'vitest';
import { createKey, ensureBootstrapAdmin } from '../../src/auth/index.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import {
  getEffectiveExtraction,
  listReviewQueue,
  type Outcome,
  submitCorrection as submitOutcome,
} from '../../src/review/index.js';
import { ReviewStore } from '../../src/store/review.js';
import { Store } from '../../src/store/store.js';
import { sampleExtraction, TEXT } from './fixtures.js';

// The domain answers with typed outcomes; these tests read a refusal as a rejection carrying its code.
function unwrap<T>(out: Outcome<T>): T {
  if (!out.ok) throw Object.assign(new Error(out.detail), { type: out.code, detail: out.detail, ...out.data });
  return out.value;
}
const submitCorrection = async (...a: Parameters<typeof submitOutcome>) => unwrap(await submitOutcome(...a));

const sql = await openPglite();
afterAll(() => sql.close());

describe('review over the service store', () => {
  it('migrates alongside the service tables, corrects, and survives a reprocess', async () => {
    const applied = await migrate(sql);
    expect(applied).toContain('0100_review');
    expect(await ensureBootstrapAdmin(sql)).not.toBeNull();

    const store = new Store(sql);
    const batch = await store.createBatch('lô thử');
    const bytes = new TextEncoder().encode(TEXT);
    const { documents, jobs } = await sql.transaction((tx) =>
      store.storeUploads(
        tx,
        [{ sha256: 'a'.repeat(64), fileName: 'bn.txt', contentType: 'text/plain', format: 'text', bytes }],
        batch.id,
      ),
    );
    const id = documents[0]!.id;
    await store.claim(jobs[0]!);
    expect(await store.saveResult(jobs[0]!, '0.1.0', sampleExtraction(), TEXT)).toBe(true);

    const deps = { repo: new ReviewStore(sql) };
    const queue = await listReviewQueue(deps, { batch: batch.id });
    expect(queue.items.map((i) => i.documentId)).toContain(id);
    expect(queue.items.every((i) => i.batch === batch.id && i.documentName === 'bn.txt')).toBe(true);

    const reviewer = await createKey(sql, { role: 'reviewer', name: 'r' });
    const eff = (await getEffectiveExtraction(deps, id))!;
    await submitCorrection(
      deps,
      id,
      reviewer.id,
      { kind: 'patch', patch: [{ op: 'replace', path: '/targets/0/values/0/value', value: 10.5 }] },
      { expectedRevision: eff.revision },
    );

    const ref = (await store.reprocessDocument(id))!;
    await store.claim(ref);
    await store.saveResult(ref, '0.2.0', sampleExtraction({ version: '0.2.0', prependTarget: true }), TEXT);
    const after = (await getEffectiveExtraction(deps, id))!;
    expect(after.machineVersion).toBe('0.2.0');
    expect(after.corrections[0]).toMatchObject({ status: 'applied', resolved: ['/targets/1/values/0/value'] });
    expect(after.extraction.targets[1]!.values[0]!.value).toBe(10.5);
  });
});
