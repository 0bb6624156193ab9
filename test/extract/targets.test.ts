// extractTargets on small plans built line by line (real lines from the seeds and corpus), through the real
// outline. Examples: what is a target line, its label, values and year. Counter-examples: general aims without
// values, purpose sections ("MỤC ĐÍCH, YÊU CẦU"), mentions of "chỉ tiêu" in tasks.
import { describe, expect, it } from 'vitest';
import { absent, field } from '../../src/contract/field.js';
import type { Metadata } from '../../src/contract/schema.js';
import { DocBuilder } from '../../src/doc/build.js';
import type { Doc } from '../../src/doc/types.js';
import { buildOutline } from '../../src/extract/outline.js';
import { extractTargets } from '../../src/extract/targets.js';

function doc(lines: string[]): Doc {
  const b = new DocBuilder({ format: 'text', sha256: '0'.repeat(64), fileName: null, pages: null });
  for (const l of lines) b.addText(l);
  return b.build();
}

function metadata(period: { from: number; to: number } | null = null, title: string | null = null): Metadata {
  return {
    issuer: absent(),
    province: absent(),
    documentNumber: absent(),
    documentType: absent(),
    issuedDate: absent(),
    place: absent(),
    title: title ? field(title, null) : absent(),
    period: period ? field(period, null) : absent(),
    signer: absent(),
    legalBasis: [],
    recipients: [],
  };
}

function run(lines: string[], meta = metadata()) {
  const d = doc(lines);
  return extractTargets(d, buildOutline(d), meta);
}

const TAIL = [
  'II. TỔ CHỨC THỰC HIỆN',
  '1. Sở Y tế: Hướng dẫn triển khai, thực hiện các chỉ tiêu 3, 4, 5, 6 của Kế hoạch.',
];

