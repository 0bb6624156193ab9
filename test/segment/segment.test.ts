// Segmentation and document kind on the shapes of the genre: a plan alone, a plan issued by decision (with and
// without the decision's text), decisions issuing something else, letters, reports, web pages; issuers beyond the
// provincial committee. Short excerpts modelled on real documents, cited where they come from.
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/contract/schema.js';
import { extractFromDoc } from '../../src/pipeline.js';
import { typeLineOf } from '../../src/segment/index.js';
import { docOf } from '../extract/plan-doc.js';

function run(lines: string[]): { e: Extraction; text: string } {
  const doc = docOf(lines);
  return { e: extractFromDoc(doc), text: doc.text };
}

const PLAN_BODY = [
  'I. MỤC TIÊU',
  '1. Mục tiêu cụ thể đến năm 2025',
  '- Phấn đấu 100% cơ sở y tế công lập triển khai bệnh án điện tử.',
  'II. TỔ CHỨC THỰC HIỆN',
  '1. Sở Y tế chủ trì, phối hợp với các đơn vị triển khai Kế hoạch.',
  '2. Sở Tài chính bố trí kinh phí thực hiện.',
  'Trên đây là Kế hoạch triển khai thực hiện./.',
];

// Shape of Quyết định 186/QĐ-UBND (An Giang, 2018) as published at
// https://phapluatcongdong.vn/van-ban/quyet-dinh-186-qd-ubnd-ban-hanh-tinh-an-giang-nam-2018-p102743.htm, with the
// attached plan set out the way such decisions print it ("KẾ HOẠCH … (Ban hành kèm theo Quyết định số …)").
const DECISION = [
  'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc',
  'Số: 186/QĐ-UBND | An Giang, ngày 26 tháng 01 năm 2018',
  'QUYẾT ĐỊNH',
  'Về việc ban hành Kế hoạch hỗ trợ cơ giới hóa trong sản xuất thủy sản giai đoạn 2018 - 2020',
  'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG',
  'Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Căn cứ Quyết định số 2163/QĐ-UBND ngày 29 tháng 11 năm 2012 của UBND tỉnh An Giang về việc ban hành Kế hoạch phát triển nông nghiệp;',
  'Xét đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn,',
  'QUYẾT ĐỊNH:',
  'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hỗ trợ cơ giới hóa trong sản xuất thủy sản giai đoạn 2018 - 2020.',
  'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
  'Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở chịu trách nhiệm thi hành Quyết định này./.',
  'Nơi nhận: - Như Điều 3; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lâm Quang Thi',
  'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc',
  'KẾ HOẠCH',
  'HỖ TRỢ CƠ GIỚI HÓA TRONG SẢN XUẤT THỦY SẢN GIAI ĐOẠN 2018 - 2020',
  '(Ban hành kèm theo Quyết định số 186/QĐ-UBND ngày 26 tháng 01 năm 2018 của Ủy ban nhân dân tỉnh An Giang)',
  ...PLAN_BODY,
];

describe('a plan issued as the attachment of a decision', () => {
  const { e, text } = run(DECISION);
  it('is a plan-by-decision, read from the plan type line', () => {
    expect(e.document.kind).toMatchObject({ value: 'plan-by-decision', confidence: 'high' });
  });
  it('takes number, date, issuer, signer and recipients from the decision', () => {
    expect(e.metadata.documentNumber).toMatchObject({ value: '186/QĐ-UBND', confidence: 'high' });
    expect(e.metadata.issuedDate.value).toBe('2018-01-26');
    expect(e.metadata.issuer.value).toBe('Ủy ban nhân dân tỉnh An Giang');
    expect(e.metadata.signer.value).toEqual({
      name: 'Lâm Quang Thi',
      position: 'PHÓ CHỦ TỊCH',
      onBehalfOf: 'TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH',
    });
    expect(e.metadata.recipients).toEqual(['Như Điều 3', 'Lưu: VT']);
  });
  it('takes title and sections from the plan, never the decision articles', () => {
    expect(e.metadata.title.value).toBe('HỖ TRỢ CƠ GIỚI HÓA TRONG SẢN XUẤT THỦY SẢN GIAI ĐOẠN 2018 - 2020');
    expect(e.metadata.documentType.value).toBe('Kế hoạch');
    expect(e.sections.map((s) => s.numeral)).toEqual(['I', 'II']);
    expect(e.targets.length).toBeGreaterThan(0);
    for (const t of e.targets) expect(t.flags).not.toContain('not-a-plan');
  });
  it("reads the legal basis from the decision's preamble, laws cited by name included", () => {
    expect(e.metadata.legalBasis.map((b) => [b.kind, b.number, b.title ?? null, b.date])).toEqual([
      ['Luật', null, 'Luật Tổ chức Chính quyền địa phương', '2015-06-19'],
      ['Quyết định', '2163/QĐ-UBND', null, '2012-11-29'],
    ]);
    const law = e.metadata.legalBasis[0]?.source;
    expect(law && text.slice(law.start, law.end)).toBe('Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015');
  });
});

