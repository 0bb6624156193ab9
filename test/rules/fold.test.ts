// foldName is memoised and folds tone placement in one pass: it must give exactly what the straightforward
// definition gives (NFC, lower case, each old-style tone pair replaced in turn, punctuation to spaces).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldName } from '../../src/rules/provinces.js';

const PAIRS: [RegExp, string][] = [
  [/oà/g, 'òa'],
  [/oá/g, 'óa'],
  [/oả/g, 'ỏa'],
  [/oã/g, 'õa'],
  [/oạ/g, 'ọa'],
  [/oè/g, 'òe'],
  [/oé/g, 'óe'],
  [/oẻ/g, 'ỏe'],
  [/oẽ/g, 'õe'],
  [/oẹ/g, 'ọe'],
  [/uỳ/g, 'ùy'],
  [/uý/g, 'úy'],
  [/uỷ/g, 'ủy'],
  [/uỹ/g, 'ũy'],
  [/uỵ/g, 'ụy'],
];

function reference(s: string): string {
  let out = s.normalize('NFC').toLowerCase();
  for (const [re, to] of PAIRS) out = out.replace(re, to);
  return out
    .replace(/[.\-–—_,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

describe('foldName', () => {
  it('equals the reference on every line of the text fixtures, in NFC and NFD, twice (memo)', () => {
    const lines = readdirSync(FIXTURES).flatMap((d) => {
      try {
        return readFileSync(path.join(FIXTURES, d, 'input.txt'), 'utf8').split('\n');
      } catch {
        return [];
      }
    });
    expect(lines.length).toBeGreaterThan(1000);
    for (const round of [1, 2]) {
      for (const l of lines) {
        expect(foldName(l), `${round}: ${l}`).toBe(reference(l));
        const nfd = l.normalize('NFD');
        expect(foldName(nfd)).toBe(reference(nfd));
      }
    }
  });

  it('folds every old-style tone pair, in any case, next to each other', () => {
    for (const [re, to] of PAIRS) {
      const pair = re.source;
      for (const s of [pair, pair.toUpperCase(), `h${pair}${pair}n`, `Q${pair.toUpperCase()}ng`, `${pair}\u0301`]) {
        expect(foldName(s)).toBe(reference(s));
      }
      expect(foldName(`h${pair}`)).toBe(`h${to}`);
    }
    expect(foldName('  Thanh  Hoá, Khánh Hòa; TP. Hồ Chí Minh – Huế  ')).toBe(
      reference('  Thanh  Hoá, Khánh Hòa; TP. Hồ Chí Minh – Huế  '),
    );
  });
});
