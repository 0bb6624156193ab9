import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/checks/cross.js';
import { absent, field } from '../../src/contract/field.js';
import type { Budget, Target, TargetValue } from '../../src/contract/schema.js';
import { extractTables } from '../../src/extract/tables.js';
import { docWith, seed000Doc } from '../extract/table-fixtures.js';

const COLS = [
  'MỤC TIÊU',
  'CHỈ TIÊU',
  'KQ ĐẠT ĐƯỢC 2020',
  'KẾ HOẠCH TỈNH BẮC NINH / 2025',
  'KẾ HOẠCH TỈNH BẮC NINH / 2030',
  'KẾ HOẠCH TOÀN QUỐC / 2025',
  'KẾ HOẠCH TOÀN QUỐC / 2030',
];

// Seed 003's summary table (excerpt), cells as printed: its rows restate the narrative targets.
const ROWS = [
  ['MỤC TIÊU', 'CHỈ TIÊU', 'KQ ĐẠT ĐƯỢC 2020', 'KẾ HOẠCH TỈNH BẮC NINH', '', 'KẾ HOẠCH TOÀN QUỐC', ''],
  ['', '', '', '2025', '2030', '2025', '2030'],
  [
    'Mục tiêu 1: Về phát triển toàn diện trẻ em',
    '- Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 82% vào năm 2025 và 87% vào năm 2030.',
    '74',
    '82',
    '87',
    '65',
    '75',
  ],
  ['', '- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ em', '', '', '', '', ''],
  [
    '',
    'Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới 9,5 vào năm 2025 và dưới 9 vào năm 2030',
    '9',
    '9',
    '9',
    '9.5',
    '9',
  ],
  [
    '',
    'giảm tỷ suất tử vong của trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống xuống 12,5 vào năm 2025 và 10 vào năm 2030',
    '16',
    '<10',
    '<8',
    '12.5',
    '10',
  ],
  [
    '',
    'giảm tỷ suất tử vong trẻ em dưới 5 tuổi trên 1.000 trẻ đẻ sống dưới 16,5 vào năm 2025 và dưới 14,7 vào năm 2030.',
    '27',
    '<15',
    '<12',
    '16.5',
    '14.7',
  ],
  ['', '- Chỉ tiêu 5: Tỷ lệ trẻ em được tiêm chủng', '', '', '', '', ''],
  [
    '',
    'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin đạt 97% vào năm 2025 và 98% vào năm 2030',
    '98.7',
    '97',
    '98',
    '98',
    '98',
  ],
  ['', '98% trẻ em dưới 5 tuổi được tiêm chủng đầy đủ các loại vắc xin vào năm 2030.', '', '98', '98', '98', '98'],
  [
    'Mục tiêu 2: Về bảo vệ trẻ em',
    '- Chỉ tiêu 9: Giảm tỷ lệ trẻ em bị xâm hại trên tổng số trẻ em xuống dưới 1% vào năm 2025 và xuống dưới 0,5% vào năm 2030.',
    '0.005',
    '0.004',
    '0.003',
    '1',
    '0.5',
  ],
];

function v(
  value: number,
  year: number | null,
  text: string,
  comparator: TargetValue['comparator'] = 'eq',
): TargetValue {
  return { value, unit: '%', comparator, year, text };
}

function target(n: number, text: string, values: TargetValue[]): Target {
  return {
    id: `t${n}`,
    label: `Chỉ tiêu ${n}`,
    text,
    section: 'I',
    values,
    confidence: 'high',
    flags: [],
    source: { start: 0, end: 1, line: 1 },
  };
}

