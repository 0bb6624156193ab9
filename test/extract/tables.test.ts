import { describe, expect, it } from 'vitest';
import { TableSchema } from '../../src/contract/schema.js';
import { DocBuilder } from '../../src/doc/build.js';
import {
  contradictoryHeader,
  extractTables,
  numberingGaps,
  runningNumberColumn,
  twoRowHeader,
  writtenUnit,
} from '../../src/extract/tables.js';
import { docWith, SEED000_ROWS, seed000Doc } from './table-fixtures.js';

describe('extractTables: seed 000 budget appendix', () => {
  const [t] = extractTables(seed000Doc());

  it('is a budget table in thousands of đồng, titled by its caption', () => {
    expect(TableSchema.safeParse(t).success).toBe(true);
    expect(t?.kind).toBe('budget');
    expect(t?.unit).toBe('ngàn đồng');
    expect(t?.multiplier).toBe(1000);
    expect(t?.title).toMatch(/^TỔNG DỰ TOÁN KINH PHÍ THỰC HIỆN ĐỀ ÁN .* GIAI ĐOẠN 2019 - 2025$/);
    expect(t?.columns).toHaveLength(14);
  });

  it('reads eight data rows in the table unit, never the STT', () => {
    expect(t?.rows.map((r) => r.label)).toEqual([
      'Tổng dự toán giai đoạn 2019-2025',
      ...[2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => `Năm ${y}`),
    ]);
    expect(t?.rows[0]?.values.slice(0, 4)).toEqual([null, null, 2104470, 904200]);
    expect(t?.rows[1]?.values[0]).toBeNull();
  });

  it('adds up across (Tổng = Tỉnh + Huyện; Huyện = its nine districts) and down (total = the seven years)', () => {
    const kinds = new Set(t?.checks.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['row-sum', 'column-sum']));
    expect(t?.checks.filter((c) => c.kind === 'row-sum')).toHaveLength(16);
    expect(t?.checks.filter((c) => c.kind === 'column-sum')).toHaveLength(12);
    expect(t?.checks.every((c) => c.ok)).toBe(true);
    expect(t?.confidence).toBe('high');
    expect(t?.flags).toEqual([]);
  });

  it('flags a wrong figure as a sum mismatch on both its row and its column', () => {
    const rows = SEED000_ROWS.map((r) => [...r]);
    (rows[5] as string[])[6] = '9.215'; // Năm 2020, Thuận An: 9.115 → 9.215
    const [bad] = extractTables(seed000Doc(rows));
    const failed = bad?.checks.filter((c) => !c.ok) ?? [];
    expect(failed.map((c) => c.kind).sort()).toEqual(['column-sum', 'row-sum']);
    expect(failed.find((c) => c.kind === 'row-sum')).toMatchObject({ expected: 96910, actual: 97010 });
    expect(bad?.flags).toContain('sum-mismatch');
    expect(bad?.confidence).not.toBe('high');
    expect(bad?.rows[2]?.flags).toContain('sum-mismatch');
  });
});

