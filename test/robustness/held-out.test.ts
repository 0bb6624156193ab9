// Held-out plans: three short plans written for these tests in the Nghị định 30/2020 layout (other provinces,
// years, wording and header layouts than the corpus), with the key facts a reader would take from them written
// by hand. Each is also read re-wrapped at 78 characters, as a web copy would break it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/contract/schema.js';
import { rewrap, run } from './harness.js';

const plan = (name: string) => readFileSync(new URL(`./plans/${name}`, import.meta.url), 'utf8');

interface Expected {
  number: string;
  date: string;
  province: string;
  period: { from: number; to: number };
  signer: string;
  sections: string[];
  /** label (or null), then [value, unit, comparator] of each value; years checked apart. */
  targets: [string | null, [number, string, string][]][];
  /** Years every target value must carry. */
  years: (number | null)[][];
  /** canonical name → role, for the bodies a reader would list. */
  roles: Record<string, string>;
  budget: number | null;
}

const PLANS: Record<string, Expected> = {
  // Pipe-layout header, "Chỉ tiêu N:" lines, a one-year plan: values without a year fall due in 2018.
  'lamdong-2018-y-te.txt': {
    number: '1832/KH-UBND',
    date: '2018-03-15',
    province: 'Lâm Đồng',
    period: { from: 2018, to: 2018 },
    signer: 'Phạm Văn Hòa',
    sections: [
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. MỤC TIÊU',
      'III. NHIỆM VỤ VÀ GIẢI PHÁP',
      'IV. KINH PHÍ THỰC HIỆN',
      'V. TỔ CHỨC THỰC HIỆN',
    ],
    targets: [
      ['Chỉ tiêu 1', [[95, '%', 'gt']]],
      ['Chỉ tiêu 2', [[22, '%', 'lt']]],
      ['Chỉ tiêu 3', [[100, '%', 'eq']]],
      ['Chỉ tiêu 4', [[85, '%', 'eq']]],
    ],
    years: [[2018], [2018], [2018], [2018]],
    roles: {
      'Sở Y tế': 'lead',
      'Sở Tài chính': 'unspecified',
      'Sở Thông tin và Truyền thông': 'unspecified',
    },
    budget: null,
  },
  // Tab-indented header, a budget in "triệu đồng" with the amount in words, targets due "đến năm 2025".
  'quangnam-2023-du-lich.txt': {
    number: '4127/KH-UBND',
    date: '2023-06-09',
    province: 'Quảng Nam',
    period: { from: 2023, to: 2025 },
    signer: 'Đinh Văn Khải',
    sections: [
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. MỤC TIÊU',
      'III. NHIỆM VỤ, GIẢI PHÁP',
      'IV. KINH PHÍ THỰC HIỆN',
      'V. TỔ CHỨC THỰC HIỆN',
    ],
    targets: [
      [null, [[1_200_000, 'count', 'eq']]],
      [null, [[15, 'count', 'gte']]],
      [null, [[100, '%', 'eq']]],
    ],
    years: [[2025], [2025], [2025]],
    roles: { 'Sở Văn hóa, Thể thao và Du lịch': 'lead', 'Sở Tài chính': 'unspecified' },
    budget: 12_450_000_000,
  },
  // A centrally-run city: "a) b) c)" targets and duties, "Đề nghị" lines for the Front and a society.
  'cantho-2022-thien-tai.txt': {
    number: '87/KH-UBND',
    date: '2022-04-21',
    province: 'Cần Thơ',
    period: { from: 2022, to: 2022 },
    signer: 'Nguyễn Minh Tâm',
    sections: ['I. MỤC ĐÍCH, YÊU CẦU', 'II. MỤC TIÊU', 'III. NHIỆM VỤ TRỌNG TÂM', 'IV. TỔ CHỨC THỰC HIỆN'],
    targets: [
      ['a', [[100, '%', 'eq']]],
      ['b', [[80, '%', 'gte']]],
      ['c', [[2, 'count', 'gte']]],
    ],
    years: [[2022], [2022], [2022]],
    roles: {
      'Sở Nông nghiệp và Phát triển nông thôn': 'lead',
      'Bộ Chỉ huy Quân sự thành phố': 'lead',
      'Sở Tài chính': 'unspecified',
    },
    budget: null,
  },
};

function check(x: Extraction, e: Expected): void {
  const m = x.metadata;
  expect(m.documentNumber.value).toBe(e.number);
  expect(m.issuedDate.value).toBe(e.date);
  expect(m.province.value).toBe(e.province);
  expect(m.period.value).toEqual(e.period);
  expect(m.signer.value?.name).toBe(e.signer);
  expect(x.sections.map((s) => `${s.numeral}. ${s.title}`)).toEqual(e.sections);
  expect(x.targets.map((t) => [t.label, t.values.map((v) => [v.value, v.unit, v.comparator])])).toEqual(e.targets);
  expect(x.targets.map((t) => t.values.map((v) => v.year))).toEqual(e.years);
  // A year nobody wrote is inferred: such a value is never promised "high" without a flag.
  for (const t of x.targets) if (t.confidence !== 'high') expect(t.flags.length).toBeGreaterThan(0);
  const roles = Object.fromEntries(
    x.responsibilities.map((r) => [r.agency.canonical ?? r.agency.name, r.role] as const),
  );
  for (const [name, role] of Object.entries(e.roles)) expect(roles[name], name).toBe(role);
  expect(x.budget.total.value?.amount ?? null).toBe(e.budget);
}

describe.each(Object.entries(PLANS))('held-out plan %s', (name, expected) => {
  it('gives the hand-written key facts', async () => {
    check(await run(plan(name)), expected);
  });

  it('gives the same facts re-wrapped at 78 characters', async () => {
    check(await run(rewrap(plan(name), 78)), expected);
  });
});

describe('held-out plan cantho-2022-thien-tai.txt: requests', () => {
  const requested = async () =>
    (await run(plan('cantho-2022-thien-tai.txt'))).responsibilities
      .filter((r) => r.role === 'requested')
      .map((r) => r.agency.name);

  it('reads the numbered "3. Đề nghị Ủy ban Mặt trận …" item as a request', async () => {
    expect((await requested()).some((n) => n.startsWith('Ủy ban Mặt trận Tổ quốc Việt Nam thành phố'))).toBe(true);
  });

  // Known defect, reported to the owner of src/extract/responsibilities.ts: an unnumbered "Đề nghị <body> …"
  // paragraph after the last numbered item is dropped (numbered as "4. Đề nghị …" it is read). Turn into `it`
  // once fixed.
  it('reads the unnumbered "Đề nghị Hội Chữ thập đỏ …" paragraph as a request', async () => {
    expect((await requested()).some((n) => n.startsWith('Hội Chữ thập đỏ'))).toBe(true);
  });
});
