import { describe, expect, it } from 'vitest';
import { isRealTable, type PageText, pageBlocks, stripPageFurniture } from '../../src/ingest/pdf-layout.js';

const page = (num: number, lines: string[], tables: string[][][] = []): PageText => ({ num, lines, tables });

describe('stripPageFurniture', () => {
  it('removes page numbers that follow the page sequence, at the top or bottom', () => {
    const pages = [
      page(1, ['KẾ HOẠCH', 'nội dung']),
      page(2, ['2', 'tiếp']),
      page(3, ['- 3 -', 'tiếp nữa']),
      page(4, ['x', '4']),
    ];
    expect(stripPageFurniture(pages).map((p) => p.lines)).toEqual([
      ['KẾ HOẠCH', 'nội dung'],
      ['tiếp'],
      ['tiếp nữa'],
      ['x'],
    ]);
  });

  it('keeps a lone number that does not follow the sequence (it is content)', () => {
    const pages = [page(1, ['a', '15']), page(2, ['b', 'c']), page(3, ['d', 'e'])];
    expect(stripPageFurniture(pages)[0]?.lines).toEqual(['a', '15']);
  });

  it('removes a running header repeated on most pages, digits ignored; keeps figures at page edges', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      page(n, [
        `Kế hoạch số 12/KH-UBND - trang ${n}`,
        ['mở đầu', 'căn cứ', 'mục tiêu', 'giải pháp'][n - 1]!,
        `${n}21.050`,
      ]),
    );
    const out = stripPageFurniture(pages);
    expect(out.every((p) => !p.lines.some((l) => l.startsWith('Kế hoạch số')))).toBe(true);
    expect(out[0]?.lines).toEqual(['mở đầu', '121.050']);
  });

  it('does nothing on a two-page document with no numbering', () => {
    const pages = [page(1, ['UBND TỈNH', 'a']), page(2, ['UBND TỈNH', 'b'])];
    expect(stripPageFurniture(pages)).toEqual(pages);
  });
});

describe('pageBlocks', () => {
  const table = [
    ['STT', 'Nội dung', 'Chủ trì'],
    ['1', 'Số hóa hồ sơ', 'Sở TTTT'],
    ['2', 'Kết nối dữ liệu', 'VP UBND tỉnh'],
  ];

  it('replaces the lines that render a detected table with the table, keeps prose around it', () => {
    const p = page(
      7,
      [
        'PHỤ LỤC 2',
        'STT Nội dung Chủ trì',
        '1 Số hóa hồ sơ Sở TTTT',
        '2 Kết nối dữ liệu VP UBND tỉnh',
        'Sở TTTT chủ trì tổng hợp báo cáo.',
      ],
      [table],
    );
    const blocks = pageBlocks(p);
    expect(blocks.map((b) => (b.type === 'table' ? 'TABLE' : b.text))).toEqual([
      'PHỤ LỤC 2',
      'TABLE',
      'Sở TTTT chủ trì tổng hợp báo cáo.',
    ]);
    expect(blocks.every((b) => b.page === 7)).toBe(true);
    expect(blocks[1]).toMatchObject({ type: 'table', origin: 'pdf', rows: table });
  });

  it('ignores boxes that are not real tables (a framed header block)', () => {
    expect(isRealTable([['ỦY BAN NHÂN DÂN']])).toBe(false);
    expect(isRealTable(table)).toBe(true);
    const blocks = pageBlocks(page(1, ['ỦY BAN NHÂN DÂN'], [[['ỦY BAN NHÂN DÂN']]]));
    expect(blocks).toEqual([{ type: 'paragraph', text: 'ỦY BAN NHÂN DÂN', page: 1 }]);
  });

  it('keeps a table whose rendering is not found rather than losing it', () => {
    const blocks = pageBlocks(page(2, ['đoạn văn khác hẳn'], [table]));
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'table']);
  });

  it('is fast on a long page', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `dòng ${i} ${'chữ '.repeat(20)}`);
    const t0 = performance.now();
    pageBlocks(page(1, lines, [table]));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