describe('extractTables: kinds, units, hierarchy', () => {
  it('layout tables are layout, with no values and no checks', () => {
    const doc = docWith(
      [],
      [
        ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['Số: 12/KH-UBND', 'Hà Nội, ngày 1 tháng 2 năm 2024'],
      ],
      {
        headerRows: 0,
        layout: true,
      },
    );
    const [t] = extractTables(doc);
    expect(t?.kind).toBe('layout');
    expect(t?.checks).toEqual([]);
    expect(t?.rows.every((r) => r.values.every((v) => v === null))).toBe(true);
  });

  it('a per-row unit column leaves the table unit null; indicator by its words', () => {
    const doc = docWith(
      ['Nội dung kế hoạch.', 'DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU'],
      [
        ['STT', 'Nội dung', 'Đơn vị tính', 'Năm 2026', 'Năm 2027'],
        ['1', 'GRDP giá hiện hành', 'Tỷ đồng', '193.549', '218.628'],
        ['2', 'Tốc độ tăng trưởng GRDP', '%', '10,00', '10,00'],
      ],
      { headerRows: 1, columns: ['STT', 'Nội dung', 'Đơn vị tính', 'Năm 2026', 'Năm 2027'] },
    );
    const [t] = extractTables(doc);
    expect(t?.kind).toBe('indicator');
    expect(t?.unit).toBeNull();
    expect(t?.multiplier).toBeNull();
    expect(t?.title).toBe('DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU');
    expect(t?.rows[0]?.values).toEqual([null, null, null, 193549, 218628]);
    expect(t?.rows[1]?.values).toEqual([null, null, null, 10, 10]);
  });

  it('reads a unit from a header cell and markdown emphasis from converted files', () => {
    const doc = docWith(
      ['Bảng kinh phí:'],
      [
        ['**STT**', '**Nội dung**', '**Kinh phí (triệu đồng)**'],
        ['**1**', '**Tập huấn**', '**1.500**'],
        ['2', 'Truyền thông', '2.000'],
        ['', '**Tổng cộng**', '**3.500**'],
      ],
      { headerRows: 1, columns: ['STT', 'Nội dung', 'Kinh phí (triệu đồng)'] },
    );
    const [t] = extractTables(doc);
    expect(t?.kind).toBe('budget');
    expect(t?.multiplier).toBe(1e6);
    // a money table uses Vietnamese notation: "1.500" is not ambiguous there
    expect(t?.rows.map((r) => r.values[2])).toEqual([1500, 2000, 3500]);
    expect(t?.flags).not.toContain('ambiguous-number');
    expect(t?.checks).toEqual([
      expect.objectContaining({ kind: 'column-sum', ok: true, expected: 3500, actual: 3500 }),
    ]);
  });

  it('follows I / 1 / - hierarchy, label formulas, the column-number row and "trong đó" selections', () => {
    const cols = ['STT', 'Nội dung', 'Dự toán', 'Ước thực hiện', 'So sánh (%)'];
    const doc = docWith(
      ['Đơn vị: Triệu đồng.'],
      [
        cols,
        ['A', 'B', '1', '2', '3=2/1'],
        ['', 'TỔNG THU (I+II)', '1.100', '1.210', '110,0'],
        ['I', 'Thu nội địa', '1.000', '1.100', '110,0'],
        ['1', 'Thu từ doanh nghiệp', '600', '700', '116,7'],
        ['', '- Thuế giá trị gia tăng', '400', '450', '112,5'],
        ['', '- Thuế tài nguyên', '200', '250', '125,0'],
        ['2', 'Thu khác', '400', '400', '100,0'],
        ['', 'Trong đó: thu phạt', '150', '160', '106,7'],
        ['II', 'Thu xuất nhập khẩu', '100', '110', '110,0'],
      ],
      { headerRows: 1, columns: cols },
    );
    const [t] = extractTables(doc);
    expect(t?.rows).toHaveLength(8); // the column-number row is a header row
    const where = (s: string) => t?.checks.filter((c) => c.where.includes(s)) ?? [];
    expect(where('TỔNG THU')).toHaveLength(2); // two money columns; the percentage column is never summed
    expect(where('Thu nội địa')).toHaveLength(2);
    expect(where('Thu từ doanh nghiệp')).toHaveLength(2);
    expect(where('Thu khác').every((c) => c.where.includes('partial'))).toBe(true);
    expect(t?.checks.every((c) => c.ok)).toBe(true);
    expect(t?.confidence).toBe('high');
  });

  it('checks a column-number formula "3=1+2" on every row', () => {
    const cols = ['STT', 'Nội dung', 'Trung ương', 'Địa phương', 'Cộng'];
    const doc = docWith(
      ['Đơn vị tính: đồng'],
      [
        cols,
        ['A', 'B', '1', '2', '3=1+2'],
        ['1', 'Vốn', '10.000', '5.000', '15.000'],
        ['2', 'Khác', '1.000', '1.000', '3.000'],
      ],
      { headerRows: 1, columns: cols },
    );
    const [t] = extractTables(doc);
    const rowSums = t?.checks.filter((c) => c.kind === 'row-sum') ?? [];
    expect(rowSums.map((c) => c.ok)).toEqual([true, false]);
    expect(t?.flags).toContain('sum-mismatch');
  });

  it('flags ambiguous numbers where no notation can be told', () => {
    const cols = ['Chỉ tiêu', 'Năm 2025'];
    const doc = docWith([], [cols, ['Số người', '1.500'], ['Số xã', '2.300']], { headerRows: 1, columns: cols });
    const [t] = extractTables(doc);
    expect(t?.flags).toContain('ambiguous-number');
    expect(t?.confidence).toBe('medium');
  });

  it('never throws on an empty or ragged table', () => {
    expect(() => extractTables(docWith([], [], { headerRows: 0 }))).not.toThrow();
    const [t] = extractTables(docWith([], [['a'], ['1', '2', '3'], []], { headerRows: 0 }));
    expect(TableSchema.safeParse(t).success).toBe(true);
  });
});