/** The narrative targets of seed 003 as the target extractor reads them. */
function narrative(): Target[] {
  return [
    target(
      1,
      'Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 82% vào năm 2025 và 87% vào năm 2030.',
      [v(82, 2025, '82%'), v(87, 2030, '87%')],
    ),
    target(
      3,
      'Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới 9 vào năm 2025 và duy trì đến năm 2030; giảm tỷ suất tử vong của trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống xuống dưới 10 vào năm 2025 và dưới 8 vào năm 2030; giảm tỷ suất tử vong trẻ em dưới 5 tuổi trên 1.000 trẻ đẻ sống dưới 15 vào năm 2025 và dưới 12 vào năm 2030.',
      [
        v(9, 2025, 'dưới 9', 'lt'),
        v(10, 2025, 'dưới 10', 'lt'),
        v(8, 2030, 'dưới 8', 'lt'),
        v(15, 2025, 'dưới 15', 'lt'),
        v(12, 2030, 'dưới 12', 'lt'),
      ],
    ),
    target(
      5,
      'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin đạt 98% vào năm 2025 và 98% vào năm 2030; 98% trẻ em dưới 5 tuổi được tiêm chủng đầy đủ các loại vắc xin vào năm 2030.',
      [v(98, 2025, '98%'), v(98, 2030, '98%'), v(98, 2030, '98%')],
    ),
    target(
      9,
      'Giảm tỷ lệ trẻ em bị xâm hại trên tổng số trẻ em xuống dưới 0,004% vào năm 2025 và xuống dưới 0,005% vào năm 2030.',
      [v(0.004, 2025, 'dưới 0,004%', 'lt'), v(0.005, 2030, 'dưới 0,005%', 'lt')],
    ),
  ];
}

const noBudget = (): Budget => ({ total: absent(), fundingSources: [] });

describe('crossCheck: narrative targets vs the summary table', () => {
  it('finds the seed 003 disagreements (5: 98 vs 97 in 2025; 9: 0,005 vs 0.003 in 2030) and nothing else', () => {
    const doc = docWith(['BẢNG TỔNG HỢP CHỈ TIÊU CHƯƠNG TRÌNH HÀNH ĐỘNG'], ROWS, { headerRows: 2, columns: COLS });
    const tables = extractTables(doc);
    const targets = narrative();
    const diags = crossCheck({ doc, targets, tables, budget: noBudget() });
    const conflicts = diags.filter((d) => d.code === 'table-conflict');
    expect(conflicts.map((d) => d.message)).toEqual([
      expect.stringMatching(/^Chỉ tiêu 5: the text says 98 for 2025, table-1 says 97/),
      expect.stringMatching(/^Chỉ tiêu 9: the text says 0.005 for 2030, table-1 says 0.003/),
    ]);
    const flagged = targets.filter((t) => t.flags.includes('table-conflict')).map((t) => t.label);
    expect(flagged).toEqual(['Chỉ tiêu 5', 'Chỉ tiêu 9']);
    expect(targets.find((t) => t.label === 'Chỉ tiêu 5')?.confidence).toBe('medium');
    expect(tables[0]?.flags).toContain('table-conflict');
  });

  it('reads the cell stream, so rows the reader split elsewhere still line up', () => {
    // The same cells in the same order, broken into rows at other places.
    const flat = ROWS.slice(2).flat();
    const rows = [ROWS[0] as string[], ROWS[1] as string[]];
    for (let i = 0; i < flat.length; i += 5) rows.push(flat.slice(i, i + 5));
    const doc = docWith([], rows, { headerRows: 2, columns: COLS });
    const targets = narrative();
    crossCheck({ doc, targets, tables: extractTables(doc), budget: noBudget() });
    expect(targets.filter((t) => t.flags.includes('table-conflict')).map((t) => t.label)).toEqual([
      'Chỉ tiêu 5',
      'Chỉ tiêu 9',
    ]);
  });

  it('a row restating a two-clause target with one set of figures belongs to the first clause', () => {
    const rows = [
      ...ROWS.slice(0, 2),
      [
        '',
        '- Chỉ tiêu 20: Tỷ lệ trường học có cơ sở hạ tầng phù hợp với học sinh khuyết tật đạt 55% vào năm 2025 và 60% vào năm 2030; tỷ lệ trẻ em khuyết tật được tiếp cận giáo dục chuyên biệt đạt 80% vào năm 2025 và đạt 90% vào năm 2030.',
        '',
        '55',
        '60',
        '55',
        '60',
      ],
    ];
    const doc = docWith([], rows, { headerRows: 2, columns: COLS });
    const t20 = target(
      20,
      'Chỉ tiêu 20: Tỷ lệ trường học có cơ sở hạ tầng phù hợp với học sinh khuyết tật đạt 55% vào năm 2025 và 60% vào năm 2030; tỷ lệ trẻ em khuyết tật được tiếp cận giáo dục chuyên biệt đạt 80% vào năm 2025 và đạt 90% vào năm 2030.',
      [v(55, 2025, '55%'), v(60, 2030, '60%'), v(80, 2025, '80%'), v(90, 2030, '90%')],
    );
    expect(crossCheck({ doc, targets: [t20], tables: extractTables(doc), budget: noBudget() })).toEqual([]);
  });

  it('does not compare national or baseline columns, nor targets the table does not restate', () => {
    const doc = docWith([], ROWS, { headerRows: 2, columns: COLS });
    const t20 = target(20, 'Tỷ lệ trường học có cơ sở hạ tầng đạt 55% vào năm 2025', [v(55, 2025, '55%')]);
    const targets = [...narrative().filter((t) => t.label === 'Chỉ tiêu 1'), t20];
    expect(crossCheck({ doc, targets, tables: extractTables(doc), budget: noBudget() })).toEqual([]);
    expect(targets.every((t) => t.confidence === 'high')).toBe(true);
  });
});

