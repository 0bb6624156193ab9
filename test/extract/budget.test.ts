import { describe, expect, it } from 'vitest';
import { BudgetSchema } from '../../src/contract/schema.js';
import { DocBuilder } from '../../src/doc/build.js';
import type { Doc, Outline } from '../../src/doc/types.js';
import { extractBudget } from '../../src/extract/budget.js';
import { extractTables } from '../../src/extract/tables.js';
import { seed000Doc } from './table-fixtures.js';

/** A plan body of Roman sections; the outline is built by hand so this test does not depend on the outliner. */
function plan(sections: Array<[string, string, string[]]>): { doc: Doc; outline: Outline } {
  const b = new DocBuilder({ format: 'text', sha256: '0'.repeat(64), fileName: null, pages: null });
  b.addText('KẾ HOẠCH');
  const out: Outline = { bodyStart: 1, bodyEnd: 0, sections: [], messages: [] };
  sections.forEach(([numeral, title, body], n) => {
    const head = b.addText(`${numeral}. ${title}`);
    for (const l of body) b.addText(l);
    out.sections.push({
      numeral,
      number: n + 1,
      title,
      headLine: head.number - 1,
      endLine: b.lines.length,
      span: { start: head.start, end: head.end, line: head.number },
      flags: [],
      items: [],
    });
  });
  out.bodyEnd = b.lines.length;
  return { doc: b.build(), outline: out };
}

const SEED000_KINH_PHI =
  'Nguồn kinh phí thực hiện gồm: nguồn ngân sách nhà nước và nguồn huy động của các tổ chức cá nhân trong và ngoài nước (nếu có), trong đó dự toán nguồn ngân sách nhà nước triển khai thực hiện Kế hoạch giai đoạn 2019 - 2025 là 2.104.470.000 đồng (Hai tỷ một trăm lẻ bốn triệu bốn trăm bảy mươi ngàn đồng) (kèm theo phụ lục kinh phí).';

