// The rules of the genre for targets (issue 8), each with its examples and counter-examples, run by one test.
// Lines marked "real" are quoted from plans and resolutions outside the fixtures (source in the comment); the
// others are written in the plans' own wording to isolate one rule. Confidence rules: src/confidence.ts.
import { describe, expect, it } from 'vitest';
import { absent, field } from '../../src/contract/field.js';
import type { Metadata, Target } from '../../src/contract/schema.js';
import { buildOutline } from '../../src/extract/outline.js';
import { readTargetValues } from '../../src/extract/target-values.js';
import { extractTargets } from '../../src/extract/targets.js';
import { docOf } from './plan-doc.js';

type Reading = ReturnType<typeof readTargetValues>[number];
/** The fields of a reading a rule is about; undefined fields are left out. */
const shape = (v: Reading) =>
  Object.fromEntries(
    Object.entries({
      value: v.value,
      unit: v.unit,
      comparator: v.comparator,
      year: v.year,
      baseline: v.baseline,
      min: v.min,
      max: v.max,
      per: v.per,
    }).filter(([, x]) => x !== undefined),
  );

interface LineRule {
  rule: string;
  examples: Array<[line: string, values: Array<Record<string, unknown>>]>;
  counterExamples: Array<[line: string, values: Array<Record<string, unknown>>]>;
}