describe('extractTargets', () => {
  it('reads numbered "Chỉ tiêu N" lines under "Mục tiêu cụ thể", each value with its own year', () => {
    const t = run([
      'I. MỤC TIÊU',
      '1. Mục tiêu chung',
      'Bảo đảm thực hiện các quyền trẻ em, phát triển toàn diện trẻ em về thể chất, trí tuệ, tinh thần.',
      '2. Mục tiêu cụ thể',
      '2.1. Mục tiêu 1: Về phát triển toàn diện trẻ em, chăm sóc sức khỏe, dinh dưỡng cho trẻ em',
      '- Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 82% vào năm 2025 và 87% vào năm 2030.',
      '- Chỉ tiêu 7: Duy trì 100% cơ sở giáo dục cho trẻ em có công trình vệ sinh.',
      '- Chỉ tiêu 13: Phấn đấu xóa bỏ tình trạng tảo hôn từ năm 2025 đến năm 2030.',
      ...TAIL,
    ]);
    expect(t.map((x) => [x.id, x.label, x.section])).toEqual([
      ['t1', 'Chỉ tiêu 1', 'I'],
      ['t2', 'Chỉ tiêu 7', 'I'],
      ['t3', 'Chỉ tiêu 13', 'I'],
    ]);
    expect(t[0]?.values.map((v) => [v.value, v.unit, v.comparator, v.year])).toEqual([
      [82, '%', 'eq', 2025],
      [87, '%', 'eq', 2030],
    ]);
    expect(t[0]?.confidence).toBe('high');
    // No year anywhere (line, heading, plan over several years): null, and a reviewer should look.
    expect(t[1]?.values.map((v) => v.year)).toEqual([null]);
    expect(t[1]?.confidence).toBe('medium');
    expect(t[1]?.flags).toContain('year-missing');
    // A specific target with no number is still a target, with no values.
    expect(t[2]?.values).toEqual([]);
  });

  it('inherits the year of a dating heading above, as sure as a year on the line (src/confidence.ts)', () => {
    const t = run([
      'I. MỤC TIÊU',
      '1. Mục tiêu chung: Bảo đảm cho trẻ em đến 8 tuổi được phát triển toàn diện về thể chất, trí tuệ, tinh thần.',
      '2. Mục tiêu cụ thể đến năm 2025',
      '- Phấn đấu 90% trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát triển toàn diện.',
      '3. Mục tiêu cụ thể giai đoạn 2026 - 2030',
      '- Phấn đấu 95% cán bộ làm công tác liên quan đến trẻ em được cung cấp kiến thức, kỹ năng.',
      ...TAIL,
    ]);
    expect(t.map((x) => x.values.map((v) => [v.value, v.year]))).toEqual([[[90, 2025]], [[95, 2030]]]);
    for (const x of t) {
      expect(x.flags).toEqual([]);
      expect(x.confidence).toBe('high');
    }
  });

  it('a heading stating two years dates by inference only (counter-example to dating headings)', () => {
    const t = run([
      'I. MỤC TIÊU',
      '2. Mục tiêu cụ thể đến năm 2025, định hướng đến năm 2030',
      '- Phấn đấu 90% trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát triển toàn diện.',
      ...TAIL,
    ]);
    expect(t.map((x) => [x.values.map((v) => [v.value, v.year]), x.confidence, x.flags])).toEqual([
      [[[90, 2025]], 'medium', ['inferred']],
    ]);
  });

  it("falls back to a one-year plan's year", () => {
    const t = run(
      [
        'I. MỤC TIÊU',
        '1. Mục tiêu tổng quát',
        'Tạo điều kiện để mọi trẻ em đều được đảm bảo các quyền cơ bản.',
        '2. Mục tiêu cụ thể',
        '- Tỷ lệ trẻ em dưới 1 tuổi tiêm chủng đầy đủ trên 95%;',
        ...TAIL,
      ],
      metadata({ from: 2016, to: 2016 }),
    );
    expect(t.map((x) => x.values.map((v) => [v.value, v.comparator, v.year]))).toEqual([[[95, 'gt', 2016]]]);
    expect(t[0]?.flags).toContain('inferred');
  });

  it('reads a target sub-item in another section ("Các chỉ tiêu cụ thể đến năm 2030")', () => {
    const t = run([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '- Nâng cao nhận thức, phát huy vai trò, trách nhiệm của các cấp, các ngành.',
      '4. Các chỉ tiêu cụ thể đến năm 2030',
      'a) Hằng năm, giảm số người nghiện ma túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không có ma túy.',
      'b) Trên 80% các đơn vị được trang bị vũ khí, công cụ hỗ trợ.',
      ...TAIL,
    ]);
    expect(t.map((x) => [x.label, x.values.map((v) => [v.value, v.comparator, v.year])])).toEqual([
      ['a', [[50, 'gte', 2030]]],
      ['b', [[80, 'gt', 2030]]],
    ]);
    expect(t[0]?.confidence).toBe('high');
    // "Các chỉ tiêu cụ thể đến năm 2030" heads the targets and states one year: a dating heading.
    expect(t[1]?.confidence).toBe('high');
  });

  it('reads a list the text introduces as targets', () => {
    const t = run([
      'I. NỘI DUNG',
      '1. Phát triển hạ tầng số với các chỉ tiêu cụ thể như sau:',
      '- Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số vào năm 2030.',
      '- Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình đạt 80% vào năm 2030.',
      ...TAIL,
    ]);
    expect(t.map((x) => x.values.map((v) => v.value))).toEqual([[100], [80]]);
  });

  it('reads paragraphs under sub-headings, the headings themselves are not targets', () => {
    const t = run([
      'I. MỤC TIÊU',
      '1. Mục tiêu cụ thể',
      '1.1. Đến năm 2030',
      '- Nông nghiệp Công nghệ cao',
      'Phấn đấu trên 50% diện tích sản xuất nông nghiệp chủ lực ứng dụng công nghệ thông minh.',
      'Hình thành ít nhất 20 mô hình sản xuất nông nghiệp tuần hoàn - hữu cơ.',
      ...TAIL,
    ]);
    expect(t.map((x) => x.values.map((v) => [v.value, v.unit, v.comparator, v.year]))).toEqual([
      [[50, '%', 'gt', 2030]],
      [[20, 'count', 'gte', 2030]],
    ]);
  });

  it('joins a sentence the reader split before a number, and says so', () => {
    const t = run([
      'I. MỤC TIÊU',
      '1. Chỉ tiêu chủ yếu đến năm 2030',
      '1.1. Phấn đấu',
      '100% các điểm tổ chức sử dụng trái phép chất ma túy được phát hiện và triệt phá.',
      ...TAIL,
    ]);
    expect(t).toHaveLength(1);
    expect(t[0]?.text).toBe(
      'Phấn đấu 100% các điểm tổ chức sử dụng trái phép chất ma túy được phát hiện và triệt phá.',
    );
    expect(t[0]?.values.map((v) => v.value)).toEqual([100]);
    expect(t[0]?.flags).toContain('wrapped');
  });

  it('has no targets in a plan without objectives (seed 002: "MỤC ĐÍCH, YÊU CẦU" and tasks)', () => {
    const t = run([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '- Triển khai kịp thời, đồng bộ, hiệu quả các nội dung, nhiệm vụ, giải pháp thực hiện Quyết định số 1183/QĐ-TTg.',
      'II. NHIỆM VỤ VÀ GIẢI PHÁP',
      '- Từ năm 2025, đưa các mục tiêu về bảo vệ, chăm sóc và giáo dục trẻ em vào kế hoạch phát triển kinh tế - xã hội hàng năm.',
      '- Lồng ghép các mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp nâng cao hiệu quả công tác trẻ em.',
      ...TAIL,
    ]);
    expect(t).toEqual([]);
  });

  it('skips a general aim without values but keeps one that states them', () => {
    const t = run([
      'I. MỤC TIÊU',
      '1. Mục tiêu chung: Bảo đảm cho trẻ em đến 8 tuổi được phát triển toàn diện.',
      '2. Mục tiêu tổng quát: Phấn đấu đến năm 2030 có 90% xã đạt chuẩn phù hợp với trẻ em.',
      ...TAIL,
    ]);
    expect(t.map((x) => x.values.map((v) => [v.value, v.year]))).toEqual([[[90, 2030]]]);
  });

  it('gives every target a span inside its line', () => {
    const lines = ['I. MỤC TIÊU', '2. Mục tiêu cụ thể', '- Tỷ lệ trẻ em khuyết tật được giáo dục hòa nhập đạt 75%;'];
    const d = doc([...lines, ...TAIL]);
    const [t] = extractTargets(d, buildOutline(d), metadata());
    expect(t?.source.line).toBe(3);
    expect(d.text.slice(t?.source.start, t?.source.end)).toContain('đạt 75%');
  });
  it('in a section joining objectives with another topic, keeps only the blocks headed as targets (B04 DOCX)', () => {
    const t = run([
      'I. Mục tiêu và phương pháp',
      '1. Mục tiêu:',
      '- Góp phần xây dựng nguồn nhân lực tham gia chuyển đổi số, xây dựng văn hoá chuyển đổi số trong cơ quan, đơn vị, địa phương.',
      '2. Phương pháp và kế hoạch:',
      '- Sử dụng hình thức đào tạo trực tuyến, kiểm tra, đánh giá nhằm đảm bảo chất lượng, hiệu quả khóa học.',
      ...TAIL,
    ]);
    expect(t.map((x) => x.text)).toEqual([
      'Góp phần xây dựng nguồn nhân lực tham gia chuyển đổi số, xây dựng văn hoá chuyển đổi số trong cơ quan, đơn vị, địa phương.',
    ]);
  });

  it('keeps every block of a plain objectives section whose items are not headed "Mục tiêu" (corpus 01)', () => {
    const t = run([
      'I. MỤC TIÊU',
      '1. Phát triển kinh tế số đến năm 2030',
      '- Kinh tế số chiếm 45% GRDP tỉnh.',
      '2. Phát triển xã hội số đến năm 2030 với các mục tiêu',
      '- Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số.',
      ...TAIL,
    ]);
    expect(t.flatMap((x) => x.values.map((v) => [v.value, v.year]))).toEqual([
      [45, 2030],
      [100, 2030],
    ]);
  });

  it('does not glue a value line to the heading of its block in a list of headings (corpus 07)', () => {
    const t = run([
      'I. MỤC TIÊU',
      '2. Mục tiêu cụ thể',
      '2.1. Đến năm 2030',
      '- Thủy sản',
      'Hình thành ít nhất 02 vùng nuôi thủy sản thông minh đạt tiêu chuẩn quốc tế.',
      '- Công nghiệp Chế biến',
      'Hình thành ít nhất 01 trung tâm logistics, bảo quản, chế biến hiện đại tại các vùng nguyên liệu tập trung.',
      '- Du lịch và dịch vụ',
      '100% điểm đến du lịch trọng điểm ứng dụng công nghệ số.',
      ...TAIL,
    ]);
    expect(t.map((x) => [x.text, x.flags.includes('wrapped')])).toEqual([
      ['Hình thành ít nhất 02 vùng nuôi thủy sản thông minh đạt tiêu chuẩn quốc tế.', false],
      [
        'Hình thành ít nhất 01 trung tâm logistics, bảo quản, chế biến hiện đại tại các vùng nguyên liệu tập trung.',
        false,
      ],
      ['100% điểm đến du lịch trọng điểm ứng dụng công nghệ số.', false],
    ]);
  });

  it('still joins a sentence split after "Phấn đấu" (corpus 29)', () => {
    const t = run([
      'I. MỤC TIÊU',
      '6. Chỉ tiêu chủ yếu đến năm 2030',
      '6.1. Hàng năm, giảm số người nghiện ma túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không ma túy.',
      '6.2. Phấn đấu',
      '100% các điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy được phát hiện và triệt phá.',
      ...TAIL,
    ]);
    expect(t[1]?.text).toBe(
      'Phấn đấu 100% các điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy được phát hiện và triệt phá.',
    );
  });

  it('lowers a target whose year comes from an earlier clause, or whose bound is carried along a list', () => {
    const t = run([
      'I. MỤC TIÊU',
      '- Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở; có tối thiểu 05 kịch bản ứng dụng dữ liệu cấp tỉnh.',
      '- Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ vào năm 2030.',
      '- Năng suất lao động hằng năm tăng tối thiểu 7%.',
      ...TAIL,
    ]);
    expect(t.map((x) => [x.confidence, x.flags])).toEqual([
      ['medium', ['inferred']],
      ['medium', ['inferred']],
      ['high', []],
    ]);
  });

  it('flags a count set aside beside a percentage that may be a target of its own', () => {
    const t = run([
      'I. MỤC TIÊU',
      '- Phấn đấu đến năm 2025 có 100% xã được tập huấn và tổ chức 200 lớp bồi dưỡng.',
      '- 100% xã mỗi quý có ít nhất 04 tin, bài vào năm 2025.',
      ...TAIL,
    ]);
    expect(t.map((x) => [x.values.map((v) => v.value), x.confidence, x.flags])).toEqual([
      [[100], 'medium', ['number-set-aside']],
      [[100], 'high', []],
    ]);
  });
});
