import { describe, expect, it } from 'vitest';
import { detectNotation, NUMBER_TOKEN_SOURCE, parseVnNumber, parseVnNumbers } from '../../src/numbers/parse.js';

describe('parseVnNumber', () => {
  it.each([
    ['2.104.470', 2104470, false],
    ['99,1', 99.1, false],
    ['1.200,5', 1200.5, false],
    ['0', 0, false],
    ['05', 5, false],
    ['1234567', 1234567, false],
    ['(1.234)', -1234, true],
    ['(1.234.567)', -1234567, false],
    ['-1.234.000', -1234000, false],
    ['– 12,5', -12.5, false],
    ['1.500', 1500, true],
    ['9.5', 9.5, true],
    ['9.25', 9.25, true],
    ['0.004', 0.004, true],
    ['0,500', 0.5, false],
    ['2,104,470', 2104470, true],
    ['1,234.5', 1234.5, true],
    ['  3.400  ', 3400, true],
  ])('%s → %d (ambiguous %s)', (s, value, ambiguous) => {
    expect(parseVnNumber(s)).toMatchObject({ value, ambiguous });
  });

  it('reads comparators and percentages and leaves them to the caller', () => {
    expect(parseVnNumber('<10')).toEqual({ value: 10, ambiguous: false, comparator: 'lt', percent: false });
    expect(parseVnNumber('> 5')).toMatchObject({ value: 5, comparator: 'gt' });
    expect(parseVnNumber('≥ 95%')).toMatchObject({ value: 95, comparator: 'gte', percent: true });
    expect(parseVnNumber('98,5%')).toMatchObject({ value: 98.5, percent: true, comparator: null });
  });

  it.each(['', '-', '–', 'Tổng', '12a', '1.2.3,4,5', 'I', '2021-2025', '1/2', '..', '()', '(-5)', '5 tỷ'])(
    'is not a number: %j',
    (s) => {
      expect(parseVnNumber(s)).toBeNull();
    },
  );

  it('resolves one-group forms by the context notation', () => {
    expect(parseVnNumber('1.500', { notation: 'vn' })).toMatchObject({ value: 1500, ambiguous: false });
    expect(parseVnNumber('1.500', { notation: 'en' })).toMatchObject({ value: 1.5, ambiguous: false });
    // a form the context notation cannot produce stays ambiguous
    expect(parseVnNumber('9.5', { notation: 'vn' })).toMatchObject({ value: 9.5, ambiguous: true });
    expect(parseVnNumber('99,1', { notation: 'en' })).toMatchObject({ value: 99.1, ambiguous: true });
    expect(parseVnNumber('9.5', { notation: 'en' })).toMatchObject({ value: 9.5, ambiguous: false });
  });
});

describe('detectNotation / parseVnNumbers', () => {
  it('takes the majority of unambiguous forms', () => {
    expect(detectNotation(['1.500', '2.104.470', '12,5'])).toBe('vn');
    expect(detectNotation(['1.500', '9.5', '10.25'])).toBe('en');
    expect(detectNotation(['0.004', '98.7', '13,8', '100'])).toBe('en');
    expect(detectNotation(['1.500', '200', 'x'])).toBeNull();
    expect(detectNotation(['9.5', '12,5'])).toBeNull();
  });

  it('parses a column consistently', () => {
    const col = parseVnNumbers(['1.500', '2.000', '1.250.000', '-']);
    expect(col.map((p) => p?.value ?? null)).toEqual([1500, 2000, 1250000, null]);
    expect(col.every((p) => p === null || !p.ambiguous)).toBe(true);
  });
});

describe('NUMBER_TOKEN_SOURCE', () => {
  it('finds tokens and stays linear on adversarial input', () => {
    const re = new RegExp(NUMBER_TOKEN_SOURCE, 'g');
    expect('là 2.104.470 đồng, đạt 99,1%'.match(re)).toEqual(['2.104.470', '99,1']);
    const long = `${'1.'.repeat(50_000)}x`;
    const t = performance.now();
    long.match(re);
    expect(performance.now() - t).toBeLessThan(500);
    const t2 = performance.now();
    expect(parseVnNumber('1'.repeat(100_000))).toBeNull();
    expect(performance.now() - t2).toBeLessThan(500);
  });
});