const LINE_RULES: LineRule[] = [
  {
    rule: 'a change from a baseline gives the value it must reach, and the baseline',
    examples: [
      [
        'Giảm tỷ lệ hộ nghèo từ 3,5% xuống còn 2% vào năm 2025.',
        [{ value: 2, unit: '%', comparator: 'eq', year: 2025, baseline: 3.5 }],
      ],
      [
        'Tăng tỷ lệ che phủ rừng từ 40% lên 45% đến năm 2030.',
        [{ value: 45, unit: '%', comparator: 'eq', year: 2030, baseline: 40 }],
      ],
      // The year between the two numbers dates the baseline, not the value.
      [
        'Giảm số người nghiện từ 1.200 người năm 2024 còn 800 người vào năm 2030.',
        [{ value: 800, unit: 'count', comparator: 'eq', year: 2030, baseline: 1200 }],
      ],
      // real (public GitHub text on the Mekong delta, find_string "xuống còn dưới", file id 70993385365): a bound on
      // the new level stays a bound.
      [
        'Lượng phù sa bồi đắp giảm từ 160 triệu tấn/năm (trước 2000) xuống còn dưới 47 triệu tấn/năm.',
        [{ value: 47_000_000, unit: 'tonne', comparator: 'lt', year: null, baseline: 160_000_000, per: 'year' }],
      ],
    ],
    counterExamples: [
      // "từ A đến B" is a range, not a change.
      [
        'Tỷ lệ đạt từ 20% đến 30% vào năm 2030.',
        [{ value: 20, unit: '%', comparator: 'gte', year: 2030, min: 20, max: 30 }],
      ],
      // "xuống 5%" names the level to reach: eq, as "đạt 82%" is (the contract's comparator records a stated bound).
      ['Giảm tỷ lệ trẻ suy dinh dưỡng xuống 5% vào năm 2030.', [{ value: 5, unit: '%', comparator: 'eq', year: 2030 }]],
    ],
  },
  {
    rule: 'a range keeps both ends as one value; a yearly rate says so',
    examples: [
      // real (Nghị quyết Đại hội XIII, online.flipbuilder.com/phamhungtienkg1990/rjoi/files/basic-html/page4.html): "%/năm" is a yearly rate.
      [
        'Tốc độ tăng trưởng kinh tế (GDP) bình quân 5 năm đạt khoảng 6,5 - 7%/năm.',
        [{ value: 6.5, unit: '%', comparator: 'gte', year: null, min: 6.5, max: 7, per: 'year' }],
      ],
      // real (same page): the unit written once after the upper end.
      [
        'Đến năm 2025, GDP bình quân đầu người khoảng 4.700 - 5.000 USD.',
        [{ value: 4700, unit: 'usd', comparator: 'gte', year: 2025, min: 4700, max: 5000 }],
      ],
      // real (same page): "hằng năm" after a range of yearly falls.
      [
        'Tỉ lệ nghèo đa chiều duy trì mức giảm 1 - 1,5% hằng năm.',
        [{ value: 1, unit: '%', comparator: 'gte', year: null, min: 1, max: 1.5, per: 'year' }],
      ],
      [
        'Tốc độ tăng trưởng bình quân hằng năm đạt 7%.',
        [{ value: 7, unit: '%', comparator: 'eq', year: null, per: 'year' }],
      ],
      // real (tapchicongsan.org.vn, dự thảo kế hoạch 2011-2015): "bình quân đạt 22% - 23,5% GDP" is a range, not a rate.
      [
        'Tỷ lệ huy động vào ngân sách nhà nước bình quân đạt 22% - 23,5% GDP.',
        [{ value: 22, unit: '%', comparator: 'gte', year: null, min: 22, max: 23.5 }],
      ],
    ],
    counterExamples: [
      // A level, not a rate, though "hằng năm" recurs.
      ['Hằng năm, 100% xã tổ chức tuyên truyền.', [{ value: 100, unit: '%', comparator: 'eq', year: null }]],
      // Two values, not a range: the second is not larger.
      [
        'Tỷ lệ đạt 95% - 90% tùy địa bàn.',
        [
          { value: 95, unit: '%', comparator: 'eq', year: null },
          { value: 90, unit: '%', comparator: 'eq', year: null },
        ],
      ],
    ],
  },
  {
    rule: 'spelled-out amounts are values after a bound or a counting verb',
    examples: [
      ['Mỗi huyện có ít nhất một cơ sở điều trị nghiện.', [{ value: 1, unit: 'count', comparator: 'gte', year: null }]],
      [
        'Xây dựng hai mô hình điểm về chuyển đổi số cấp xã.',
        [{ value: 2, unit: 'count', comparator: 'eq', year: null }],
      ],
      ['Tổ chức ít nhất một lần diễn tập mỗi năm.', [{ value: 1, unit: 'times', comparator: 'gte', year: null }]],
    ],
    counterExamples: [
      ['Phát triển kinh tế số dựa trên ba trụ cột.', []],
      ['Có một chuyển biến rõ rệt về nhận thức.', []],
      ['Xây dựng một số mô hình điểm.', []],
      // real (luatvietnam.vn, QĐ 681/QĐ-TTg): "một nửa" is a fraction, not one.
      ['Đến năm 2030, giảm ít nhất một nửa tỷ lệ nghèo theo tiêu chí nghèo đa chiều của quốc gia.', []],
      // "01 (một)": read once, from the digits.
      ['Xây dựng 01 (một) trung tâm dữ liệu.', [{ value: 1, unit: 'count', comparator: 'eq', year: null }]],
    ],
  },
  {
    rule: 'a count of targets is not a target value',
    examples: [],
    counterExamples: [
      ['2. Mục tiêu cụ thể (05 mục tiêu)', []],
      ['Kế hoạch gồm 5 chỉ tiêu chủ yếu.', []],
      // real (vov2.vov.vn, kế hoạch 5 năm 2021-2025)
      [
        'Chính phủ đặt ra 23 chỉ tiêu chủ yếu (08 chỉ tiêu về kinh tế, 09 chỉ tiêu về xã hội và 06 chỉ tiêu về môi trường).',
        [],
      ],
    ],
  },
  {
    rule: 'a part of a bounded total shares its bound',
    examples: [
      // real (Nghị quyết Đại hội XIII, online.flipbuilder.com/phamhungtienkg1990/rjoi/files/basic-html/page4.html)
      [
        'Tỉ lệ xã đạt tiêu chuẩn nông thôn mới tối thiểu 80%, trong đó ít nhất 10% đạt chuẩn nông thôn mới kiểu mẫu.',
        [
          { value: 80, unit: '%', comparator: 'gte', year: null },
          { value: 10, unit: '%', comparator: 'gte', year: null },
        ],
      ],
      [
        'Có ít nhất 50 doanh nghiệp hạt nhân đổi mới công nghệ, trong đó có 20 doanh nghiệp công nghệ cao.',
        [
          { value: 50, unit: 'count', comparator: 'gte', year: null },
          { value: 20, unit: 'count', comparator: 'gte', year: null },
        ],
      ],
    ],
    counterExamples: [
      [
        'Phát triển 100 doanh nghiệp, trong đó có 20 doanh nghiệp công nghệ.',
        [
          { value: 100, unit: 'count', comparator: 'eq', year: null },
          { value: 20, unit: 'count', comparator: 'eq', year: null },
        ],
      ],
    ],
  },
  {
    rule: 'a rank naming what a count counts, a negated bound, an angle',
    examples: [
      // real (Nghị quyết on education, ../shared/mixed-archive/266c58c94945cbc4.md, "2. Mục tiêu đến năm 2035")
      [
        'Phấn đấu ít nhất 2 cơ sở giáo dục đại học thuộc nhóm 100 đại học hàng đầu thế giới.',
        [{ value: 2, unit: 'count', comparator: 'gte', year: null }],
      ],
      // real (same, "1. Mục tiêu đến năm 2030"): "no province below 60%" is at least 60%, as a reading.
      [
        'ít nhất 85% người trong độ tuổi hoàn thành cấp trung học phổ thông, không có tỉnh, thành phố đạt dưới 60%.',
        [
          { value: 85, unit: '%', comparator: 'gte', year: null },
          { value: 60, unit: '%', comparator: 'gte', year: null },
        ],
      ],
      [
        'Việt Nam thuộc nhóm 30 nước dẫn đầu về đổi mới sáng tạo.',
        [{ value: 30, unit: 'rank', comparator: 'eq', year: null }],
      ],
    ],
    counterExamples: [
      // real (../shared/mixed-archive/54a2642ad893426a.md): coordinates are no values.
      ["Tọa độ địa lý: từ 10°10' đến 10°38' vĩ độ Bắc và 106°22' đến 106°54' kinh độ Đông.", []],
      ['Giảm tỷ lệ hộ nghèo xuống dưới 2%.', [{ value: 2, unit: '%', comparator: 'lt', year: null }]],
    ],
  },
  {
    rule: 'the level reached so far is the baseline of the target beside it, never a target',
    examples: [
      [
        'Tỷ lệ hộ gia đình sử dụng nước sạch đạt 85% trở lên (năm 2024 đạt 80,2%).',
        [{ value: 85, unit: '%', comparator: 'gte', year: null, baseline: 80.2 }],
      ],
      [
        'Hiện nay tỷ lệ tiêm chủng đầy đủ là 92%, phấn đấu đến năm 2026 đạt 96%.',
        [{ value: 96, unit: '%', comparator: 'eq', year: 2026, baseline: 92 }],
      ],
    ],
    counterExamples: [
      // A parenthesis holding only a year dates the value before it; one holding only a count names what it counts.
      [
        'Tỷ lệ đạt 90% (năm 2025) và 95% (năm 2030).',
        [
          { value: 90, unit: '%', comparator: 'eq', year: 2025 },
          { value: 95, unit: '%', comparator: 'eq', year: 2030 },
        ],
      ],
      // A status word with no target after it of the same unit leaves the value alone.
      ['Nâng cấp 100% trạm y tế hiện có.', [{ value: 100, unit: '%', comparator: 'eq', year: null }]],
    ],
  },
  {
    rule: 'the year prices are measured in is never a due year; a rate against a hundred names its base',
    examples: [
      // The list of "chỉ tiêu chủ yếu" of a district congress resolution words its growth target this way.
      [
        'Tốc độ tăng giá trị sản xuất bình quân hằng năm (giá so sánh năm 2010) đạt 16%.',
        [{ value: 16, unit: '%', comparator: 'eq', year: null, per: 'year' }],
      ],
      [
        'Tỷ số giới tính khi sinh đến năm 2030 giảm xuống dưới 109 bé trai/100 bé gái sinh ra sống.',
        [{ value: 109, unit: 'per-100', comparator: 'lt', year: 2030 }],
      ],
    ],
    counterExamples: [
      // A due year beside the price year still dates the value.
      [
        'GRDP (theo giá so sánh 2010) đạt 50.000 tỷ đồng vào năm 2025.',
        [{ value: 50_000, unit: 'billion-vnd', comparator: 'eq', year: 2025 }],
      ],
      // A date is no rate, nor is a ratio to anything but a power of ten.
      ['Hoàn thành 20 hồ sơ trước ngày 15/11/2025.', [{ value: 20, unit: 'count', comparator: 'eq', year: 2025 }]],
      ['Mỗi xã có 3 tổ tự quản/10 thôn.', [{ value: 3, unit: 'count', comparator: 'eq', year: null }]],
    ],
  },
];