describe('extractTables: sums in real-world shapes', () => {
  const cols = ['STT', 'Nội dung', 'Năm 2025', 'Năm 2026'];
  const read = (rows: string[][], columns = cols) =>
    extractTables(docWith(['Đơn vị: Triệu đồng.'], [columns, ...rows], { headerRows: 1, columns }))[0];

  it('A, B, C are letters in sequence, not Roman numerals', () => {
    const t = read([
      ['A', 'Tổng chi', '30', '40'],
      ['B', 'Bội chi', '5', '5'],
      ['C', 'Vay, trả nợ', '', ''],
      ['I', 'Dư nợ đầu năm', '12', '14'],
      ['1', 'Trái phiếu', '2', '4'],
      ['2', 'Vay lại', '10', '10'],
    ]);
    // B has no sub-items (C is its sibling); I = 1 + 2
    expect(t?.checks.filter((c) => c.where.includes('Bội chi'))).toEqual([]);
    expect(t?.checks.filter((c) => c.where.includes('Dư nợ đầu năm')).map((c) => c.ok)).toEqual([true, true]);
  });

  it('"Theo mục đích" / "Theo nguồn" are two breakdowns, each equal to the total', () => {
    const t = read([
      ['III', 'Tổng mức vay trong năm', '31.500', '22.656'],
      ['1', 'Theo mục đích vay', '50.100', '22.656'],
      ['-', 'Vay bù đắp bội chi', '31.500', '22.656'],
      ['-', 'Vay trả nợ gốc', '18.600', '-'],
      ['2', 'Theo nguồn vay', '31.500', '22.656'],
      ['-', 'Vay lại từ nguồn Chính phủ', '31.500', '22.656'],
    ]);
    const failed = t?.checks.filter((c) => !c.ok) ?? [];
    expect(failed).toEqual([expect.objectContaining({ expected: 31500, actual: 50100 })]);
    expect(failed[0]?.where).toMatch(/Theo mục đích vay/);
    expect(t?.confidence).toBe('medium');
  });

  it('a stale label formula does not hide that the figures add up over all top-level rows', () => {
    const t = read([
      ['', 'TỔNG THU (I+II)', '60', '66'],
      ['I', 'Thuế', '10', '11'],
      ['II', 'Phí', '20', '22'],
      ['III', 'Xổ số', '30', '33'],
    ]);
    expect(t?.checks.every((c) => c.ok)).toBe(true);
    expect(t?.checks[0]?.where).toMatch(/its label says I\+II/);
  });

  it('finds totals from the figures when the header was read a column off', () => {
    // The header names are shifted: no column is called a total where the total is.
    const columns = ['STT', 'Nội dung', 'Tỉnh', 'Huyện', 'Tổng cộng', 'A', 'B'];
    const t = read(
      [
        ['1', 'Năm 2024', '300', '100', '200', '150', '50'],
        ['2', 'Năm 2025', '310', '110', '200', '120', '80'],
        ['3', 'Năm 2026', '330', '110', '220', '200', '25'],
        ['4', 'Năm 2027', '400', '100', '300', '150', '150'],
      ],
      columns,
    );
    const failed = t?.checks.filter((c) => !c.ok) ?? [];
    // column 2 = 3 + 4 on every row; column 4 = 5 + 6 on three rows, and 200 + 25 ≠ 220 on the other
    expect(failed).toEqual([expect.objectContaining({ kind: 'row-sum', expected: 220, actual: 225 })]);
    expect(t?.checks.filter((c) => c.kind === 'row-sum' && c.ok)).toHaveLength(7);
  });
});