describe('extractBudget', () => {
  it('seed 000: the stated total, its words and its sources', () => {
    const { doc, outline } = plan([
      ['III', 'NHIỆM VỤ', ['Thiệt hại do thiên tai ước tính 5.000.000.000 đồng mỗi năm.']],
      ['IV', 'KINH PHÍ THỰC HIỆN', [SEED000_KINH_PHI]],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(BudgetSchema.safeParse(b).success).toBe(true);
    expect(b.total.value).toEqual({
      amount: 2104470000,
      currency: 'VND',
      text: '2.104.470.000 đồng',
      words: 'Hai tỷ một trăm lẻ bốn triệu bốn trăm bảy mươi ngàn đồng',
    });
    expect(b.total.confidence).toBe('high');
    const src = b.total.source;
    expect(src && doc.text.slice(src.start, src.end)).toMatch(/^2\.104\.470\.000 đồng \(Hai tỷ .* ngàn đồng\)$/);
    expect(b.fundingSources).toEqual([
      'ngân sách nhà nước',
      'nguồn huy động của các tổ chức cá nhân trong và ngoài nước',
    ]);
  });

  it('words that disagree with the digits make the total low', () => {
    const { doc, outline } = plan([
      [
        'IV',
        'KINH PHÍ THỰC HIỆN',
        ['Tổng kinh phí là 2.104.470.000 đồng (Hai tỷ một trăm lẻ bốn triệu bốn trăm ngàn đồng).'],
      ],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(b.total.value?.amount).toBe(2104470000);
    expect(b.total.confidence).toBe('low');
    expect(b.total.flags).toContain('words-mismatch');
  });

  it('reads words introduced by "Bằng chữ:"', () => {
    const { doc, outline } = plan([
      ['IV', 'KINH PHÍ THỰC HIỆN', ['Tổng kinh phí là 350.000.000 đồng (Bằng chữ: Ba trăm năm mươi triệu đồng chẵn).']],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(b.total.value?.words).toBe('Ba trăm năm mươi triệu đồng chẵn');
    expect(b.total.confidence).toBe('high');
  });

  it('a period total wins over per-year figures; units scale to đồng', () => {
    const { doc, outline } = plan([
      [
        'V',
        'KINH PHÍ THỰC HIỆN',
        [
          'Mỗi năm bố trí 500 triệu đồng cho hoạt động truyền thông.',
          'Tổng kinh phí thực hiện cả giai đoạn 2021 - 2025 là 2,5 tỷ đồng.',
        ],
      ],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(b.total.value?.amount).toBe(2_500_000_000);
    expect(b.total.value?.words).toBeNull();
    expect(b.total.confidence).toBe('high');
  });

  it('damage estimates and economic figures elsewhere are not the budget', () => {
    const { doc, outline } = plan([
      ['I', 'TÌNH HÌNH', ['Thiệt hại ước tính 120 tỷ đồng; GRDP đạt 660.085 tỷ đồng.']],
      [
        'II',
        'KINH PHÍ THỰC HIỆN',
        ['Từ nguồn ngân sách nhà nước theo phân cấp ngân sách hiện hành; nguồn tài trợ, các nguồn hợp pháp khác.'],
      ],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(b.total.value).toBeNull();
    expect(b.fundingSources).toEqual(['ngân sách nhà nước', 'nguồn tài trợ', 'các nguồn hợp pháp khác']);
  });

  it('does not take laws or budget procedures for sources', () => {
    const { doc, outline } = plan([
      [
        'III',
        'KINH PHÍ THỰC HIỆN',
        [
          '1. Kinh phí được bố trí từ nguồn ngân sách nhà nước theo quy định của Luật Ngân sách nhà nước, nguồn chi hoạt động bảo hiểm thất nghiệp và các nguồn kinh phí hợp pháp khác.',
          '2. Các sở lập dự toán ngân sách hằng năm theo quy định của pháp luật về ngân sách.',
        ],
      ],
    ]);
    expect(extractBudget(doc, outline, []).fundingSources).toEqual([
      'ngân sách nhà nước',
      'nguồn chi hoạt động bảo hiểm thất nghiệp',
      'các nguồn kinh phí hợp pháp khác',
    ]);
  });

  it('names a source introduced by "Nguồn kinh phí thực hiện từ …"; "bảo đảm" ends a source', () => {
    const { doc, outline } = plan([
      [
        'III',
        'KINH PHÍ THỰC HIỆN',
        [
          'Nguồn kinh phí thực hiện từ các doanh nghiệp viễn thông và huy động nguồn lực xã hội hóa.',
          '- Ngân sách tỉnh bảo đảm kinh phí cho các nhiệm vụ về ứng dụng công nghệ thông tin.',
        ],
      ],
    ]);
    expect(extractBudget(doc, outline, []).fundingSources).toEqual([
      'các doanh nghiệp viễn thông',
      'huy động nguồn lực xã hội hóa',
      'ngân sách tỉnh',
    ]);
  });

  it('an introducer followed by a keyword source or by nothing adds no source of its own', () => {
    const { doc, outline } = plan([
      [
        'III',
        'KINH PHÍ THỰC HIỆN',
        ['Nguồn kinh phí thực hiện từ ngân sách nhà nước.', 'Nguồn kinh phí: theo quy định.'],
      ],
    ]);
    expect(extractBudget(doc, outline, []).fundingSources).toEqual(['ngân sách nhà nước']);
  });

  it('falls back to the total row of the plan’s cost table, in đồng', () => {
    const doc = seed000Doc();
    const outline: Outline = { bodyStart: 0, bodyEnd: doc.lines.length, sections: [], messages: [] };
    const b = extractBudget(doc, outline, extractTables(doc));
    expect(b.total.value?.amount).toBe(2_104_470_000);
    expect(b.total.value?.text).toBe('2.104.470 ngàn đồng');
    expect(b.total.confidence).toBe('high');
    expect(b.total.source?.line).toBe(doc.tables[0]?.rows[3]?.line);
  });

  it('never throws on an empty document', () => {
    const { doc, outline } = plan([]);
    expect(extractBudget(doc, outline, []).total.value).toBeNull();
  });
});

describe('extractBudget on adversarial input', () => {
  const timed = (f: () => void) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  it.each([
    ['digits without a unit', `${'1.'.repeat(50_000)}1`],
    ['amounts without closing parentheses', '1 đồng ('.repeat(12_000)],
    ['source keywords back to back', 'nguồn ngân sách '.repeat(6_000)],
    ['a long unbroken source', `nguồn ${'huy động '.repeat(10_000)}`],
  ])('stays fast on %s', (_name, text) => {
    const { doc, outline } = plan([['IV', 'KINH PHÍ THỰC HIỆN', [text]]]);
    expect(timed(() => extractBudget(doc, outline, []))).toBeLessThan(2000);
  });
});