describe("a ministry's plan issued by decision, its title opening as a preamble does", () => {
  // The plan's title line "Triển khai công tác …" opens with a preamble word; the note under it still ties the plan
  // to its decision. Units of the ministry (Cục, Vụ) are the bodies with duties.
  const { e } = run([
    'BỘ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: 3120/QĐ-BYT | Hà Nội, ngày 05 tháng 10 năm 2024',
    'QUYẾT ĐỊNH',
    'Ban hành Kế hoạch triển khai công tác phòng, chống bệnh không lây nhiễm giai đoạn 2024 - 2026',
    'QUYẾT ĐỊNH:',
    'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai công tác phòng, chống bệnh không lây nhiễm.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Nơi nhận: - Như Điều 3; - Lưu: VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Văn Bình',
    'KẾ HOẠCH',
    'Triển khai công tác phòng, chống bệnh không lây nhiễm giai đoạn 2024 - 2026',
    '(Ban hành kèm theo Quyết định số 3120/QĐ-BYT ngày 05 tháng 10 năm 2024 của Bộ trưởng Bộ Y tế)',
    'I. MỤC TIÊU',
    '1. Đến năm 2026, 70% người trưởng thành bị tăng huyết áp được phát hiện.',
    'II. TỔ CHỨC THỰC HIỆN',
    '1. Cục Phòng bệnh: Chủ trì, phối hợp với các đơn vị liên quan tổ chức triển khai Kế hoạch.',
    '2. Vụ Kế hoạch - Tài chính: Bố trí kinh phí.',
    '3. Các bệnh viện trực thuộc Bộ: Triển khai tại đơn vị.',
  ]);
  it('is a plan-by-decision, high', () => {
    expect(e.document.kind).toMatchObject({ value: 'plan-by-decision', confidence: 'high' });
    expect(e.metadata.province).toMatchObject({ value: null });
    expect(e.metadata.issuer.value).toBe('Bộ Y tế');
  });
  it('reads Cục, Vụ and a group of hospitals as bodies (unknown names: never high)', () => {
    expect(e.responsibilities.map((r) => [r.agency.name, r.confidence])).toEqual([
      ['Cục Phòng bệnh', 'medium'],
      ['Vụ Kế hoạch - Tài chính', 'medium'],
      ['Các bệnh viện trực thuộc Bộ', 'medium'],
    ]);
  });
});

describe('the attached plan without its decision', () => {
  it('takes number and date from the note under its title', () => {
    const { e } = run([
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc',
      'KẾ HOẠCH',
      'HỖ TRỢ CƠ GIỚI HÓA TRONG SẢN XUẤT THỦY SẢN GIAI ĐOẠN 2018 - 2020',
      '(Ban hành kèm theo Quyết định số 186/QĐ-UBND ngày 26 tháng 01 năm 2018 của Ủy ban nhân dân tỉnh An Giang)',
      ...PLAN_BODY,
    ]);
    expect(e.document.kind).toMatchObject({ value: 'plan-by-decision', confidence: 'high' });
    expect(e.metadata.documentNumber.value).toBe('186/QĐ-UBND');
    expect(e.metadata.issuedDate.value).toBe('2018-01-26');
    expect(e.metadata.issuer.value).toBe('Ủy ban nhân dân tỉnh An Giang');
    expect(e.sections.map((s) => s.numeral)).toEqual(['I', 'II']);
  });
  it('a draft note leaves number and date blank, flagged draft', () => {
    const { e } = run([
      'KẾ HOẠCH',
      'HỖ TRỢ CƠ GIỚI HÓA TRONG SẢN XUẤT THỦY SẢN',
      '(Ban hành kèm theo Quyết định số      /QĐ-UBND ngày    tháng    năm 2018 của UBND tỉnh)',
      ...PLAN_BODY,
    ]);
    expect(e.document.kind?.value).toBe('plan-by-decision');
    expect(e.metadata.documentNumber).toMatchObject({ value: null, flags: ['draft'] });
    expect(e.metadata.issuedDate).toMatchObject({ value: null, flags: ['draft'] });
  });
});