describe('extractTables on adversarial input', () => {
  it('stays fast on huge cells and many rows', () => {
    const big = ['1.'.repeat(50_000), `(${'*'.repeat(50_000)}x`, `1 =${' '.repeat(50_000)}a`, 'Tổng '.repeat(20_000)];
    const rows = [['STT', 'Nội dung', 'Cộng'], ...big.map((c, i) => [String(i + 1), c, c])];
    for (let i = 0; i < 3000; i++) rows.push(['-', `Mục ${i}`, String(i)]);
    const doc = docWith(['Đơn vị tính: ' + 'đồng '.repeat(20_000)], rows, { headerRows: 1, columns: rows[0] });
    const t = performance.now();
    const [table] = extractTables(doc);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(TableSchema.safeParse(table).success).toBe(true);
  });
});

describe('extractTables: rates never add up', () => {
  it('does not sum percentage rows under a rate parent', () => {
    const cols = ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2025'];
    const doc = docWith(
      [],
      [
        cols,
        ['1', 'Tỷ lệ hộ nghèo', '%', '3,5'],
        ['-', 'Khu vực thành thị', '%', '1,2'],
        ['-', 'Khu vực nông thôn', '%', '4,8'],
        ['2', 'Số hộ nghèo', 'hộ', '1.500'],
        ['-', 'Thành thị', 'hộ', '400'],
        ['-', 'Nông thôn', 'hộ', '1.100'],
      ],
      { headerRows: 1, columns: cols },
    );
    const [t] = extractTables(doc);
    expect(t?.checks.map((c) => [c.where.split(' = ')[0], c.ok])).toEqual([[`row "Số hộ nghèo"`, true]]);
  });
});

describe('numberingGaps', () => {
  it.each([
    [['1', '2', '3'], []],
    [['I', '1', '2', 'II', '1', '3'], [5]],
    [
      ['1', '2', '', '-', '3', '13', '16', '17'],
      [5, 6],
    ],
    [['1.', '2.', '4.'], [2]],
    [['A', '1', 'B', '1', '2'], []],
  ])('%j → %j', (stts, gaps) => {
    expect(numberingGaps(stts)).toEqual(gaps);
  });
});

describe('extractTables: page breaks', () => {
  it('drops a repeated header and column-number row from the data', () => {
    const cols = ['STT', 'Nội dung', 'Kinh phí'];
    const doc = docWith(
      ['Đơn vị tính: triệu đồng'],
      [
        cols,
        ['A', 'B', '1'],
        ['1', 'Tập huấn', '100'],
        cols,
        ['A', 'B', '1'],
        ['2', 'Truyền thông', '50'],
        ['', 'Tổng cộng', '150'],
      ],
      { headerRows: 1, columns: cols },
    );
    const [t] = extractTables(doc);
    expect(t?.rows.map((r) => r.label)).toEqual(['Tập huấn', 'Truyền thông', 'Tổng cộng']);
    expect(t?.checks.map((c) => c.ok)).toEqual([true]);
  });
});

describe('extractTables: mixed notations', () => {
  it('flags a one-group number in a table that mixes "9.5" and "13,8"', () => {
    const cols = ['Chỉ tiêu', 'Năm 2025'];
    const doc = docWith([], [cols, ['A', '9.5'], ['B', '12.5'], ['C', '13,8'], ['D', '1.000']], {
      headerRows: 1,
      columns: cols,
    });
    const [t] = extractTables(doc);
    expect(t?.rows.map((r) => r.values[1])).toEqual([9.5, 12.5, 13.8, 1]);
    expect(t?.rows.map((r) => r.flags.includes('ambiguous-number'))).toEqual([false, false, true, true]);
    expect(t?.confidence).toBe('medium');
  });
});

