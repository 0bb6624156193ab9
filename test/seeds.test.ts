// Facts about the five seed plans, each checked by eye against the source text. These are the acceptance
// points of the extraction core; the golden files hold everything else.
import { describe, expect, it } from 'vitest';
import type { Extraction, Target } from '../src/contract/schema.js';
import { extract } from '../src/pipeline.js';
import { readFixture } from './helpers/fixtures.js';

async function run(name: string): Promise<Extraction> {
  return (await extract({ bytes: readFixture(name), fileName: `${name}.txt` })).extraction;
}

function target(e: Extraction, n: number): Target {
  const t = e.targets.find((x) => x.label === `Chỉ tiêu ${n}`);
  if (!t) throw new Error(`no Chỉ tiêu ${n}`);
  return t;
}

const pairs = (t: Target) => t.values.map((v) => [v.value, v.comparator, v.year]);

describe('seed 000 (Bình Dương 824/KH-UBND)', async () => {
  const e = await run('seed-000');
  it('reads the header', () => {
    expect(e.metadata.documentNumber.value).toBe('824/KH-UBND');
    expect(e.metadata.issuedDate.value).toBe('2019-02-28');
    expect(e.metadata.province.value).toBe('Bình Dương');
    expect(e.metadata.period.value).toEqual({ from: 2019, to: 2025 });
  });
  it('finds the six Roman-numeral sections', () => {
    expect(e.sections.map((s) => s.numeral)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(e.sections[1]?.title).toBe('ĐỐI TƯỢNG, THỜI GIAN');
  });
  it('budget total 2.104.470.000 đồng agrees with its words and its table', () => {
    const total = e.budget.total;
    expect(total.value?.amount).toBe(2_104_470_000);
    expect(total.value?.words).toMatch(/^Hai tỷ một trăm lẻ bốn triệu/);
    expect(total.confidence).toBe('high');
    const budgetTables = e.tables.filter((t) => t.kind === 'budget');
    expect(budgetTables).toHaveLength(1);
    const table = budgetTables[0]!;
    expect(table.multiplier).toBe(1000);
    expect(table.columns).toHaveLength(14);
    // The total row plus the seven years 2019-2025 = 8 data rows.
    expect(table.rows.filter((r) => r.values.some((v) => v !== null))).toHaveLength(8);
    expect(table.checks.length).toBeGreaterThan(0);
    expect(table.checks.every((c) => c.ok)).toBe(true);
    expect(table.confidence).toBe('high');
  });
  it('three targets, 90% / 90% / 100% due 2025 (from the dating heading "Mục tiêu cụ thể đến năm 2025")', () => {
    expect(e.targets.map((t) => t.values.map((v) => [v.value, v.unit, v.year]))).toEqual([
      [[90, '%', 2025]],
      [[90, '%', 2025]],
      [[100, '%', 2025]],
    ]);
    // One due year stated by a heading inside the objectives dates the items as surely as the line (issue 8).
    for (const t of e.targets) expect([t.confidence, t.flags]).toEqual(['high', []]);
  });
  it('eight responsibilities; item 7 is a request to several mass organisations', () => {
    // VI. CHẾ ĐỘ BÁO CÁO names only the catch-all "Các cơ quan, đơn vị, địa phương": no duty of a body of its own.
    expect(e.responsibilities).toHaveLength(8);
    const r7 = e.responsibilities[6]!;
    expect(r7.role).toBe('requested');
    expect(r7.agency.members?.length).toBeGreaterThanOrEqual(4);
    expect(e.responsibilities[0]?.agency.canonical).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(e.responsibilities[0]?.role).toBe('lead');
  });
});

describe('seed 001 (Quảng Ninh, no header)', async () => {
  const e = await run('seed-001');
  it('number and date are null; province is inferred from the body and flagged', () => {
    expect(e.metadata.documentNumber.value).toBeNull();
    expect(e.metadata.issuedDate.value).toBeNull();
    expect(e.metadata.province.value).toBe('Quảng Ninh');
    expect(e.metadata.province.flags).toContain('inferred');
    expect(e.metadata.province.confidence).not.toBe('high');
    expect(e.review.fields).toContain('/metadata/province');
  });
  it('targets 70% due 2020 and 90% due 2025 come from their headings', () => {
    const values = e.targets.flatMap((t) => t.values.map((v) => [v.value, v.year]));
    expect(values).toContainEqual([70, 2020]);
    expect(values).toContainEqual([90, 2025]);
  });
});

describe('seed 002 (Bình Dương 7451/KH-UBND)', async () => {
  const e = await run('seed-002');
  it('has no targets at all', () => {
    expect(e.targets).toEqual([]);
  });
  it('reads the header', () => {
    expect(e.metadata.documentNumber.value).toBe('7451/KH-UBND');
    expect(e.metadata.issuedDate.value).toBe('2024-12-27');
  });
});

describe('seed 003 (Bắc Ninh 359/KH-UBND)', async () => {
  const e = await run('seed-003');
  it('has the 24 numbered targets in order', () => {
    const labels = e.targets.filter((t) => t.label?.startsWith('Chỉ tiêu')).map((t) => t.label);
    expect(labels).toEqual(Array.from({ length: 24 }, (_, i) => `Chỉ tiêu ${i + 1}`));
  });
  it('reads each value with its own year', () => {
    expect(pairs(target(e, 1))).toEqual([
      [82, 'eq', 2025],
      [87, 'eq', 2030],
    ]);
    expect(pairs(target(e, 2))).toEqual([
      [90, 'eq', 2025],
      [95, 'eq', 2030],
    ]);
    expect(target(e, 15).values.map((v) => v.value)).toEqual([99.1, 99.3]);
    expect(pairs(target(e, 9))).toEqual([
      [0.004, 'lt', 2025],
      [0.005, 'lt', 2030],
    ]);
    const t11 = target(e, 11).values;
    expect(t11.map((v) => [v.value, v.unit, v.year])).toEqual([
      [54, 'per-100000', 2025],
      [50, 'per-100000', 2030],
      [8, 'per-100000', 2025],
      [7, 'per-100000', 2030],
    ]);
  });
  it('does not read ages, denominators or defining counts as values', () => {
    // "trên 1.000 trẻ đẻ sống" is a denominator, "dưới 1 tuổi"/"dưới 5 tuổi" are ages.
    const t3 = target(e, 3).values;
    expect(t3.map((v) => v.value)).not.toContain(1000);
    expect(t3.map((v) => v.value)).not.toContain(1);
    expect(t3.every((v) => v.unit === 'per-1000')).toBe(true);
    expect(t3.map((v) => [v.value, v.comparator])).toContainEqual([9, 'lt']);
    // "tiêm chủng đầy đủ 8 loại vắc xin": 8 defines what is measured.
    expect(target(e, 5).values.map((v) => v.value)).toEqual([98, 98, 98]);
    expect(target(e, 22).values.map((v) => v.value)).toEqual([30, 35]);
  });
  it('flags the narrative/table disagreements on targets 5 and 9', () => {
    for (const n of [5, 9]) {
      const t = target(e, n);
      expect(t.flags).toContain('table-conflict');
      expect(t.confidence).not.toBe('high');
    }
    expect(target(e, 1).flags).not.toContain('table-conflict');
  });
  it("reads the agencies' target references", () => {
    const refs = (name: string) =>
      e.responsibilities.filter((r) => r.agency.canonical === name).flatMap((r) => r.targetRefs);
    expect(refs('Sở Lao động - Thương binh và Xã hội')).toEqual([
      '1',
      '2',
      '8',
      '9',
      '10',
      '11',
      '12',
      '22',
      '23',
      '24',
    ]);
    expect(refs('Sở Tư pháp')).toEqual(['14']);
    expect(refs('Công an tỉnh')).toEqual(['9']);
    expect(refs('Sở Giáo dục và Đào tạo')).toEqual(['7', '15', '16', '17', '18', '19', '20']);
    expect(refs('Sở Y tế')).toEqual(['3', '4', '5', '6']);
    expect(refs('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['13', '21']);
  });
});

describe('seed 004 (Thừa Thiên Huế 26/KH-UBND)', async () => {
  const e = await run('seed-004');
  it('reports the gap from item 9 to 12 under V. TỔ CHỨC THỰC HIỆN', () => {
    const v = e.sections.find((s) => s.numeral === 'V');
    expect(v?.title).toBe('TỔ CHỨC THỰC HIỆN');
    expect(v?.flags).toContain('numbering-gap');
    expect(v?.confidence).not.toBe('high');
    const gap = e.diagnostics.find((d) => d.code === 'numbering-gap');
    expect(gap?.message).toMatch(/9.*12/);
  });
  it('reads the header from the tab layout', () => {
    expect(e.metadata.documentNumber.value).toBe('26/KH-UBND');
    expect(e.metadata.issuedDate.value).toBe('2016-02-26');
    expect(e.metadata.province.value).toBe('Thừa Thiên Huế');
  });
});