describe('documents that are not plans', () => {
  it('a decision issuing a regulation is a decision; its numbered paragraphs are never high', () => {
    // Shape of Quyết định 41/2019/QĐ-UBND (Quảng Trị), https://dulieuphapluat.vn/van-ban/hanh-chinh-van-ban/
    // quyet-dinh-412019qd-ubnd-quy-dinh-ve-che-do-bao-cao-dinh-ky-phuc-vu-muc-tieu-quan-ly-tren-dia-ban-tinh-quang-tri-47183.html
    const { e } = run([
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH QUẢNG TRỊ | Độc lập - Tự do - Hạnh phúc',
      'Số: 41/2019/QĐ-UBND | Quảng Trị, ngày 22 tháng 10 năm 2019',
      'QUYẾT ĐỊNH',
      'BAN HÀNH QUY ĐỊNH CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ PHỤC VỤ MỤC TIÊU QUẢN LÝ TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'QUYẾT ĐỊNH:',
      'Điều 1. Ban hành kèm theo Quyết định này Quy định chế độ báo cáo định kỳ.',
      'Nơi nhận: - Như Điều 3; | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Đức Chính',
      'QUY ĐỊNH',
      'CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ PHỤC VỤ MỤC TIÊU QUẢN LÝ TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ',
      '(Ban hành kèm theo Quyết định số 41/2019/QĐ-UBND ngày 22 tháng 10 năm 2019 của Ủy ban nhân dân tỉnh Quảng Trị)',
      ...PLAN_BODY,
    ]);
    expect(e.document.kind).toMatchObject({ value: 'decision', confidence: 'medium', flags: ['not-a-plan'] });
    expect([...e.targets, ...e.responsibilities].every((x) => x.confidence === 'low')).toBe(true);
    for (const t of e.targets) expect(t.flags).toContain('not-a-plan');
  });
  it('a decision that issues a plan not included in the text is a decision', () => {
    const { e } = run(DECISION.slice(0, 14));
    expect(e.document.kind?.value).toBe('decision');
    expect(e.metadata.documentNumber.value).toBe('186/QĐ-UBND');
  });
  it('an official letter: number without a type code, "V/v", "Kính gửi"', () => {
    const { e } = run([
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH BÌNH DƯƠNG | Độc lập - Tự do - Hạnh phúc',
      'Số: 2345/UBND-VX | Bình Dương, ngày 5 tháng 6 năm 2024',
      'V/v triển khai Kế hoạch chăm sóc trẻ em',
      'Kính gửi: Các sở, ban, ngành tỉnh',
      ...PLAN_BODY,
    ]);
    expect(e.document.kind).toMatchObject({ value: 'letter', confidence: 'medium' });
    expect([...e.targets, ...e.responsibilities].every((x) => x.confidence === 'low')).toBe(true);
  });
  it('a report is a report even when it reviews a plan', () => {
    const { e } = run([
      'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 88/BC-UBND | Nghệ An, ngày 5 tháng 6 năm 2024',
      'BÁO CÁO',
      'KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2023',
      ...PLAN_BODY,
    ]);
    expect(e.document.kind).toMatchObject({ value: 'report', confidence: 'medium', flags: ['not-a-plan'] });
    expect(e.budget.total.confidence === 'high' && e.budget.total.value !== null).toBe(false);
  });
  it('a web page without header is other, and nothing in it is high', () => {
    const { e } = run(['# Tải file excel bảng chấm điểm đảng viên năm 2025', ...PLAN_BODY.slice(0, -1)]);
    expect(e.document.kind).toMatchObject({ value: 'other', confidence: 'medium', flags: ['no-header'] });
    expect([...e.targets, ...e.responsibilities].every((x) => x.confidence !== 'high')).toBe(true);
  });
  it('a plan that lost its header but closes as a plan is a plan, not promised', () => {
    const { e } = run(PLAN_BODY);
    expect(e.document.kind).toMatchObject({ value: 'plan', confidence: 'medium', flags: ['inferred'] });
    for (const t of e.targets) expect(t.flags).toContain('uncertain-kind');
  });
});