describe('extractTables: unit as written, layout captions', () => {
  it('reports the unit as the document spells it; the multiplier carries the meaning', () => {
    for (const [line, unit, mult] of [
      ['Đơn vị tính: ngàn đồng', 'ngàn đồng', 1000],
      ['Đơn vị: Triệu đồng.', 'Triệu đồng', 1e6],
      ['ĐVT: tỷ đồng', 'tỷ đồng', 1e9],
    ] as const) {
      const cols = ['STT', 'Nội dung', 'Kinh phí'];
      const doc = docWith([line], [cols, ['1', 'Tập huấn', '100']], { headerRows: 1, columns: cols });
      const [t] = extractTables(doc);
      expect([t?.unit, t?.multiplier]).toEqual([unit, mult]);
    }
    expect(writtenUnit(' *Triệu đồng.* ')).toBe('Triệu đồng');
  });

  it('a layout table takes no title from the heading above it', () => {
    const doc = docWith(
      ['VI. CHẾ ĐỘ BÁO CÁO', 'Các cơ quan báo cáo định kỳ.'],
      [['Nơi nhận: - Như trên; - Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH']],
      { headerRows: 0, layout: true },
    );
    expect(extractTables(doc)[0]?.title).toBeNull();
  });

  it('a data table still takes its caption', () => {
    const cols = ['STT', 'Nội dung', 'Kinh phí'];
    const doc = docWith(['DỰ TOÁN KINH PHÍ'], [cols, ['1', 'Tập huấn', '100']], { headerRows: 1, columns: cols });
    expect(extractTables(doc)[0]?.title).toBe('DỰ TOÁN KINH PHÍ');
  });
});

function twoParts(first: string[][], second: string[][], secondColumns: string[] | null, between: string[] = []) {
  const b = new DocBuilder({ format: 'pdf', sha256: '0'.repeat(64), fileName: null, pages: 2 });
  b.addText('KẾ HOẠCH');
  b.addText('PHÂN CÔNG THEO DÕI CÁC CHỈ TIÊU');
  const cols = first[0] ?? [];
  b.addTable(first, { origin: 'pdf', layout: false, headerRows: 1, columns: cols });
  for (const l of between) b.addText(l);
  b.addTable(second, { origin: 'pdf', layout: false, headerRows: secondColumns ? 1 : 0, columns: secondColumns });
  return b.build();
}

describe('extractTables: tables continued after a page break', () => {
  const cols = ['STT', 'Nội dung chỉ tiêu', 'Chủ trì', 'Phối hợp'];
  const first = [cols, ['1', 'Kinh tế số chiếm 10% GRDP', 'Sở KHĐT', 'Các sở, ban, ngành; UBND cấp huyện, cấp']];

  it('a headerless part takes the columns and title of the part above; a row split by the break is joined', () => {
    const [a, b] = extractTables(
      twoParts(
        first,
        [
          ['', '', '', 'xã; Doanh nghiệp'],
          ['2', 'Tỷ lệ dân số có tài khoản thanh toán điện tử trên 50%', 'Ngân hàng Nhà nước', ''],
        ],
        null,
      ),
    );
    expect(b?.columns).toEqual(cols);
    expect(b?.title).toBe(a?.title);
    expect(a?.rows[0]?.cells[3]).toBe('Các sở, ban, ngành; UBND cấp huyện, cấp xã; Doanh nghiệp');
    expect(b?.rows.map((r) => r.cells[0])).toEqual(['2']);
    for (const t of [a, b]) {
      expect(t?.flags).toContain('split-row');
      expect(t?.confidence).toBe('medium');
    }
  });

  it('a part that repeats the header also gives a split row’s tail back', () => {
    const [a, b] = extractTables(
      twoParts(
        first,
        [cols, ['', '', '', 'xã; Doanh nghiệp'], ['2', 'Năng suất lao động tăng 7%', 'Sở KHĐT', '']],
        cols,
      ),
    );
    expect(a?.rows[0]?.cells[3]).toBe('Các sở, ban, ngành; UBND cấp huyện, cấp xã; Doanh nghiệp');
    expect(b?.rows.map((r) => r.cells[0])).toEqual(['2']);
    expect(b?.flags).toContain('split-row');
  });

  it('a part that starts on a whole row keeps high confidence and inherits the header', () => {
    const [, b] = extractTables(twoParts(first, [['2', 'Năng suất lao động tăng 7%', 'Sở KHĐT', 'Sở TTTT']], null));
    expect(b?.columns).toEqual(cols);
    expect(b?.rows).toHaveLength(1);
    expect(b?.confidence).toBe('high');
  });

  it('a table after text is a new table, not a continuation', () => {
    const [, b] = extractTables(
      twoParts(
        first,
        [
          ['', '', '', 'xã; Doanh nghiệp'],
          ['2', 'Năng suất', 'Sở KHĐT', 'Sở TTTT'],
        ],
        null,
        ['PHỤ LỤC 3'],
      ),
    );
    expect(b?.columns).not.toEqual(cols);
    expect(b?.flags).not.toContain('split-row');
  });
});