describe('rules of the genre: what one target line states', () => {
  for (const r of LINE_RULES) {
    it(r.rule, () => {
      for (const [line, want] of [...r.examples, ...r.counterExamples]) {
        expect(readTargetValues(line).map(shape), line).toEqual(want);
      }
    });
  }

  it('a shared bound is a reading (inferred), a stated one is not', () => {
    const r = readTargetValues('Có ít nhất 50 doanh nghiệp, trong đó có 20 doanh nghiệp công nghệ cao.');
    expect(r.map((v) => v.comparatorInferred)).toEqual([false, true]);
    const own = readTargetValues('Tối thiểu 80%, trong đó ít nhất 10% đạt chuẩn kiểu mẫu.');
    expect(own.map((v) => v.comparatorInferred)).toEqual([false, false]);
  });

  it('a spelled-out count after a verb is a reading; after a bound it is stated', () => {
    expect(readTargetValues('Xây dựng hai mô hình điểm.').map((v) => v.spelled)).toEqual(['verb']);
    expect(readTargetValues('Có ít nhất một cơ sở.').map((v) => v.spelled)).toEqual(['bound']);
  });
});

const meta = (title: string | null = null): Metadata => ({
  issuer: absent(),
  province: absent(),
  documentNumber: absent(),
  documentType: absent(),
  issuedDate: absent(),
  place: absent(),
  title: title ? field(title, null) : absent(),
  period: absent(),
  signer: absent(),
  legalBasis: [],
  recipients: [],
});

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];
function targets(lines: string[], title: string | null = null): Target[] {
  // The implementation section closes the plan, numbered after the last section the example opens.
  const last = Math.max(...lines.map((l) => ROMAN.indexOf(/^([IV]+)\./u.exec(l)?.[1] ?? '')));
  const d = docOf([...lines, `${ROMAN[last + 1]}. TỔ CHỨC THỰC HIỆN`, '1. Sở Y tế: Chủ trì triển khai Kế hoạch.']);
  return extractTargets(d, buildOutline(d), meta(title));
}
const summary = (ts: Target[]) => ts.map((t) => [t.values.map((v) => [v.value, v.year]), t.confidence, t.flags]);

