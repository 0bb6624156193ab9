// The calibration harness on every fixture with a gold.json (src/eval): no value marked high may be wrong,
// except those listed in src/eval/known-wrong-high.json (each with a reason), a list that may only shrink —
// an entry that no longer occurs fails this test until it is removed. `npm run eval` itself fails on any.
import { describe, expect, it } from 'vitest';
import { type FixtureScore, looseKey, sameNumber, scoreExtraction } from '../src/eval/core.js';
import { GoldSchema } from '../src/eval/gold.js';
import { goldCases, knownKey, readKnownWrongHigh, scoreCase } from '../src/eval/run.js';
import { extract } from '../src/pipeline.js';

describe('eval: gold fixtures', () => {
  const cases = goldCases();
  const scores: FixtureScore[] = [];

  it('finds the gold fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(31);
  });

  for (const c of cases) {
    it(`${c.name}: no unlisted wrong high value`, async () => {
      const s = await scoreCase(c);
      scores.push(s);
      const known = new Set(readKnownWrongHigh().map(knownKey));
      expect(s.wrongHigh.filter((w) => !known.has(knownKey(w)))).toEqual([]);
      // The scanned case (B02) is read by OCR: its 3 pages and their column re-reads take minutes on a loaded machine.
    }, 600_000);
  }

  it('known-wrong-high.json only lists wrong highs that still occur', () => {
    const occurring = new Set(scores.flatMap((s) => s.wrongHigh).map(knownKey));
    const stale = readKnownWrongHigh().filter((k) => !occurring.has(knownKey(k)));
    expect(stale).toEqual([]);
  });
});

describe('eval: matching rules', () => {
  it('text matches across tone-mark placement, case and line wraps', () => {
    expect(looseKey('Uỷ ban nhân dân tỉnh\nBình Dương')).toBe(looseKey('ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG'));
    expect(looseKey('Sở Y tế')).not.toBe(looseKey('Sở Tư pháp'));
  });

  it('numbers match across formatting; gold accepts Vietnamese notation', () => {
    expect(sameNumber(2104470000, 2104470000.0000002)).toBe(true);
    expect(sameNumber(90, 95)).toBe(false);
    const g = GoldSchema.parse({ case: 'x', origin: 'hand', budgetTotal: '2.104.470.000' });
    expect(g.budgetTotal).toBe(2104470000);
  });

  it('a wrong year on a high target value is a wrong high; the value+unit row still counts it right', async () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG',
      'Số: 1/KH-UBND',
      'Bình Dương, ngày 01 tháng 02 năm 2020',
      'KẾ HOẠCH',
      'THỰC HIỆN THÍ ĐIỂM',
      'I. MỤC TIÊU',
      '1. Mục tiêu cụ thể đến năm 2025',
      '- Phấn đấu 90% trẻ em được tiếp cận dịch vụ.',
    ].join('\n');
    const { extraction } = await extract({ bytes: Buffer.from(text), fileName: 'x.txt' });
    const values = extraction.targets.flatMap((t) => t.values);
    expect(values.some((v) => v.value === 90)).toBe(true);
    // Mark every target high so the scorer's treatment of a wrong high is what is tested.
    for (const t of extraction.targets) t.confidence = 'high';
    const gold = GoldSchema.parse({
      case: 'synthetic',
      origin: 'hand',
      targets: { values: [{ value: 90, unit: '%', year: 2030 }] },
    });
    const s = scoreExtraction('synthetic', extraction, gold);
    expect(s.counts['targets (value+unit+year)']?.highRight).toBe(0);
    expect(s.wrongHigh.some((w) => w.field === 'targets (value+unit+year)' && w.gold.includes('2030'))).toBe(true);
    expect(s.counts['targets (value+unit)']?.predictedRight).toBe(1);
  });

  it('gold null means "none stated": any value given is wrong', () => {
    const gold = GoldSchema.parse({ case: 'x', origin: 'hand', budgetTotal: null });
    expect(gold.budgetTotal).toBeNull();
  });
});