describe('extractTables: cells a PDF reader put in the wrong column', () => {
  const cols = ['STT', 'Tên dự án/nhiệm vụ', 'Đơn vị chủ trì'];

  it('words in the STT cell go back to the text that continues them in lower case', () => {
    const doc = docWith(
      [],
      [cols, ['III. Về', 'phát triển chính quyền số', ''], ['1', 'Nâng cấp hệ thống', 'Sở TTTT']],
      { headerRows: 1, columns: cols },
    );
    const [t] = extractTables(doc);
    expect(t?.rows[0]?.cells.slice(0, 2)).toEqual(['III.', 'Về phát triển chính quyền số']);
    expect(t?.rows[0]?.label).toBe('Về phát triển chính quyền số');
    expect(t?.rows[0]?.flags).toContain('wrapped');
  });

  it('leaves an STT cell alone when the text cell starts a sentence of its own', () => {
    const doc = docWith([], [cols, ['1 a', 'Nâng cấp hệ thống', 'Sở TTTT']], { headerRows: 1, columns: cols });
    expect(extractTables(doc)[0]?.rows[0]?.cells[0]).toBe('1 a');
  });

  it('a short row that opens with its STT lacks cells at its end, not its start', () => {
    const doc = docWith([], [cols, ['IV.', 'Về kinh tế số'], ['1', 'Nâng cấp hệ thống', 'Sở TTTT']], {
      headerRows: 1,
      columns: cols,
    });
    const [t] = extractTables(doc);
    expect(t?.rows[0]?.label).toBe('Về kinh tế số');
    expect(t?.rows[0]?.flags).toContain('irregular-row');
  });
});

describe('extractTables: reconstructions that cannot be trusted', () => {
  it('a data column counting 1, 2, 3 … means the rows were rebuilt out of line: low', () => {
    const cols = ['STT', 'Địa điểm', 'Ao nuôi (vị trí)', 'Ngao (vị trí)'];
    const rows = [cols, ['1', 'Cửa sông lạch Càn', '1', '']];
    for (let i = 2; i <= 8; i++) rows.push(['', '', String(i), `xã ${i}`]);
    const [t] = extractTables(docWith([], rows, { headerRows: 1, columns: cols }));
    expect(t?.flags).toContain('misaligned-rows');
    expect(t?.confidence).toBe('low');
  });

  it('runningNumberColumn: examples and counter-examples', () => {
    const col = (xs: Array<number | null>) => xs.map((x) => [null, x]);
    expect(runningNumberColumn(col([1, 2, 3, 4, 5]), new Set([0]))).toBe(1);
    expect(runningNumberColumn(col([1, null, 2, 3, 4, 5]), new Set([0]))).toBe(1);
    expect(runningNumberColumn(col([1, 2, 3, 4]), new Set([0]))).toBeNull();
    expect(runningNumberColumn(col([15, 15, 21, 4, 3]), new Set([0]))).toBeNull();
    expect(runningNumberColumn(col([1, 2, 3, 4, 5]), new Set([0, 1]))).toBeNull();
  });

  it('a header path naming two different years is a guessed header: medium', () => {
    expect(contradictoryHeader(['STT', 'Dự toán / Năm 2026 / Năm 2027'])).toBe(true);
    expect(contradictoryHeader(['STT', 'Năm hiện hành 2025 / Dự toán', 'Dự kiến 03 năm kế hoạch / Năm 2026'])).toBe(
      false,
    );
    expect(contradictoryHeader(['Giai đoạn 2021-2025 / Năm 2021'])).toBe(false);
    const cols = ['STT', 'Nội dung', 'Dự toán / Năm 2026 / Năm 2027'];
    const doc = docWith(['Đơn vị: triệu đồng'], [cols, ['1', 'Chi thường xuyên', '100']], {
      headerRows: 1,
      columns: cols,
    });
    const [t] = extractTables(doc);
    expect(t?.flags).toContain('header-uncertain');
    expect(t?.confidence).toBe('medium');
  });
});