describe('rules of the genre: where targets are and what dates them', () => {
  it('a numbered sub-heading stating one due year dates the items under it, wrapped or bold (corpus 01)', () => {
    for (const heading of [
      ['**1. Phát triển kinh tế số đến năm 2030**'],
      ['1. Phát triển', 'kinh tế số đến năm 2030'],
      ['**1. Phát triển**', '**kinh tế số đến năm 2030**'],
      ['a) Đến năm 2030:'],
    ]) {
      const t = targets([
        'II. MỤC TIÊU',
        ...heading,
        '- Kinh tế số chiếm 45% GRDP tỉnh.',
        '- Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%.',
      ]);
      expect(summary(t), heading.join(' / ')).toEqual([
        [[[45, 2030]], 'high', []],
        [[[40, 2030]], 'high', []],
      ]);
    }
  });

  it('a year a line states wins over the heading; a line of its own year is never re-dated', () => {
    const t = targets([
      'II. MỤC TIÊU',
      '1. Mục tiêu cụ thể đến năm 2030',
      '- Tỷ lệ hộ nghèo giảm từ 3,5% xuống còn 2% vào năm 2025.',
      '- Hằng năm, 100% xã tổ chức tuyên truyền.',
    ]);
    expect(summary(t)).toEqual([
      [[[2, 2025]], 'high', []],
      [[[100, null]], 'high', []],
    ]);
    expect(t[0]?.values[0]?.baseline).toBe(3.5);
  });

  it('counter-examples: a heading with two years, a year from the title only, no year at all', () => {
    const two = targets([
      'II. MỤC TIÊU',
      '1. Mục tiêu đến năm 2025, định hướng đến năm 2030',
      '- Kinh tế số chiếm 45% GRDP tỉnh.',
    ]);
    expect(summary(two)).toEqual([[[[45, 2025]], 'medium', ['inferred']]]);
    const titled = targets(['II. MỤC TIÊU', '- Kinh tế số chiếm 45% GRDP tỉnh.'], 'Kế hoạch chuyển đổi số năm 2026');
    expect(summary(titled)).toEqual([[[[45, 2026]], 'medium', ['inferred']]]);
    const none = targets(['II. MỤC TIÊU', '- Kinh tế số chiếm 45% GRDP tỉnh.']);
    expect(summary(none)).toEqual([[[[45, null]], 'medium', ['year-missing']]]);
  });

  it('a heading announcing how many targets follow is a heading, not a target', () => {
    const t = targets([
      'II. MỤC TIÊU',
      '2. Mục tiêu cụ thể đến năm 2030 (05 mục tiêu)',
      '- Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%.',
    ]);
    expect(t.map((x) => [x.text, x.values.map((v) => [v.value, v.year])])).toEqual([
      ['Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%.', [[80, 2030]]],
    ]);
  });

  it('a sub-heading counting the targets under it ("Về kinh tế (11 chỉ tiêu)") heads them and is no target', () => {
    const t = targets([
      'II. MỤC TIÊU',
      '1. Về kinh tế (03 chỉ tiêu)',
      '1. Thu nhập bình quân đầu người đến năm 2025 đạt 60 triệu đồng.',
      '2. Tỷ lệ đô thị hóa đến năm 2025 đạt 16% trở lên.',
      '2. Về xã hội, gồm 2 chỉ tiêu',
      '3. Tỷ lệ lao động qua đào tạo năm 2025 đạt 65%.',
    ]);
    expect(summary(t)).toEqual([
      [[[60, 2025]], 'high', []],
      [[[16, 2025]], 'high', []],
      [[[65, 2025]], 'high', []],
    ]);
  });

  it('"(1)", "(2)" number the targets of a list: the number is a label, never a value', () => {
    const t = targets([
      'II. MỤC TIÊU',
      'Các chỉ tiêu chủ yếu đến năm 2025:',
      'Về kinh tế:',
      '(1) Thu nhập bình quân đầu người đạt 60 triệu đồng.',
      '(2) Tỷ lệ đô thị hóa đạt 16% trở lên.',
      'Về văn hóa - xã hội:',
      '(3) Số bác sĩ đạt 15 bác sĩ/vạn dân.',
      '(4) Không còn hộ nghèo theo chuẩn của tỉnh.',
    ]);
    expect(t.map((x) => [x.label, x.values.map((v) => [v.value, v.unit, v.year])])).toEqual([
      ['(1)', [[60, 'million-vnd', 2025]]],
      ['(2)', [[16, '%', 2025]]],
      ['(3)', [[15, 'per-10000', 2025]]],
      ['(4)', []],
    ]);
  });

  it('finds the objectives of a plan without a MỤC TIÊU heading ("các chỉ tiêu cụ thể như sau:")', () => {
    const t = targets([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích: Nâng cao hiệu quả công tác phòng, chống ma túy.',
      'II. NỘI DUNG',
      '1. Phấn đấu đến năm 2030, các chỉ tiêu cụ thể như sau:',
      '- Trên 80% số trạm y tế xã đủ điều kiện xác định tình trạng nghiện ma túy.',
      '- 100% cơ sở cai nghiện ma túy công lập bảo đảm điều kiện theo quy định.',
      '2. Tổ chức tuyên truyền',
      '- Tổ chức 20 lớp tập huấn cho cán bộ cơ sở.',
    ]);
    expect(summary(t)).toEqual([
      [[[80, 2030]], 'high', []],
      [[[100, 2030]], 'high', []],
    ]);
  });

  it('principles and a general aim yield no values by counting words; a general aim with digits does', () => {
    const t = targets([
      'I. QUAN ĐIỂM, MỤC TIÊU',
      '1. Quan điểm',
      '- Phát triển kinh tế số dựa trên ba trụ cột, đạt 100% sự đồng thuận.',
      '2. Mục tiêu tổng quát',
      'Xây dựng hai mô hình chính quyền số và phát triển ba trụ cột chuyển đổi số.',
      'Đến năm 2030, kinh tế số chiếm 30% GRDP.',
      '3. Mục tiêu cụ thể',
      '- Xây dựng hai mô hình điểm về chuyển đổi số cấp xã.',
    ]);
    expect(t.map((x) => [x.values.map((v) => [v.value, v.year]), x.confidence, x.flags])).toEqual([
      [[[30, 2030]], 'high', []],
      [[[2, null]], 'medium', ['year-missing', 'spelled-out']],
    ]);
  });
});