describe('type lines', () => {
  it.each([
    ['KẾ HOẠCH', 'plan'],
    ['**KẾ HOẠCH HÀNH ĐỘNG**', 'plan'],
    ['KẾ HOẠCH TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 57', 'plan'],
    ['QUYẾT ĐỊNH', 'decision'],
    ['QUYẾT ĐỊNH Về việc ban hành Kế hoạch', 'decision'],
    ['CHỈ THỊ', 'directive'],
    ['BÁO CÁO', 'report'],
    ['# QUY CHẾ', 'other'],
  ])('%s is a type line (%s)', (line, kind) => {
    expect(typeLineOf(line)?.kind).toBe(kind);
  });
  it.each([
    'Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND tỉnh',
    'KẾ HOẠCH SỐ 5 NĂM 2024',
    'QUYẾT ĐỊNH:',
    'I. KẾ HOẠCH THỰC HIỆN',
    'KẾ HOẠCHTHỰC HIỆN',
  ])('%s is no type line', (line) => {
    expect(typeLineOf(line)).toBeNull();
  });
});

describe('issuers beyond the provincial committee', () => {
  const body = ['KẾ HOẠCH', 'ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NGÀNH Y TẾ NĂM 2024', ...PLAN_BODY];
  it('a department under its province: issuer the department, province from the first line', () => {
    const { e, text } = run([
      'UBND TỈNH QUẢNG NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ Y TẾ | Độc lập - Tự do - Hạnh phúc',
      'Số: 123/KH-SYT | Quảng Nam, ngày 5 tháng 3 năm 2024',
      ...body,
      '| ',
    ]);
    expect(e.metadata.issuer).toMatchObject({ value: 'Sở Y tế tỉnh Quảng Nam', confidence: 'high' });
    expect(e.metadata.province).toMatchObject({ value: 'Quảng Nam', confidence: 'high' });
    expect(e.metadata.issuers).toEqual([{ name: 'Sở Y tế tỉnh Quảng Nam', kind: 'department' }]);
    const src = e.metadata.province.source;
    expect(src && text.slice(src.start, src.end)).toBe('QUẢNG NAM');
    expect(e.document.kind).toMatchObject({ value: 'plan', confidence: 'high' });
  });
  it('the same header run together by a reader, and a name over two lines', () => {
    const { e } = run([
      'UBND THÀNH PHỐ HÀ NỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 45/KH-SGDĐT | Hà Nội, ngày 5 tháng 3 năm 2024',
      ...body,
    ]);
    expect(e.metadata.issuer.value).toBe('Sở Giáo dục và Đào tạo thành phố Hà Nội');
    expect(e.metadata.province.value).toBe('Hà Nội');
    const two = run([
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ VĂN HÓA, THỂ THAO | Độc lập - Tự do - Hạnh phúc',
      'VÀ DU LỊCH',
      'Số: 7/KH-SVHTTDL | Lào Cai, ngày 5 tháng 3 năm 2024',
      ...body,
    ]);
    expect(two.e.metadata.issuer.value).toBe('Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai');
  });
  it('a ministry: no province, and that is certain', () => {
    const { e } = run([
      'BỘ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 40/KH-BYT | Hà Nội, ngày 12 tháng 01 năm 2024',
      ...body,
    ]);
    expect(e.metadata.issuer).toMatchObject({ value: 'Bộ Y tế', confidence: 'high' });
    expect(e.metadata.province).toMatchObject({ value: null, confidence: 'high', flags: [] });
    expect(e.metadata.issuers).toEqual([{ name: 'Bộ Y tế', kind: 'ministry' }]);
  });
  it('the Prime Minister issuing a plan by decision', () => {
    const { e } = run([
      'THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 1437/QĐ-TTg | Hà Nội, ngày 29 tháng 10 năm 2018',
      'QUYẾT ĐỊNH',
      'Ban hành Kế hoạch thực hiện Đề án chăm sóc trẻ em',
      'QUYẾT ĐỊNH:',
      'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Đề án.',
      'Nơi nhận: - Các Bộ; - Lưu: VT. | KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Vũ Đức Đam',
      'KẾ HOẠCH',
      'THỰC HIỆN ĐỀ ÁN CHĂM SÓC TRẺ EM',
      '(Kèm theo Quyết định số 1437/QĐ-TTg ngày 29 tháng 10 năm 2018 của Thủ tướng Chính phủ)',
      ...PLAN_BODY,
    ]);
    expect(e.document.kind?.value).toBe('plan-by-decision');
    expect(e.metadata.issuer).toMatchObject({ value: 'Thủ tướng Chính phủ', confidence: 'high' });
    expect(e.metadata.province).toMatchObject({ value: null, confidence: 'high' });
    expect(e.metadata.signer).toMatchObject({
      value: { name: 'Vũ Đức Đam', position: 'PHÓ THỦ TƯỚNG', onBehalfOf: 'KT. THỦ TƯỚNG' },
      confidence: 'high',
    });
  });
  it('a joint plan: both issuers, both signers side by side', () => {
    const { e } = run([
      'UBND TỈNH ĐỒNG NAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ Y TẾ - CÔNG ĐOÀN NGÀNH Y TẾ | Độc lập - Tự do - Hạnh phúc',
      'Số: 15/KH-SYT-CĐN | Đồng Nai, ngày 5 tháng 3 năm 2024',
      ...body,
      '|',
      'TM. BAN THƯỜNG VỤ CÔNG ĐOÀN NGÀNH Y TẾ | GIÁM ĐỐC SỞ Y TẾ',
      'CHỦ TỊCH | ',
      'Trần Thị Bình | Nguyễn Văn An',
      '|end',
    ]);
    expect(e.metadata.issuers).toEqual([
      { name: 'Sở Y tế tỉnh Đồng Nai', kind: 'department' },
      // A mass organisation's name is kept as printed: no province is added to it.
      { name: 'Công đoàn ngành Y tế', kind: 'mass-organisation' },
    ]);
    expect(e.metadata.issuer.value).toBe('Sở Y tế tỉnh Đồng Nai; Công đoàn ngành Y tế');
    expect(e.metadata.signers?.map((s) => [s.name, s.position])).toEqual([
      ['Trần Thị Bình', 'CHỦ TỊCH'],
      ['Nguyễn Văn An', 'GIÁM ĐỐC SỞ Y TẾ'],
    ]);
    expect(e.metadata.signer.value?.name).toBe('Trần Thị Bình');
  });
  it('a joint plan whose header kept one issuer is completed from the number (inferred)', () => {
    const { e } = run([
      'UBND TỈNH ĐỒNG NAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ Y TẾ | Độc lập - Tự do - Hạnh phúc',
      'Số: 15/KH-SYT-CĐN | Đồng Nai, ngày 5 tháng 3 năm 2024',
      ...body,
    ]);
    expect(e.metadata.issuers?.map((i) => i.name)).toEqual(['Sở Y tế tỉnh Đồng Nai', 'Công đoàn ngành']);
    expect(e.metadata.issuer).toMatchObject({ confidence: 'medium', flags: ['inferred'] });
  });
});

describe('zones', () => {
  it('cut a decision and its plan into parts, each with header, title, preamble, body and tail', () => {
    const doc = docOf(DECISION);
    extractFromDoc(doc);
    const z = doc.zones;
    if (!z?.decision) throw new Error('no decision part');
    const at = (s: string) => DECISION.indexOf(s);
    expect(z.decision.range).toEqual({ from: 0, to: at('KẾ HOẠCH') - 2 });
    expect(z.decision.header).toEqual({ from: 0, to: at('QUYẾT ĐỊNH') });
    expect(z.decision.body.from).toBe(at('QUYẾT ĐỊNH:'));
    expect(z.decision.tail.from).toBe(DECISION.findIndex((l) => l.startsWith('Nơi nhận')));
    expect(z.plan.range.from).toBe(at('KẾ HOẠCH') - 2);
    expect(z.plan.typeLine).toBe(at('KẾ HOẠCH'));
    expect(z.plan.title).toEqual({ from: at('KẾ HOẠCH'), to: at('I. MỤC TIÊU') });
    expect(z.plan.body).toEqual({ from: at('I. MỤC TIÊU'), to: DECISION.length - 1 });
    expect(z.attachedBy).toBe(at('KẾ HOẠCH') + 2);
  });
});
