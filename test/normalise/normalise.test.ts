import { describe, expect, it } from 'vitest';
import type { DocTree } from '../../src/doc/types.js';
import { normalise } from '../../src/normalise/index.js';
import { readFixture } from '../helpers/fixtures.js';

const header = { sha256: '0'.repeat(64), fileName: null };

function fromText(text: string): DocTree {
  return {
    format: 'text',
    blocks: text.split('\n').map((t) => ({ type: 'paragraph' as const, text: t })),
    pages: null,
    messages: [],
  };
}

const seed = (name: string) => readFixture(name).toString('utf8');

describe('normalise (smoke)', () => {
  it('rebuilds seed 000 budget table as 14 columns', () => {
    const doc = normalise(fromText(seed('seed-000')), header);
    const content = doc.tables.filter((t) => !t.layout);
    expect(content).toHaveLength(1);
    const t = content[0]!;
    expect(t.columns).toHaveLength(14);
    expect(t.rows.slice(t.headerRows).every((r) => r.cells.length === 14)).toBe(true);
  });
});
