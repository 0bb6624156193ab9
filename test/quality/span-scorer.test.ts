// spanScorer answers exactly what scoreText gives on the same slice, for spans cutting through words or not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreText, spanScorer } from '../../src/quality/syllable.js';

describe('spanScorer', () => {
  it('equals scoreText on every slice, including slices that start or end inside a word', () => {
    const text = `${readFileSync(new URL('../../fixtures/seed-003/input.txt', import.meta.url), 'utf8')}\nMUÏC TIEÂU KÕ ho¹ch`;
    const score = spanScorer(text);
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let k = 0; k < 2000; k++) {
      const a = next() % text.length;
      const b = Math.min(text.length, a + (next() % 4000));
      const { counted, valid } = scoreText(text.slice(a, b));
      expect(score(a, b), `${a}–${b}`).toMatchObject({ counted, valid });
    }
    expect(score(0, 0)).toEqual({ counted: 0, valid: 0, share: 1 });
  });
});
