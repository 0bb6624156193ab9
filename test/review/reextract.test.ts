// Corrections survive a new machine extraction when they still refer to the same thing, and come back
// flagged `correction-stale` (never dropped) when they do not.
import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/index.js';
import {
  getEffectiveExtraction,
  getHistory,
  listReviewQueue,
  type Outcome,
  revertCorrection as revertOutcome,
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
const revertCorrection = async (...a: Parameters<typeof revertOutcome>) => unwrap(await revertOutcome(...a));

const dbs: TestDb[] = await testDbs();
afterAll(async () => {
  for (const d of dbs) await d.close();
});

const SUMMARY = { name: 'KH', province: 'Bắc Ninh', batch: null };

async function setup(db: TestDb, id: string) {
  const store = new StoredExtractions(db.sql);
  await store.put({ id, ...SUMMARY }, { extraction: sampleExtraction(), text: TEXT, version: '0.1.0' });
  const key = await createKey(db.sql, { role: 'reviewer', name: `r-${id}` });
  return { deps: store.deps, store, keyId: key.id };
}

async function revision(deps: Parameters<typeof getEffectiveExtraction>[0], id: string) {
  return (await getEffectiveExtraction(deps, id))!.revision;
}

describe.each(dbs.map((d) => [d.name, d] as const))('re-extraction on %s', (_name, db) => {
  it('re-applies corrections to the same target after a new target shifts the indices', async () => {
    const { deps, store, keyId } = await setup(db, 'shift');
    await submitCorrection(
      deps,
      'shift',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/targets/0/values/0/value', value: 10.5 }] },
      { expectedRevision: await revision(deps, 'shift'), comment: '10,5‰ là 10.5 chứ không phải 105' },
    );
    await submitCorrection(
      deps,
      'shift',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/tables/0/rows/0/values/3', value: 300 }] },
      { expectedRevision: await revision(deps, 'shift') },
    );
    await store.put(
      { id: 'shift', ...SUMMARY },
      { extraction: sampleExtraction({ version: '0.2.0', prependTarget: true }), text: TEXT, version: '0.2.0' },
    );
    const eff = (await getEffectiveExtraction(deps, 'shift'))!;
    expect(eff.machineVersion).toBe('0.2.0');
    expect(eff.corrections.map((c) => c.status)).toEqual(['applied', 'applied']);
    expect(eff.corrections[0]!.resolved).toEqual(['/targets/1/values/0/value']);
    const t = eff.extraction.targets[1]!;
    expect(t.values[0]!.value).toBe(10.5);
    expect(t).toMatchObject({ confidence: 'high' });
    expect(t.flags).toContain('corrected');
    expect(eff.extraction.targets[0]!.values).toEqual([]); // the new target is untouched
    expect(eff.extraction.tables[0]!.rows[0]!.values[3]).toBe(300);
    expect(eff.extraction.tables[0]!.rows[0]!.flags).toContain('corrected');
    expect(eff.extraction.tables[0]!.confidence).toBe('low'); // one cell fixed does not vouch for the table
    expect(eff.extraction.review.fields).not.toContain('/targets/1');
  });

  it('a table cell follows its column when the new extraction adds a column', async () => {
    const { deps, store, keyId } = await setup(db, 'cols');
    await submitCorrection(
      deps,
      'cols',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/tables/0/rows/0/values/3', value: 300 }] },
      { expectedBefore: { '/tables/0/rows/0/values/3': 310 } },
    );
    const next = sampleExtraction({ version: '0.2.0' });
    const table = next.tables[0]!;
    table.columns.splice(1, 0, '2020');
    table.rows[0]!.cells.splice(1, 0, '10');
    table.rows[0]!.values.splice(1, 0, 10);
    await store.put({ id: 'cols', ...SUMMARY }, { extraction: next, text: TEXT, version: '0.2.0' });
    const eff = (await getEffectiveExtraction(deps, 'cols'))!;
    expect(eff.corrections[0]).toMatchObject({ status: 'applied', resolved: ['/tables/0/rows/0/values/4'] });
    expect(eff.extraction.tables[0]!.rows[0]!.values).toEqual([null, 10, 100, 200, 300]);
  });

  it('a correction whose target is gone is kept, marked stale and sent back to review', async () => {
    const { deps, store, keyId } = await setup(db, 'gone');
    const made = await submitCorrection(
      deps,
      'gone',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/targets/0/values/0/value', value: 10.5 }] },
      { expectedRevision: await revision(deps, 'gone') },
    );
    await store.put(
      { id: 'gone', ...SUMMARY },
      { extraction: sampleExtraction({ version: '0.2.0', changeTargetText: true }), text: TEXT, version: '0.2.0' },
    );
    const eff = (await getEffectiveExtraction(deps, 'gone'))!;
    expect(eff.corrections[0]).toMatchObject({ id: made.correction.id, status: 'stale', resolved: [null] });
    expect(eff.extraction.targets[0]!.values[0]!.value).toBe(105); // machine value kept, not overwritten
    expect(eff.extraction.review.needed).toBe(true);
    expect(eff.extraction.diagnostics.map((d) => d.code)).toContain('correction-stale');
    const history = (await getHistory(deps, 'gone'))!;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: 'stale', keyId });
    const queue = await listReviewQueue(deps, { documentId: 'gone' });
    const stale = queue.items.find((i) => i.kind === 'stale-correction');
    expect(stale).toMatchObject({ correctionId: made.correction.id, flags: ['correction-stale'] });
  });

  it('a correction whose value changed under it is stale and flags the field', async () => {
    const { deps, store, keyId } = await setup(db, 'moved');
    await submitCorrection(
      deps,
      'moved',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/metadata/documentNumber/value', value: '359/KH-UBND' }] },
      { expectedRevision: await revision(deps, 'moved') },
    );
    const next = sampleExtraction({ version: '0.2.0' });
    next.metadata.documentNumber = {
      ...next.metadata.documentNumber,
      value: '395/KH-UBND',
      confidence: 'high',
      flags: [],
    };
    await store.put({ id: 'moved', ...SUMMARY }, { extraction: next, text: TEXT, version: '0.2.0' });
    const eff = (await getEffectiveExtraction(deps, 'moved'))!;
    expect(eff.corrections[0]!.status).toBe('stale');
    const f = eff.extraction.metadata.documentNumber;
    expect(f.value).toBe('395/KH-UBND');
    expect(f.confidence).toBe('medium');
    expect(f.flags).toContain('correction-stale');
    expect(eff.extraction.review.fields).toContain('/metadata/documentNumber');
    const queue = await listReviewQueue(deps, { documentId: 'moved', flag: 'correction-stale' });
    expect(queue.items.map((i) => i.pointer)).toEqual(['/metadata/documentNumber']);

    // A reviewer fixes it again: the new correction applies and clears the stale flag; the old one stays stale.
    await submitCorrection(
      deps,
      'moved',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/metadata/documentNumber/value', value: '359/KH-UBND' }] },
      { expectedBefore: { '/metadata/documentNumber/value': '395/KH-UBND' } },
    );
    const after = (await getEffectiveExtraction(deps, 'moved'))!;
    expect(after.corrections.map((c) => c.status)).toEqual(['stale', 'applied']);
    expect(after.extraction.metadata.documentNumber).toMatchObject({ value: '359/KH-UBND', confidence: 'high' });
    expect(after.extraction.metadata.documentNumber.flags).not.toContain('correction-stale');
  });

  it('a new extractor that now gets the value right keeps the correction as applied', async () => {
    const { deps, store, keyId } = await setup(db, 'fixed');
    await submitCorrection(
      deps,
      'fixed',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path: '/metadata/documentNumber/value', value: '359/KH-UBND' }] },
      { expectedRevision: await revision(deps, 'fixed') },
    );
    const next = sampleExtraction({ version: '0.2.0' });
    next.metadata.documentNumber.value = '359/KH-UBND';
    await store.put({ id: 'fixed', ...SUMMARY }, { extraction: next, text: TEXT, version: '0.2.0' });
    const eff = (await getEffectiveExtraction(deps, 'fixed'))!;
    expect(eff.corrections[0]!.status).toBe('applied');
    expect(eff.extraction.metadata.documentNumber).toMatchObject({ value: '359/KH-UBND', confidence: 'high' });
  });

  it('revert restores value, confidence and flags, and is refused when a later correction built on it', async () => {
    const { deps, keyId } = await setup(db, 'rev');
    const path = '/metadata/documentNumber/value';
    const c1 = await submitCorrection(
      deps,
      'rev',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path, value: 'A' }] },
      { expectedBefore: { [path]: '359/KH-UB' } },
    );
    const c2 = await submitCorrection(
      deps,
      'rev',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path, value: 'B' }] },
      { expectedBefore: { [path]: 'A' } },
    );
    await expect(
      revertCorrection(deps, 'rev', c1.correction.id, keyId, { expectedRevision: c2.effective.revision }),
    ).rejects.toMatchObject({
      type: 'conflict',
    });
    const r2 = await revertCorrection(deps, 'rev', c2.correction.id, keyId, {
      expectedRevision: c2.effective.revision,
      comment: 'nhầm',
    });
    expect(r2.correction).toMatchObject({ kind: 'revert', reverts: c2.correction.id, keyId, comment: 'nhầm' });
    expect(r2.effective.extraction.metadata.documentNumber.value).toBe('A');
    const r1 = await revertCorrection(deps, 'rev', c1.correction.id, keyId, {
      expectedRevision: r2.effective.revision,
    });
    expect(r1.effective.extraction.metadata.documentNumber).toEqual(sampleExtraction().metadata.documentNumber);
    expect(r1.effective.extraction.review).toEqual(sampleExtraction().review);
    const history = (await getHistory(deps, 'rev'))!;
    expect(history.map((h) => [h.kind, h.status])).toEqual([
      ['patch', 'reverted'],
      ['patch', 'reverted'],
      ['revert', 'revert'],
      ['revert', 'revert'],
    ]);
    expect(history[2]!.changes[0]).toMatchObject({ before: 'B', after: 'A' });
  });

  it('refuses a stale expectedBefore and an unknown path, storing nothing', async () => {
    const { deps, keyId } = await setup(db, 'pre');
    const path = '/metadata/documentNumber/value';
    await expect(
      submitCorrection(
        deps,
        'pre',
        keyId,
        { kind: 'patch', patch: [{ op: 'replace', path, value: 'A' }] },
        { expectedBefore: { [path]: 'other' } },
      ),
    ).rejects.toMatchObject({ type: 'conflict' });
    await expect(
      submitCorrection(
        deps,
        'pre',
        keyId,
        { kind: 'patch', patch: [{ op: 'replace', path: '/targets/9/text', value: 'A' }] },
        { expectedBefore: {} },
      ),
    ).rejects.toMatchObject({ type: 'invalid-correction' });
    await expect(
      submitCorrection(
        deps,
        'pre',
        keyId,
        { kind: 'patch', patch: [{ op: 'remove', path: '/targets/0/confidence' }] },
        { expectedBefore: {} },
      ),
    ).rejects.toMatchObject({ type: 'invalid-correction', detail: expect.stringContaining('confidence') });
    expect(await getHistory(deps, 'pre')).toEqual([]);
  });
});

describe.each(dbs.map((d) => [d.name, d] as const))('history storage on %s', (_name, db) => {
  it('refuses to update or delete a stored correction', async () => {
    const { deps, keyId } = await setup(db, 'audit');
    const path = '/metadata/documentNumber/value';
    const made = await submitCorrection(
      deps,
      'audit',
      keyId,
      { kind: 'patch', patch: [{ op: 'replace', path, value: 'A' }] },
      { expectedBefore: { [path]: '359/KH-UB' } },
    );
    await expect(
      db.sql.query("UPDATE review_corrections SET comment = 'x' WHERE id = $1", [made.correction.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.sql.query('DELETE FROM review_corrections WHERE id = $1', [made.correction.id])).rejects.toThrow(
      /append-only/,
    );
    expect((await getHistory(deps, 'audit'))!).toHaveLength(1);
  });
});
