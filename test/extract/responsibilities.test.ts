import { describe, expect, it } from 'vitest';
import { DocBuilder } from '../../src/doc/build.js';
import type { Doc } from '../../src/doc/types.js';
import { buildOutline } from '../../src/extract/outline.js';
import { extractResponsibilities } from '../../src/extract/responsibilities.js';

/** A Doc with one normalised line per paragraph, as the normaliser hands it over. */
function doc(lines: string[]): Doc {
  const b = new DocBuilder({ format: 'text', sha256: '0'.repeat(64), fileName: null, pages: null });
  for (const l of ['ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG', 'KẾ HOẠCH', 'Thực hiện chương trình', ...lines]) b.addText(l);
  return b.build();
}

function run(lines: string[]) {
  const d = doc(lines);
  return { d, rs: extractResponsibilities(d, buildOutline(d)) };
}

const GOALS = ['I. MỤC TIÊU', '1. Mục tiêu chung', 'Nâng cao chất lượng chăm sóc trẻ em.'];

describe('extractResponsibilities', () => {
  it('reads "name: duty" items with bullets, a requested group and a people committee', () => {
    const { d, rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Lao động - Thương binh và Xã hội: chủ trì phối hợp với các sở, ban, ngành triển khai thực hiện kế hoạch.',
      '- Tổ chức các hoạt động truyền thông.',
      '- Theo dõi, giám sát, đánh giá tình hình thực hiện kế hoạch.',
      '2. Sở Tài chính: Hàng năm căn cứ khả năng cân đối ngân sách bố trí kinh phí; phối hợp với Sở Lao động - Thương binh và Xã hội kiểm tra việc sử dụng kinh phí.',
      '3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh, Hội Nông dân tỉnh và các tổ chức thành viên của Mặt trận: trong phạm vi chức năng, nhiệm vụ của mình, tham gia tổ chức triển khai kế hoạch.',
      '4. Ủy ban nhân dân các huyện, thị xã, thành phố: chỉ đạo xây dựng và tổ chức thực hiện kế hoạch tại địa phương.',
      'III. CHẾ ĐỘ BÁO CÁO',
      'Các cơ quan, đơn vị báo cáo về Sở Lao động - Thương binh và Xã hội.',
    ]);
    expect(rs.map((r) => [r.agency.canonical, r.role, r.section])).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'lead', 'II'],
      ['Sở Tài chính', 'unspecified', 'II'],
      [null, 'requested', 'II'],
      ['Ủy ban nhân dân cấp huyện', 'unspecified', 'II'],
    ]);
    const [first, , group, ubnd] = rs;
    expect(first?.tasks).toHaveLength(3);
    expect(first?.confidence).toBe('high');
    expect(group?.agency.members).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Hội Nông dân tỉnh',
      'các tổ chức thành viên của Mặt trận',
    ]);
    expect(group?.agency.kind).toBe('mass-organisation');
    // Each member's canonical sits beside it.
    expect(group?.agency.memberCanonicals).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Hội Nông dân tỉnh',
      'Các tổ chức thành viên của Mặt trận',
    ]);
    expect(first?.agency.memberCanonicals).toBeUndefined();
    expect(ubnd?.agency.kind).toBe('people-committee');
    // The source covers the item and points at its first line.
    expect(d.text.slice(first?.source.start, first?.source.end)).toMatch(/^1\. Sở Lao động.*đánh giá tình hình/su);
  });

  it('reads heading layouts with numbered sub-items, target references, and ignores partners', () => {
    const { rs } = run([
      ...GOALS,
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Sở Lao động - Thương binh và Xã hội',
      '1.1. Chủ trì xây dựng, hướng dẫn triển khai thực hiện Kế hoạch và các chỉ tiêu 1, 2, 8, 9 của Kế hoạch.',
      '1.2. Hướng dẫn, triển khai các hoạt động tập huấn, truyền thông.',
      '2. Công an tỉnh',
      'Chủ trì, phối hợp với Sở Lao động - Thưng binh và Xã hội và các sở, ngành liên quan để thực hiện chỉ tiêu 9 của Kế hoạch.',
      '3. Sở Giáo dục và Đào tạo',
      '3.1. Hướng dẫn triển khai, thực hiện các chỉ tiêu 7, 15, 16, 17, 18 của Kế hoạch.',
      '4. Chế độ thông tin, báo cáo',
      'Giao Sở Lao động - Thương binh và Xã hội đôn đốc, kiểm tra việc triển khai thực hiện.',
    ]);
    expect(rs.map((r) => [r.agency.name, r.agency.canonical, r.role, r.targetRefs])).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội', 'lead', ['1', '2', '8', '9']],
      ['Công an tỉnh', 'Công an tỉnh', 'lead', ['9']],
      ['Sở Giáo dục và Đào tạo', 'Sở Giáo dục và Đào tạo', 'unspecified', ['7', '15', '16', '17', '18']],
      // An unnumbered "Giao …" paragraph under a heading that is not a body hands that body a duty of its own.
      ['Sở Lao động - Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội', 'unspecified', []],
    ]);
    // The typo sits in a partner inside a task: the subject is clean and nothing is flagged.
    expect(rs.every((r) => r.confidence === 'high' && r.flags.length === 0)).toBe(true);
    expect(rs[0]?.tasks).toHaveLength(2);
  });

  it('gives a member outside the table a null canonical and keeps the group under review', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Y tế, Trung tâm Y tế huyện Dầu Tiếng và Sở Tài chính: phối hợp tổ chức khám sàng lọc.',
    ]);
    expect(rs[0]?.agency.members).toEqual(['Sở Y tế', 'Trung tâm Y tế huyện Dầu Tiếng', 'Sở Tài chính']);
    expect(rs[0]?.agency.memberCanonicals).toEqual(['Sở Y tế', null, 'Sở Tài chính']);
    expect(rs[0]).toMatchObject({ agency: { canonical: null }, confidence: 'medium', flags: ['unknown-agency'] });
  });

  it('flags a typo in a subject and an unknown body, with medium confidence', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Lao động - Thưng binh và Xã hội: chủ trì triển khai kế hoạch.',
      '2. Trung tâm Y tế huyện Dầu Tiếng: phối hợp tổ chức khám sàng lọc.',
    ]);
    expect(rs[0]).toMatchObject({
      agency: { canonical: 'Sở Lao động - Thương binh và Xã hội' },
      confidence: 'medium',
      flags: ['agency-typo'],
    });
    expect(rs[1]).toMatchObject({
      agency: { canonical: null, name: 'Trung tâm Y tế huyện Dầu Tiếng' },
      role: 'coordinate',
      confidence: 'medium',
      flags: ['unknown-agency'],
    });
  });

  it('gives a sub-item naming another body before a colon its own responsibility', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Đề nghị Mặt trận tổ quốc và các tổ chức chính trị - xã hội tỉnh:',
      'Tuyên truyền, giáo dục nâng cao nhận thức về chăm sóc trẻ em.',
      '- Hội Liên hiệp phụ nữ tỉnh: Chủ trì triển khai thực hiện các nội dung tuyên truyền.',
      '2. Bộ Chỉ huy Quân sự tỉnh',
      'Chỉ đạo lực lượng chức năng tăng cường tuần tra.',
    ]);
    expect(rs.map((r) => [r.agency.canonical, r.role, r.agency.kind])).toEqual([
      [null, 'requested', 'mass-organisation'],
      ['Hội Liên hiệp Phụ nữ tỉnh', 'lead', 'mass-organisation'],
      ['Bộ Chỉ huy Quân sự tỉnh', 'unspecified', 'other'],
    ]);
    expect(rs[0]?.tasks).toEqual(['Tuyên truyền, giáo dục nâng cao nhận thức về chăm sóc trẻ em.']);
  });

  it('reads a section laid out body by body outside the implementation section, and only such lists', () => {
    const { rs } = run([
      ...GOALS,
      'II. NHIỆM VỤ CỤ THỂ',
      '1. Sở Y tế: tổ chức khám sức khỏe định kỳ cho trẻ em.',
      '2. Sở Giáo dục và Đào tạo: triển khai giáo dục kỹ năng sống.',
      '3. Sở Nông nghiệp và Môi trường: chủ trì kiểm soát chất lượng nước sinh hoạt.',
      'III. GIẢI PHÁP',
      '1. Tăng cường sự lãnh đạo của các cấp ủy Đảng.',
      '2. Sở Tài chính bố trí kinh phí theo phân cấp.',
      '3. Đẩy mạnh truyền thông, vận động xã hội.',
    ]);
    expect(rs.map((r) => [r.agency.canonical, r.section, r.role])).toEqual([
      ['Sở Y tế', 'II', 'unspecified'],
      ['Sở Giáo dục và Đào tạo', 'II', 'unspecified'],
      ['Sở Nông nghiệp và Môi trường', 'II', 'lead'],
    ]);
  });

  it('finds nothing in a plan without duties assigned to bodies', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Căn cứ Kế hoạch này, xây dựng kế hoạch cụ thể.',
      '2. Công tác theo dõi, kiểm tra',
      '- Tăng cường công tác giám sát, đánh giá độc lập.',
    ]);
    expect(rs).toEqual([]);
  });

  it('marks a body with no duty text', () => {
    const { rs } = run([...GOALS, 'II. TỔ CHỨC THỰC HIỆN', '1. Sở Tư pháp', '2. Sở Y tế: chủ trì.']);
    expect(rs[0]).toMatchObject({ tasks: [], confidence: 'medium', flags: ['no-duties'] });
  });

  it('reads a subject list broken over lines up to its colon (seed 000, item 7)', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Kế hoạch và Đầu tư: phối hợp với các sở, ngành liên quan vận động các nguồn vốn ODA; hướng dẫn lồng ghép.',
      '2. Đề nghị Ủy ban Mặt trận Tổ quốc',
      'Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh, Đoàn Thanh niên Cộng sản Hồ Chí Minh,',
      'Hội Nông dân tỉnh và các tổ chức thành viên của Mặt trận, các tổ chức xã hội: trong phạm vi chức năng, nhiệm vụ của mình, tham gia tổ chức triển',
      'khai kế hoạch.',
      // A heading followed by its first duty sentence is not a wrapped subject, colon or not.
      '3. Sở Công Thương',
      'Chủ trì triển khai các nhiệm vụ sau: thương mại điện tử, logistics.',
      '4. Sở Xây dựng',
      'Nghiên cứu, đề xuất giải pháp: tích hợp IoT.',
    ]);
    expect(rs.map((r) => [r.agency.canonical, r.role])).toEqual([
      ['Sở Kế hoạch và Đầu tư', 'coordinate'],
      [null, 'requested'],
      ['Sở Công Thương', 'lead'],
      ['Sở Xây dựng', 'unspecified'],
    ]);
    expect(rs[1]?.agency.members).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
      'Hội Nông dân tỉnh',
      'các tổ chức thành viên của Mặt trận',
      'các tổ chức xã hội',
    ]);
    expect(rs[1]?.tasks).toEqual(['trong phạm vi chức năng, nhiệm vụ của mình, tham gia tổ chức triển khai kế hoạch.']);
    expect(rs[3]?.tasks).toEqual(['Nghiên cứu, đề xuất giải pháp: tích hợp IoT.']);
  });

  it('skips an item naming whoever a duty fell to rather than a body (corpus 21)', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Nội vụ chịu trách nhiệm về việc báo cáo.',
      '2. Các cơ quan, đơn vị được',
      'giao chủ trì có trách nhiệm hoàn thành nhiệm vụ được phân công.',
    ]);
    expect(rs.map((r) => r.agency.name)).toEqual(['Sở Nội vụ']);
  });

  it("names provincial-level bodies at the issuer's level: a city's own police, not a province's city police", () => {
    const items = [
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Công an thành phố: chủ trì tổ chức thực hiện Chương trình.',
      '2. Đề nghị Ban Tuyên giáo và Dân vận Thành ủy: chỉ đạo hệ thống tuyên giáo.',
      '3. Sở Y tế: chủ trì điều trị nghiện.',
    ];
    const read = (header: string) => {
      const b = new DocBuilder({ format: 'text', sha256: '0'.repeat(64), fileName: null, pages: null });
      for (const l of [header, 'KẾ HOẠCH', 'Phòng, chống ma túy', ...items]) b.addText(l);
      const d = b.build();
      return extractResponsibilities(d, buildOutline(d));
    };
    // Corpus 11 (Cần Thơ, a centrally-run city).
    expect(read('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ').map((r) => [r.agency.canonical, r.confidence])).toEqual([
      ['Công an thành phố', 'high'],
      ['Ban Tuyên giáo và Dân vận Thành ủy', 'high'],
      ['Sở Y tế', 'high'],
    ]);
    // A province's plan: "Công an thành phố" is the provincial city's police, a lower-level body.
    const province = read('ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ');
    expect(province.map((r) => [r.agency.canonical, r.confidence])).toEqual([
      [null, 'medium'],
      [null, 'medium'],
      ['Sở Y tế', 'high'],
    ]);
    expect(province[0]?.flags).toContain('unknown-agency');
    expect(province[0]?.agency.kind).toBe('police');
  });

  it('reads bodies named task by task ("Đơn vị chủ trì:", "Đơn vị phối hợp:") under any section (corpus 23, 21)', () => {
    const { rs } = run([
      ...GOALS,
      'II. NHIỆM VỤ',
      '1. Về dữ liệu',
      '1.1. Xây dựng Chiến lược dữ liệu của thành phố',
      'a) Nhiệm vụ: Tham mưu rà soát, hoàn thiện Chiến lược dữ liệu.',
      'b) Cơ quan thực hiện:',
      '- Đơn vị chủ trì: Sở Khoa học và Công nghệ.',
      '- Đơn vị phối hợp: Các Sở, ban, ngành, UBND xã, phường.',
      'c) Thời gian thực hiện: Hoàn thành trong năm 2025.',
      '2. Phổ biến Luật Việc làm',
      '- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính.',
      // A sentence, not a list of bodies: read clause by clause and left for review.
      '- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu ban hành Kế hoạch; Sở Tư pháp phối hợp.',
      'III. KINH PHÍ THỰC HIỆN',
      'Ngân sách tỉnh.',
    ]);
    expect(rs.map((r) => [r.agency.name, r.agency.canonical, r.role, r.confidence])).toEqual([
      ['Sở Khoa học và Công nghệ', 'Sở Khoa học và Công nghệ', 'lead', 'high'],
      ['Các Sở, ban, ngành, UBND xã, phường', null, 'coordinate', 'high'],
      ['Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính', null, 'lead', 'high'],
      ['Sở Nội vụ', 'Sở Nội vụ', 'lead', 'medium'],
      ['Sở Tư pháp', 'Sở Tư pháp', 'coordinate', 'medium'],
    ]);
    expect(rs[0]?.tasks).toEqual([
      'Xây dựng Chiến lược dữ liệu của thành phố',
      'Tham mưu rà soát, hoàn thiện Chiến lược dữ liệu.',
    ]);
    expect(rs[1]?.agency.members).toEqual(['Các Sở, ban, ngành', 'UBND xã, phường']);
    expect(rs[2]?.agency.members).toHaveLength(3);
    expect(rs[2]?.tasks[0]).toBe('Phổ biến Luật Việc làm');
  });

  it('reads an unnumbered "Giao …" paragraph after an item as that body\'s own duty (corpus B01, section VI)', () => {
    const { d, rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Giao Sở Thông tin và Truyền thông – cơ quan thường trực Ban Chỉ đạo Chuyển đổi số tỉnh chủ trì, phối hợp với các sở, ban, ngành tổ chức triển khai thực hiện Kế hoạch.',
      '2. Các sở, ban, ngành và UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn, trên cơ sở chức năng, nhiệm vụ của ngành, địa phương, đơn vị mình, căn cứ các mục tiêu cụ thể để tổ chức triển khai thực hiện.',
      'Giao Văn phòng UBND tỉnh chủ trì, hướng dẫn, theo dõi, đôn đốc, kiểm tra, giám sát việc triển khai thực hiện; tổng hợp, báo cáo Chủ tịch UBND tỉnh.',
      'Trên đây là Kế hoạch Chuyển đổi số tỉnh Hải Dương năm 2023.',
    ]);
    expect(rs.map((r) => [r.agency.canonical ?? r.agency.name, r.role, r.tasks.length])).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead', 1],
      ['Các sở, ban, ngành và UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn', 'unspecified', 1],
      ['Văn phòng Ủy ban nhân dân tỉnh', 'lead', 1],
    ]);
    // The group keeps only its own paragraph; the office's duty is not folded into it.
    expect(rs[1]?.tasks.join(' ')).not.toContain('Văn phòng');
    const office = rs[2];
    expect(office && d.text.slice(office.source.start, office.source.end)).toMatch(/^Giao Văn phòng UBND tỉnh/u);
  });

  it('reads an unnumbered "Đề nghị <known body> <verb> …" paragraph as a request of its own (Cần Thơ 2022)', () => {
    const { d, rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Tài chính: Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Kế hoạch theo quy định.',
      '2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh phối hợp tuyên truyền, vận động Nhân dân chủ động phòng, chống thiên tai.',
      'Đề nghị Hội Chữ thập đỏ tỉnh vận động các nguồn lực hỗ trợ người dân bị thiệt hại do thiên tai.',
      'Trên đây là Kế hoạch phòng, chống thiên tai năm 2022.',
    ]);
    expect(rs.map((r) => [r.agency.canonical ?? r.agency.name, r.role])).toEqual([
      ['Sở Tài chính', 'unspecified'],
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh', 'requested'],
      ['Hội Chữ thập đỏ tỉnh', 'requested'],
    ]);
    const redCross = rs[2];
    expect(redCross?.tasks).toEqual(['vận động các nguồn lực hỗ trợ người dân bị thiệt hại do thiên tai.']);
    expect(redCross?.confidence).toBe('high');
    expect(redCross && d.text.slice(redCross.source.start, redCross.source.end)).toMatch(/^Đề nghị Hội Chữ thập đỏ/u);
    // The front's item keeps only its own sentence.
    expect(rs[1]?.tasks.join(' ')).not.toContain('Chữ thập đỏ');
  });

  it('takes an unclosed "Đề nghị …" paragraph only for a body the table knows, after a finished sentence', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Tài chính: bố trí kinh phí thực hiện Kế hoạch theo quy định.',
      // Not in the table: where its name ends is a guess.
      'Đề nghị Hội Doanh nhân trẻ Bình Dương vận động hội viên ủng hộ quỹ.',
      '2. Sở Y tế: chủ trì tổ chức khám sàng lọc cho trẻ em theo',
      // Continues the sentence broken above.
      'Đề nghị Hội Chữ thập đỏ tỉnh vận động hỗ trợ.',
    ]);
    expect(rs.map((r) => r.agency.canonical)).toEqual(['Sở Tài chính', 'Sở Y tế']);
  });

  it('does not read a wrapped line or a lead-in sentence as a "Giao …" paragraph', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      'Các nhiệm vụ cụ thể như sau:',
      '1. Sở Y tế: chủ trì triển khai các nhiệm vụ được',
      'giao Sở Tài chính phối hợp bố trí kinh phí.',
      '2. Sở Nội vụ: chủ trì theo dõi việc thực hiện theo văn bản',
      'Giao Sở Tư pháp chủ trì thẩm định; nội dung này tiếp nối câu trên của Sở Nội vụ.',
      'Giao nhiệm vụ cho các đơn vị theo Phụ lục kèm theo.',
    ]);
    // A capital "Giao" after an unfinished line continues that sentence (a layout break), not a paragraph.
    expect(rs.map((r) => r.agency.canonical)).toEqual(['Sở Y tế', 'Sở Nội vụ']);
  });

  it('gives each task under one heading its own assignment lines (corpus B03, item 4)', () => {
    const { rs } = run([
      ...GOALS,
      'II. NỘI DUNG THỰC HIỆN',
      '1. Khai thác Nền tảng khảo sát, thu thập ý kiến của người dân (vnform)',
      '- Triển khai để khảo sát, thu thập ý kiến của người dân và doanh nghiệp.',
      '- Cơ quan chủ trì: Sở Thông tin và Truyền thông.',
      '- Cơ quan phối hợp: Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã.',
      '- Hệ thống thông tin giải quyết thủ tục hành chính tỉnh cần triển khai tối thiểu 3 phương thức trao đổi thông tin.',
      '- Cơ quan chủ trì: Sở Thông tin và Truyền thông.',
      '2. Cung cấp DVCTT trên thiết bị di động',
      '- Thời hạn hoàn thành: Tháng 12/2023.',
      '- Cơ quan chủ trì: Văn phòng UBND tỉnh.',
    ]);
    expect(rs.map((r) => [r.agency.canonical ?? r.agency.name, r.role, r.tasks.at(-1)?.slice(0, 20)])).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead', 'Triển khai để khảo s'],
      ['Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã', 'coordinate', 'Triển khai để khảo s'],
      ['Sở Thông tin và Truyền thông', 'lead', 'Hệ thống thông tin g'],
      // A label line ("Thời hạn hoàn thành: …") is a field of the heading's task, not a task of its own.
      ['Văn phòng Ủy ban nhân dân tỉnh', 'lead', 'Cung cấp DVCTT trên '],
    ]);
  });

  it('reads the bodies of an assignment sentence clause by clause, for review (corpus 21)', () => {
    const { rs } = run([
      ...GOALS,
      'II. NỘI DUNG',
      '1. Phổ biến, giáo dục Luật Việc làm',
      '- Nội dung thực hiện: Tổ chức phổ biến, giáo dục Luật Việc làm bằng các hình thức đa dạng.',
      '- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch; Sở Tư pháp và các sở, ban, ngành Thành phố chủ động tổ chức triển khai Luật Việc làm.',
      '- Thời gian thực hiện: Năm 2025 và các năm tiếp theo.',
      '2. Tổ chức kiểm tra việc thi hành Luật Việc làm',
      '- Cơ quan thực hiện: Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ của mình.',
      '3. Tổ chức tập huấn',
      '- Cơ quan thực hiện: theo phân công của Ủy ban nhân dân Thành phố.',
    ]);
    expect(rs.map((r) => [r.agency.name, r.role, r.confidence, r.flags])).toEqual([
      ['Sở Nội vụ', 'lead', 'medium', ['from-sentence']],
      ['Sở Tư pháp và các sở, ban, ngành Thành phố', 'unspecified', 'medium', ['from-sentence']],
      ['Sở Nội vụ, các sở, ban, ngành Thành phố', 'unspecified', 'medium', ['from-sentence']],
    ]);
    expect(rs[0]?.tasks[0]).toBe('Phổ biến, giáo dục Luật Việc làm');
  });

  it('reads investors in infrastructure as a group with duties (corpus 05, item 5)', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp',
      '- Tạo điều kiện về mặt bằng cho việc lắp đặt thiết bị 5G và IoT.',
    ]);
    expect(rs.map((r) => [r.agency.canonical, r.confidence])).toEqual([['Các chủ đầu tư', 'high']]);
  });

  it('reads a named body leading a task outside the implementation section (corpus 21 III.2, seed 004 VI.2)', () => {
    const { rs } = run([
      ...GOALS,
      'II. KINH PHÍ THỰC HIỆN',
      '1. Kinh phí bảo đảm thực hiện Kế hoạch này được bố trí từ nguồn ngân sách nhà nước hằng năm.',
      '2. Sở Tài chính chủ trì, phối hợp với các sở, ngành, cơ quan liên quan bố trí kinh phí chi thường xuyên.',
      '3. Các cơ quan được phân công chủ trì thực hiện nhiệm vụ có trách nhiệm lập dự toán.',
      'III. KIỂM TRA, GIÁM SÁT',
      '1. Báo cáo định kỳ 6 tháng, hằng năm.',
      '2. Sở Y tế phối hợp kiểm tra việc sử dụng kinh phí.',
      '3. Báo cáo đột xuất theo yêu cầu.',
      'IV. THỜI GIAN',
      '1. Năm 2025.',
      '2. Giám đốc Sở Nội vụ chủ trì tổng hợp.',
      '3. Năm 2026.',
    ]);
    // Only the named body that "chủ trì": a group, a body merely coordinating, or a head of a body are no such item.
    expect(rs.map((r) => [r.agency.canonical, r.role, r.section])).toEqual([['Sở Tài chính', 'lead', 'II']]);
  });

  it('reads every body given a duty in a reporting section ("V. CHẾ ĐỘ BÁO CÁO", corpus B05)', () => {
    const { rs } = run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Nông nghiệp và Môi trường: chủ trì triển khai Kế hoạch.',
      'III. CHẾ ĐỘ BÁO CÁO',
      '- Các Sở, ngành, địa phương định kỳ hàng năm (trước ngày 10/12) hoặc đột xuất báo cáo Ủy ban nhân dân tỉnh (qua Sở Nông nghiệp và Môi trường) về tình hình, kết quả triển khai thực hiện Kế hoạch này.',
      '- Sở Nông nghiệp và Môi trường tổng hợp, tham mưu Ủy ban nhân dân tỉnh báo cáo Ban Thường vụ Tỉnh ủy tình hình, kết quả thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy theo quy định.',
    ]);
    expect(rs.map((r) => [r.agency.canonical, r.section, r.confidence])).toEqual([
      ['Sở Nông nghiệp và Môi trường', 'II', 'high'],
      ['Các sở, ban, ngành', 'III', 'high'],
      ['Sở Nông nghiệp và Môi trường', 'III', 'high'],
    ]);
  });

  it('reads a task paragraph that assigns the task in so many words (corpus 21 II.3), not an ordinary sentence', () => {
    const { rs } = run([
      ...GOALS,
      'II. NỘI DUNG',
      '3. Xây dựng các văn bản quy phạm pháp luật quy định chi tiết các nội dung được giao trong Luật Việc làm',
      'Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát, tham mưu Ủy ban nhân dân Thành phố ban hành theo thẩm quyền văn bản quy phạm pháp luật.',
      '4. Hỗ trợ doanh nghiệp',
      'Các doanh nghiệp tham gia chương trình được hỗ trợ kinh phí đào tạo.',
      'Sở Y tế phối hợp kiểm tra việc sử dụng kinh phí.',
    ]);
    expect(rs.map((r) => [r.agency.name, r.agency.canonical, r.role, r.section])).toEqual([
      ['Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố', 'Các sở, ban, ngành', 'unspecified', 'II'],
    ]);
  });

  it('stays linear on long adversarial assignment lines and subjects', () => {
    const t = performance.now();
    run([
      ...GOALS,
      'II. TỔ CHỨC THỰC HIỆN',
      `1. Sở Y tế ${'cơ quan thường trực '.repeat(10_000)}`,
      '2. Về dữ liệu',
      `- Đơn vị chủ trì: ${'Sở Y tế, '.repeat(5_000)}`,
      `- Cơ quan phối hợp: ${'Các Sở, ban, ngành '.repeat(5_000)}`,
      `3. Đề nghị Ủy ban Mặt trận Tổ quốc`,
      `${'Hội Nông dân tỉnh, '.repeat(5_000)}`,
    ]);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