describe('crossCheck: budget', () => {
  it('seed 000: the stated total agrees with the table total', () => {
    const doc = seed000Doc();
    const tables = extractTables(doc);
    const budget: Budget = {
      total: field({ amount: 2104470000, currency: 'VND', text: '2.104.470.000 đồng', words: null }, null),
      fundingSources: [],
    };
    expect(crossCheck({ doc, targets: [], tables, budget })).toEqual([]);
    expect(budget.total.confidence).toBe('high');
  });

  it('a disagreeing table total demotes the budget and says so', () => {
    const doc = seed000Doc();
    const tables = extractTables(doc);
    const budget: Budget = {
      total: field({ amount: 2014470000, currency: 'VND', text: '2.014.470.000 đồng', words: null }, null),
      fundingSources: [],
    };
    const diags = crossCheck({ doc, targets: [], tables, budget });
    expect(diags.map((d) => d.code)).toEqual(['budget-table-mismatch']);
    expect(budget.total.confidence).toBe('medium');
    expect(budget.total.flags).toEqual(['budget-table-mismatch']);
  });
});

describe('crossCheck: tables without "Chỉ tiêu N" labels', () => {
  const cols = ['STT', 'Chỉ tiêu', 'Thực hiện 2020', 'Kế hoạch 2025'];
  const rows = [
    cols,
    ['1', 'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ', '96', '97'],
    ['2', 'Tỷ lệ xã, phường đạt tiêu chuẩn phù hợp với trẻ em', '74', '82'],
  ];
  const mk = (id: string, text: string, value: number): Target => ({
    id,
    label: null,
    text,
    section: 'II',
    values: [v(value, 2025, `${value}%`)],
    confidence: 'high',
    flags: [],
    source: { start: 0, end: 1, line: 1 },
  });

  it('matches rows to targets by their words and compares the plan column only', () => {
    const doc = docWith([], rows, { headerRows: 1, columns: cols });
    const targets = [
      mk('t1', 'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt 98% vào năm 2025.', 98),
      mk('t2', 'Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 82%.', 82),
    ];
    const diags = crossCheck({ doc, targets, tables: extractTables(doc), budget: noBudget() });
    expect(diags.map((d) => d.message)).toEqual([
      expect.stringMatching(/^t1: the text says 98 for 2025, table-1 says 97/),
    ]);
    expect(targets.map((t) => t.confidence)).toEqual(['medium', 'high']);
  });

  it('does not guess when no target clearly matches a row', () => {
    const doc = docWith([], rows, { headerRows: 1, columns: cols });
    const targets = [mk('t1', 'Giảm tỷ lệ suy dinh dưỡng xuống 10% vào năm 2025.', 10)];
    expect(crossCheck({ doc, targets, tables: extractTables(doc), budget: noBudget() })).toEqual([]);
  });
});

describe('crossCheck: values due every year', () => {
  const cols = ['CHỈ TIÊU', 'KẾ HOẠCH / 2025', 'KẾ HOẠCH / 2030'];
  const mk = (value: number): Target =>
    target(7, 'Duy trì 100% cơ sở giáo dục cho trẻ em có công trình vệ sinh.', [v(value, null, `${value}%`)]);
  it.each([
    [['- Chỉ tiêu 7: Duy trì 100% cơ sở giáo dục có công trình vệ sinh.', '100', '100'], 0],
    [['- Chỉ tiêu 7: Duy trì 100% cơ sở giáo dục có công trình vệ sinh.', '90', '95'], 1],
  ])('%j → %d conflict(s)', (row, n) => {
    const doc = docWith([], [cols, row], { headerRows: 1, columns: cols });
    const diags = crossCheck({ doc, targets: [mk(100)], tables: extractTables(doc), budget: noBudget() });
    expect(diags.filter((d) => d.code === 'table-conflict')).toHaveLength(n);
  });
});
