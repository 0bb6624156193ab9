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

/** The budget of a plan whose KINH PHÍ section holds `lines`. */
function budgetOf(lines: string[], period: { from: number; to: number } | null = null) {
  const { doc, outline } = plan([
    ['III', 'NHIỆM VỤ, GIẢI PHÁP', ['Tổ chức các hoạt động truyền thông.']],
    ['IV', 'KINH PHÍ THỰC HIỆN', lines],
  ]);
  const b = extractBudget(doc, outline, [], period);
  expect(BudgetSchema.safeParse(b).success).toBe(true);
  return { total: b.total, doc };
}

describe('extractBudget: a total and its breakdown', () => {
  const QUANG_NAM = [
    '1. Tổng kinh phí thực hiện: 12.450 triệu đồng (Bằng chữ: Mười hai tỷ, bốn trăm năm mươi triệu đồng), trong đó:',
    '- Ngân sách tỉnh: 9.450 triệu đồng;',
    '- Nguồn xã hội hóa: 3.000 triệu đồng.',
    '2. Hằng năm, các cơ quan, đơn vị lập dự toán kinh phí gửi Sở Tài chính thẩm định.',
  ];

  it.each([
    ['"Tổng kinh phí …:"', QUANG_NAM],
    ['"Tổng kinh phí … là"', [QUANG_NAM[0]?.replace('thực hiện:', 'thực hiện là') ?? '', ...QUANG_NAM.slice(1)]],
    ['a breakdown on one line', [QUANG_NAM.join(' ')]],
    ['"Trong đó:" opening a new sentence', ['Tổng kinh phí: 12.450 triệu đồng.', 'Trong đó:', ...QUANG_NAM.slice(1)]],
    [
      '"gồm" and an inline list',
      ['Tổng kinh phí 12.450 triệu đồng, gồm: ngân sách tỉnh 9.450 triệu đồng, ngân sách huyện 3.000 triệu đồng.'],
    ],
  ])('a total whose parts add up is one amount, high (%s)', (_name, lines) => {
    const { total } = budgetOf(lines);
    expect(total.value?.amount).toBe(12_450_000_000);
    expect(total.confidence).toBe('high');
    expect(total.flags).toEqual([]);
  });

  it('parts that do not add up are flagged, and never taken for the total', () => {
    const { total } = budgetOf([
      'Tổng kinh phí thực hiện: 12.450 triệu đồng, trong đó:',
      '- Ngân sách tỉnh: 9.450 triệu đồng;',
      '- Nguồn xã hội hóa: 2.000 triệu đồng.',
    ]);
    expect(total.value?.amount).toBe(12_450_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toEqual(['sum-mismatch']);
  });

  it('a lone "trong đó" share smaller than the total is not a mismatch', () => {
    const { total } = budgetOf(['Tổng kinh phí là 5 tỷ đồng, trong đó ngân sách trung ương hỗ trợ 2 tỷ đồng.']);
    expect(total.value?.amount).toBe(5_000_000_000);
    expect(total.confidence).toBe('high');
  });

  it('a part with its own breakdown: its sub-parts are not counted twice', () => {
    const { total } = budgetOf([
      'Tổng kinh phí là 10 tỷ đồng, trong đó:',
      '- Ngân sách tỉnh: 6 tỷ đồng, trong đó: + năm 2024: 2 tỷ đồng; + năm 2025: 4 tỷ đồng;',
      '- Nguồn xã hội hóa: 4 tỷ đồng.',
    ]);
    expect(total.value?.amount).toBe(10_000_000_000);
    expect(total.flags).toEqual([]);
  });

  it('an approximate total with parts larger than it: the total, approximate and mismatched', () => {
    const { total } = budgetOf([
      'Tổng kinh phí dự kiến khoảng 3,5 tỷ đồng, trong đó:',
      '- Ngân sách tỉnh: 9.450 triệu đồng;',
      '- Nguồn xã hội hóa: 3.000 triệu đồng.',
    ]);
    expect(total.value?.amount).toBe(3_500_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toEqual(expect.arrayContaining(['approximate', 'sum-mismatch']));
  });

  it('"dự kiến" alone is how plans state budgets: still high', () => {
    const { total } = budgetOf(['Tổng kinh phí dự kiến là 3,5 tỷ đồng.']);
    expect(total.value?.amount).toBe(3_500_000_000);
    expect(total.confidence).toBe('high');
  });

  it('parts listed without "trong đó" after a total are not rivals when they add up', () => {
    const { total } = budgetOf([
      'Tổng kinh phí thực hiện là 12.450 triệu đồng.',
      'Tổng kinh phí ngân sách tỉnh là 9.450 triệu đồng; tổng kinh phí xã hội hóa là 3.000 triệu đồng.',
    ]);
    expect(total.value?.amount).toBe(12_450_000_000);
    expect(total.confidence).toBe('high');
  });

  it('two unrelated totals are contested', () => {
    const { total } = budgetOf(['Tổng kinh phí là 12 tỷ đồng.', 'Tổng kinh phí là 7 tỷ đồng.']);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toContain('budget-several-amounts');
  });
});

describe('extractBudget: phrasings plans use', () => {
  it('digits with agreeing words', () => {
    const { total, doc } = budgetOf(['Tổng kinh phí: 1.250.000.000 đồng (Một tỷ hai trăm năm mươi triệu đồng).']);
    expect(total.value).toEqual({
      amount: 1_250_000_000,
      currency: 'VND',
      text: '1.250.000.000 đồng',
      words: 'Một tỷ hai trăm năm mươi triệu đồng',
    });
    expect(total.confidence).toBe('high');
    expect(total.source && doc.text.slice(total.source.start, total.source.end)).toBe(
      '1.250.000.000 đồng (Một tỷ hai trăm năm mươi triệu đồng)',
    );
  });

  it('words that disagree with the digits: low', () => {
    const { total } = budgetOf(['Tổng kinh phí: 1.250.000.000 đồng (Một tỷ hai trăm triệu đồng).']);
    expect(total.value?.amount).toBe(1_250_000_000);
    expect(total.confidence).toBe('low');
    expect(total.flags).toContain('words-mismatch');
  });

  it('a one-year figure is the total of a one-year plan', () => {
    const { total } = budgetOf(['Dự toán kinh phí thực hiện năm 2024 là 850 triệu đồng.'], { from: 2024, to: 2024 });
    expect(total.value?.amount).toBe(850_000_000);
    expect(total.confidence).toBe('high');
  });

  it.each([
    ['of a multi-year plan', { from: 2024, to: 2026 }],
    ['when the period is unknown', null],
  ])('a one-year figure %s is taken, medium, flagged per-year', (_name, period) => {
    const { total } = budgetOf(['Dự toán kinh phí thực hiện năm 2024 là 850 triệu đồng.'], period);
    expect(total.value?.amount).toBe(850_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toContain('per-year');
  });

  it('a yearly figure is taken only when nothing else is stated: medium, per-year and approximate', () => {
    const { total } = budgetOf(['Kinh phí thực hiện Kế hoạch khoảng 2,5 tỷ đồng/năm.']);
    expect(total.value?.amount).toBe(2_500_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toEqual(expect.arrayContaining(['per-year', 'approximate']));
  });

  it('a period total wins over the yearly average after it', () => {
    const { total } = budgetOf(['Tổng kinh phí 5 năm (2021-2025) là 15 tỷ đồng, bình quân 3 tỷ đồng/năm.']);
    expect(total.value?.amount).toBe(15_000_000_000);
    expect(total.confidence).toBe('high');
    expect(total.flags).toEqual([]);
  });

  it('a period total wins over year figures in its section', () => {
    const { total } = budgetOf([
      'Năm 2024 bố trí 2 tỷ đồng; năm 2025 là 3 tỷ đồng.',
      'Tổng kinh phí thực hiện đến năm 2025 là 5 tỷ đồng.',
    ]);
    expect(total.value?.amount).toBe(5_000_000_000);
    expect(total.confidence).toBe('high');
  });

  it.each([
    ['Tổng kinh phí: 500.000.000đ.', 500_000_000],
    ['Tổng kinh phí: 500.000.000 VNĐ.', 500_000_000],
    ['Tổng kinh phí thực hiện: 12,45 tỷ VNĐ.', 12_450_000_000],
  ])('reads the sign and abbreviations of đồng: %s', (line, amount) => {
    expect(budgetOf([line]).total.value?.amount).toBe(amount);
  });

  it('a bare "tỷ" or an "đ" starting a word is no money', () => {
    expect(budgetOf(['Tổng kinh phí phục vụ 2 tỷ người; 5 đợt tập huấn.']).total.value).toBeNull();
  });

  it('no amount stated: null, high', () => {
    const { total } = budgetOf(['Kinh phí: từ nguồn ngân sách nhà nước.']);
    expect(total.value).toBeNull();
    expect(total.confidence).toBe('high');
  });

  it('"nhà nước" is not the approximate "ước"', () => {
    const { total } = budgetOf(['Tổng kinh phí từ ngân sách nhà nước 4 tỷ đồng.']);
    expect(total.value?.amount).toBe(4_000_000_000);
    expect(total.flags).toEqual([]);
  });

  it('an English decimal point is read but flagged', () => {
    const { total } = budgetOf(['Tổng kinh phí là 3.5 tỷ đồng.']);
    expect(total.value?.amount).toBe(3_500_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toContain('ambiguous-number');
  });

  it('a damage estimate in a plan without a KINH PHÍ section is not the budget', () => {
    const { doc, outline } = plan([
      ['I', 'TÌNH HÌNH', ['Năm 2021, thiên tai làm ước thiệt hại khoảng 20 tỷ đồng.']],
      ['II', 'TỔ CHỨC THỰC HIỆN', ['Sở Tài chính bố trí kinh phí theo quy định.']],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(b.total.value).toBeNull();
    expect(b.total.confidence).toBe('high');
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
    [
      'a total opening a breakdown of endless items',
      `Tổng kinh phí 5 tỷ đồng, trong đó: ${'- a 1 đồng; '.repeat(9_000)}`,
    ],
    ['breakdowns opened back to back', 'Tổng kinh phí 5 tỷ đồng, trong đó '.repeat(3_000)],
  ])('stays fast on %s', (_name, text) => {
    const { doc, outline } = plan([['IV', 'KINH PHÍ THỰC HIỆN', [text]]]);
    expect(timed(() => extractBudget(doc, outline, []))).toBeLessThan(2000);
  });
});

describe('extractBudget: yearly figures times years, investment needs (issue 8)', () => {
  it('"A đồng/năm x 05 năm = B đồng" gives the period total B, high when A × 5 = B', () => {
    const { total } = budgetOf([
      'Tổng kinh phí thực hiện Kế hoạch: 1.500.000.000 đồng/năm x 05 năm = 7.500.000.000 đồng (Bảy tỷ năm trăm triệu đồng).',
    ]);
    expect(total.value?.amount).toBe(7_500_000_000);
    expect([total.confidence, total.flags]).toEqual(['high', []]);
  });

  it('a written product that does not match A × N is flagged', () => {
    const { total } = budgetOf(['Kinh phí thực hiện: 1.500.000.000 đồng/năm x 05 năm = 6.000.000.000 đồng.']);
    expect(total.value?.amount).toBe(6_000_000_000);
    expect(total.flags).toContain('sum-mismatch');
  });

  it('"A đồng/năm x 05 năm" with no result: the product, as a reading (inferred)', () => {
    const { total } = budgetOf(['Kinh phí thực hiện: 1,5 tỷ đồng/năm x 05 năm.']);
    expect(total.value?.amount).toBe(7_500_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toContain('inferred');
  });

  it('a yearly figure alone stays a yearly figure (counter-example)', () => {
    const { total } = budgetOf(['Kinh phí thực hiện khoảng 1,5 tỷ đồng/năm.']);
    expect(total.value?.amount).toBe(1_500_000_000);
    expect(total.flags).toContain('per-year');
  });

  it('an investment need "nhu cầu vốn … dự kiến khoảng" is the budget, approximate', () => {
    const { total } = budgetOf([
      'Tổng nhu cầu vốn thực hiện Kế hoạch giai đoạn 2026 - 2030 dự kiến khoảng 1.250 tỷ đồng.',
    ]);
    expect(total.value?.amount).toBe(1_250_000_000_000);
    expect(total.confidence).toBe('medium');
    expect(total.flags).toEqual(['approximate']);
  });

  it('finds an investment need outside a KINH PHÍ section', () => {
    const { doc, outline } = plan([
      ['III', 'NHIỆM VỤ, GIẢI PHÁP', ['Nhu cầu vốn đầu tư phát triển hạ tầng số dự kiến khoảng 300 tỷ đồng.']],
      ['IV', 'TỔ CHỨC THỰC HIỆN', ['Sở Tài chính bố trí kinh phí.']],
    ]);
    const b = extractBudget(doc, outline, []);
    expect(b.total.value?.amount).toBe(300_000_000_000);
    expect(b.total.flags).toContain('approximate');
  });
});
