import { describe, expect, it } from 'vitest';
import { presentedKey } from '../../src/auth/index.js';
import { makeAnchor, resolveAnchor } from '../../src/review/anchor.js';
import { draftAccept, draftPatch, markUnit } from '../../src/review/apply.js';
import { parsePointer } from '../../src/review/pointer.js';
import { excerptAround } from '../../src/review/queue.js';
import { sampleExtraction, TEXT } from './fixtures.js';

const tokens = (p: string) => parsePointer(p)!;

describe('anchors', () => {
  it('fingerprints a metadata field by its name only', () => {
    const a = makeAnchor(sampleExtraction(), tokens('/metadata/documentNumber/value'), false)!;
    expect(a.steps).toEqual([{ prop: 'metadata' }, { prop: 'documentNumber' }, { prop: 'value' }]);
  });

  it('follows a target by its text, not its index', () => {
    const a = makeAnchor(sampleExtraction(), tokens('/targets/1/values/0/value'), false)!;
    expect(resolveAnchor(sampleExtraction({ prependTarget: true }), a)).toEqual(tokens('/targets/2/values/0/value'));
  });

  it('picks the nearest of identical elements', () => {
    const ex = sampleExtraction();
    ex.metadata.recipients = ['Như trên', 'Lưu: VT', 'Như trên'];
    const a = makeAnchor(ex, tokens('/metadata/recipients/2'), false)!;
    expect(resolveAnchor(ex, a)).toEqual(tokens('/metadata/recipients/2'));
    ex.metadata.recipients.unshift('UBND các huyện');
    expect(resolveAnchor(ex, a)).toEqual(tokens('/metadata/recipients/3'));
  });

  it('finds nothing when the thing is gone (no index fallback once it had an identity)', () => {
    const a = makeAnchor(sampleExtraction(), tokens('/targets/0/text'), false)!;
    expect(resolveAnchor(sampleExtraction({ changeTargetText: true }), a)).toBeNull();
  });

  it('keys table cells by column header', () => {
    const ex = sampleExtraction();
    const a = makeAnchor(ex, tokens('/tables/0/rows/0/values/2'), false)!;
    ex.tables[0]!.columns.reverse();
    expect(resolveAnchor(ex, a)).toEqual(tokens('/tables/0/rows/0/values/1'));
  });

  it('refuses paths that do not exist', () => {
    expect(makeAnchor(sampleExtraction(), tokens('/targets/7/text'), false)).toBeNull();
    expect(makeAnchor(sampleExtraction(), tokens('/metadata/nothing/value'), false)).toBeNull();
  });
});

describe('drafts', () => {
  it('marks the enclosing field, or only the row inside a table', () => {
    const ex = sampleExtraction();
    expect(markUnit(ex, tokens('/targets/0/values/0/value'))).toEqual(tokens('/targets/0'));
    expect(markUnit(ex, tokens('/tables/0/rows/0/values/3'))).toEqual(tokens('/tables/0/rows/0'));
    expect(markUnit(ex, tokens('/metadata/period/value/from'))).toEqual(tokens('/metadata/period'));
  });

  it('adds to an array and removes from it', () => {
    const added = draftPatch(sampleExtraction(), [{ op: 'add', path: '/metadata/recipients/-', value: 'Sở Y tế' }]);
    expect(added.ok && added.extraction.metadata.recipients).toEqual(['Như trên', 'Lưu: VT', 'Sở Y tế']);
    const removed = draftPatch(sampleExtraction(), [{ op: 'remove', path: '/targets/0' }]);
    expect(removed.ok && removed.extraction.targets.map((t) => t.id)).toEqual(['t2']);
  });

  it('refuses a value of the wrong type with the schema path', () => {
    const r = draftPatch(sampleExtraction(), [{ op: 'replace', path: '/targets/0/values/0/value', value: '10,5' }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.detail).toContain('targets[0].values[0].value');
  });

  it('a failing test operation refuses the whole patch', () => {
    const r = draftPatch(sampleExtraction(), [
      { op: 'test', path: '/metadata/documentNumber/value', value: 'other' },
      { op: 'replace', path: '/metadata/documentNumber/value', value: 'x' },
    ]);
    expect(r.ok).toBe(false);
  });

  it('accept only applies to values with a confidence', () => {
    expect(draftAccept(sampleExtraction(), ['/metadata/recipients']).ok).toBe(false);
    const ok = draftAccept(sampleExtraction(), ['/tables/0']);
    expect(ok.ok && ok.extraction.tables[0]).toMatchObject({ confidence: 'high' });
  });
});

describe('excerpts and patterns', () => {
  it('cuts the text around the span and says where the span is', () => {
    const start = TEXT.indexOf('359/KH-UBND');
    const e = excerptAround(TEXT, { start, end: start + 11, line: 2 })!;
    expect(e.text.slice(e.start, e.end)).toBe('359/KH-UBND');
    expect(TEXT.slice(e.offset, e.offset + e.text.length)).toBe(e.text);
    expect(excerptAround(TEXT, null)).toBeNull();
    expect(excerptAround('abc', { start: 10, end: 12, line: 1 })).toBeNull();
  });

  it('reads keys from long adversarial headers in linear time', () => {
    const long = `Bearer ${' \t'.repeat(50_000)}x`;
    const t0 = performance.now();
    presentedKey({ authorization: long });
    presentedKey({ authorization: `Bearer ${'a'.repeat(100_000)} ` });
    presentedKey({ authorization: 'Bearer' + ' '.repeat(100_000) });
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
