// textScorer answers exactly what scoreText gives on the same slice, for spans cutting through words or not, and
// scoreText splits on exactly JavaScript's \s (it scans characters instead of splitting with a regex).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreText, textScorer } from '../../src/quality/syllable.js';

const SPACES = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

describe('textScorer', () => {
  it('equals scoreText on every slice, including slices that start or end inside a word', () => {
    const text = `${readFileSync(new URL('../../fixtures/seed-003/input.txt', import.meta.url), 'utf8')}\nMUÏC TIEÂU KÕ ho¹ch`;
    const scorer = textScorer(text);
    const { counted, valid } = scoreText(text);
    expect(scorer.total).toMatchObject({ counted, valid });
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let k = 0; k < 2000; k++) {
      const a = next() % text.length;
      const b = Math.min(text.length, a + (next() % 4000));
      const { counted, valid } = scoreText(text.slice(a, b));
      expect(scorer.span(a, b), `${a}–${b}`).toMatchObject({ counted, valid });
    }
    expect(scorer.span(0, 0)).toEqual({ counted: 0, valid: 0, share: 1 });
  });

  it('splits words on every character of \\s and on nothing else', () => {
    const words = ['Kế', 'hoạch', 'MUÏC', 'TIEÂU', 'KÕ', 'ho¹ch', 'thực', 'hiện', 'UBND', 'nhiệm\u200bvụ'];
    for (const space of SPACES) {
      const text = words.join(space);
      const byRegex = text
        .split(/\s+/)
        .map((w) => scoreText(w))
        .reduce((a, s) => ({ counted: a.counted + s.counted, valid: a.valid + s.valid }), { counted: 0, valid: 0 });
      expect(scoreText(text), JSON.stringify(space)).toMatchObject(byRegex);
      expect(scoreText(text).counted, JSON.stringify(space)).toBeGreaterThan(scoreText(words[0]!).counted);
    }
  });
});
