// The HTML/DOCX/PDF renderings of the seed plans (LibreOffice, see the README) must carry the same
// text as the seed .txt: line for line for HTML and DOCX, word for word for PDF (which re-wraps lines).
import { describe, expect, it } from 'vitest';
import type { DocTree } from '../../src/doc/types.js';
import { ingest } from '../../src/ingest/index.js';
import { fixtureCases, readFixture } from '../helpers/fixtures.js';

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
const treeText = (t: DocTree) =>
  t.blocks.map((b) => (b.type === 'table' ? b.rows.map((r) => r.join('\n')).join('\n') : b.text)).join('\n');

const seeds = ['000', '003', '004'].filter((s) => fixtureCases().some((c) => c.name === `seed-${s}-pdf`));
const seedText = (s: string) => readFixture(`seed-${s}`).toString('utf8');

describe.each(seeds)('renderings of seed %s', (s) => {
  const want = lines(seedText(s));

  it.each(['html', 'docx'])('%s: same lines as the text', async (fmt) => {
    const tree = await ingest(readFixture(`seed-${s}-${fmt}`));
    expect(tree.format).toBe(fmt);
    expect(lines(treeText(tree))).toEqual(want);
  });

  it('pdf: the same words (lines re-wrapped)', async () => {
    const tree = await ingest(readFixture(`seed-${s}-pdf`));
    expect(tree.messages).toEqual([]);
    const words = (x: string[]) => x.join(' ').split(' ');
    const got = words(lines(treeText(tree)));
    const expected = words(want);
    // Longest common subsequence would be exact; a multiset overlap is enough to catch lost or scrambled text.
    const bag = new Map<string, number>();
    for (const w of got) bag.set(w, (bag.get(w) ?? 0) + 1);
    let hit = 0;
    for (const w of expected) {
      const n = bag.get(w) ?? 0;
      if (n > 0) {
        hit++;
        bag.set(w, n - 1);
      }
    }
    expect(hit / expected.length).toBeGreaterThan(0.99);
    expect(got.length / expected.length).toBeLessThan(1.01);
  });
});