describe('extractTables: two-row headers', () => {
  it('twoRowHeader: one group left over the short lower row; null when the shape has several readings', () => {
    expect(twoRowHeader(['TT', 'Địa điểm', 'Tọa độ'], ['X', 'Y'], 4)).toEqual([
      'TT',
      'Địa điểm',
      'Tọa độ / X',
      'Tọa độ / Y',
    ]);
    expect(twoRowHeader(['STT', 'Nội dung', 'Năm 2025', 'Năm 2026'], ['Kế hoạch', 'Ước'], 5)).toEqual([
      'STT',
      'Nội dung',
      'Năm 2025',
      'Năm 2026 / Kế hoạch',
      'Năm 2026 / Ước',
    ]);
    // Two groups over four lower cells, a standalone "Ghi chú", a lower row with gaps: no single reading.
    expect(twoRowHeader(['STT', 'Nội dung', 'A', 'B'], ['1', '2', '3', '4'], 6)).toBeNull();
    expect(twoRowHeader(['STT', 'Nội dung', 'Kinh phí', 'Ghi chú'], ['Tỉnh', 'Huyện'], 5)).toBeNull();
    expect(twoRowHeader(['STT', 'Nội dung', 'Tọa độ'], ['', 'X', 'Y'], 4)).toBeNull();
  });

  it('moves a group header off the rows’ text column', () => {
    const rows = [
      ['TT', 'Địa điểm quan trắc', 'Tọa độ lấy mẫu'],
      ['X', 'Y'],
      ['1', 'Cửa sông lạch Càn: khu vực cấp nước chung', '2210567', '606959'],
      ['2', 'Cửa sông lạch Sung: khu vực nước cấp chung', '2209277', '603812'],
    ];
    const wrong = ['TT', 'Địa điểm quan trắc / X', 'Địa điểm quan trắc / Y', 'Tọa độ lấy mẫu'];
    const [t] = extractTables(docWith([], rows, { headerRows: 2, columns: wrong }));
    expect(t?.columns).toEqual(['TT', 'Địa điểm quan trắc', 'Tọa độ lấy mẫu / X', 'Tọa độ lấy mẫu / Y']);
    expect(t?.rows[0]?.label).toMatch(/^Cửa sông lạch Càn/);
  });

  it('also when the rows were rebuilt so badly that the figures cannot name the text column', () => {
    const rows = [
      ['STT', 'Địa điểm quan trắc', 'Đối tượng quan trắc'],
      ['Nguồn nước (vị trí)', 'Ao nuôi (vị trí)', 'Ngao (vị trí)'],
      ['1', 'Cửa sông lạch Càn', '1', '', ''],
      ['', '', '2', 'Cửa sông lạch Sung', '1'],
      ['', '', '3', 'Cửa sông Yên', '3'],
    ];
    const wrong = [
      'STT',
      'Địa điểm quan trắc / Nguồn nước (vị trí)',
      'Địa điểm quan trắc / Ao nuôi (vị trí)',
      'Địa điểm quan trắc / Ngao (vị trí)',
      'Đối tượng quan trắc',
    ];
    const [t] = extractTables(docWith([], rows, { headerRows: 2, columns: wrong }));
    expect(t?.columns.slice(0, 3)).toEqual(['STT', 'Địa điểm quan trắc', 'Đối tượng quan trắc / Nguồn nước (vị trí)']);
  });

  it('keeps a header whose group stands over figures only', () => {
    const cols = ['STT', 'Nội dung', 'Năm 2025 / Kế hoạch', 'Năm 2025 / Ước', 'Năm 2026'];
    const rows = [
      ['STT', 'Nội dung', 'Năm 2025', 'Năm 2026'],
      ['Kế hoạch', 'Ước'],
      ['1', 'GRDP', '10', '11', '12'],
    ];
    const [t] = extractTables(docWith([], rows, { headerRows: 2, columns: cols }));
    expect(t?.columns).toEqual(cols);
  });
});

describe('extractTables: time columns', () => {
  it('a year under "Thời gian" is a date, not a value; a year column of figures still is', () => {
    const cols = ['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian', 'Năm 2026'];
    const doc = docWith([], [cols, ['1', 'Đề xuất giải pháp', 'Sở Tài chính', '2026', '15']], {
      headerRows: 1,
      columns: cols,
    });
    expect(extractTables(doc)[0]?.rows[0]?.values).toEqual([null, null, null, null, 15]);
  });
});
