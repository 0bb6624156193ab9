import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../src/extract/metadata.js';
import { buildOutline } from '../../src/extract/outline.js';
import { extractSections } from '../../src/extract/sections.js';
import { docOf } from './plan-doc.js';

function meta(lines: string[]) {
  const doc = docOf(lines);
  return { doc, m: extractMetadata(doc, buildOutline(doc)) };
}

const ISSUED = [
  'ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
  'Số: 824/KH-UBND | Bình Dương, ngày 28 tháng 02 năm 2019',
  'KẾ HOẠCH',
  'THỰC HIỆN ĐỀ ÁN CHĂM SÓC TRẺ EM TỈNH BÌNH DƯƠNG GIAI ĐOẠN 2019 - 2025',
  'Thực hiện Quyết định số 1437/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ phê duyệt Đề án; Kế hoạch số 160-KH/TU ngày 28 tháng 6 năm 2024 của Tỉnh ủy và Thông tư số 06/2022/TT-BTTTT ngày 30 tháng 6 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:',
  'Xét đề nghị của Sở Lao động tại Tờ trình số 137/TTr-SLĐTBXH ngày 02/12/2024,',
  'I. MỤC TIÊU',
  '1. Thời gian thực hiện: từ năm 2019 đến năm 2025.',
  'Trên đây là Kế hoạch triển khai thực hiện./.',
  'Nơi nhận: - Bộ LĐTB&XH; - Bộ Lao động - Thương binh và Xã hội (b/c); - CT, PCT; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đặng Minh Hưng',
  'PHỤ LỤC',
  'Mẫu số 01',
];

describe('extractMetadata on an issued plan', () => {
  const { doc, m } = meta(ISSUED);
  it('reads the header with spans into the text', () => {
    expect(m.issuer).toMatchObject({ value: 'Ủy ban nhân dân tỉnh Bình Dương', confidence: 'high' });
    expect(m.province.value).toBe('Bình Dương');
    expect(m.documentNumber.value).toBe('824/KH-UBND');
    const src = m.documentNumber.source;
    expect(src && doc.text.slice(src.start, src.end)).toBe('824/KH-UBND');
    expect(m.documentType.value).toBe('Kế hoạch');
    expect(m.issuedDate.value).toBe('2019-02-28');
    expect(m.place.value).toBe('Bình Dương');
    expect(m.title.value).toBe('THỰC HIỆN ĐỀ ÁN CHĂM SÓC TRẺ EM TỈNH BÌNH DƯƠNG GIAI ĐOẠN 2019 - 2025');
    expect(m.period).toMatchObject({ value: { from: 2019, to: 2025 }, confidence: 'high' });
  });
  it('reads place and date from a header cell that holds the motto before them (web copies of plans)', () => {
    const { doc: d, m: h } = meta([
      'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG Số: 456/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Bắc Giang, ngày 18 tháng 6 năm 2025',
      ...ISSUED.slice(2),
    ]);
    expect(h.issuedDate).toMatchObject({ value: '2025-06-18', confidence: 'high' });
    expect(h.place).toMatchObject({ value: 'Bắc Giang', confidence: 'high' });
    const src = h.place.source;
    expect(src && d.text.slice(src.start, src.end)).toBe('Bắc Giang');
  });

  it('takes the title from under "KẾ HOẠCH LIÊN NGÀNH", whose words qualify the type', () => {
    const { m: j } = meta([
      'SỞ Y TẾ TỈNH KHÁNH HÒA - SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH KHÁNH HÒA',
      'Số: 1520/KH-SYT-SGDĐT | Khánh Hòa, ngày 02 tháng 4 năm 2025',
      'KẾ HOẠCH LIÊN NGÀNH',
      'Triển khai công tác y tế trường học năm học 2025 - 2026',
      ...ISSUED.slice(6),
    ]);
    expect(j.title).toMatchObject({
      value: 'Triển khai công tác y tế trường học năm học 2025 - 2026',
      confidence: 'high',
    });
    expect(j.period.value).toEqual({ from: 2025, to: 2026 });
  });

  it('reads the signer and recipients from a layout row', () => {
    expect(m.signer.value).toEqual({
      name: 'Đặng Minh Hưng',
      position: 'PHÓ CHỦ TỊCH',
      onBehalfOf: 'TM. ỦY BAN NHÂN DÂN TỈNH; KT. CHỦ TỊCH',
    });
    expect(m.recipients).toEqual(['Bộ LĐTB&XH', 'Bộ Lao động - Thương binh và Xã hội (b/c)', 'CT, PCT', 'Lưu: VT']);
  });
  it('cites every numbered document of the preamble, not the submission', () => {
    expect(m.legalBasis.map((b) => [b.kind, b.number, b.date, b.issuer])).toEqual([
      ['Quyết định', '1437/QĐ-TTg', '2018-10-29', 'Thủ tướng Chính phủ'],
      ['Kế hoạch', '160-KH/TU', '2024-06-28', 'Tỉnh ủy'],
      ['Thông tư', '06/2022/TT-BTTTT', '2022-06-30', 'Bộ trưởng Bộ Lao động - Thương binh và Xã hội'],
    ]);
    const first = m.legalBasis[0]?.source;
    expect(first && doc.text.slice(first.start, first.end)).toBe('Quyết định số 1437/QĐ-TTg ngày 29/10/2018');
  });
});

describe('extractMetadata on incomplete documents', () => {
  it('infers the province of a plan without header and flags what is missing', () => {
    const { m } = meta([
      'KẾ HOẠCH',
      'Triển khai Đề án chăm sóc trẻ em giai đoạn 2019 - 2025',
      'Thực hiện Quyết định số 1437/QĐ-TTg, Ủy ban nhân dân tỉnh xây dựng Kế hoạch trên địa bàn tỉnh Quảng Ninh như sau:',
      'I. MỤC TIÊU',
      'Phát triển trẻ em tỉnh Quảng Ninh và hợp tác với tỉnh Lạng Sơn.',
      'Nơi nhận:',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Vũ Thị Thu Thủy',
    ]);
    expect(m.province).toMatchObject({ value: 'Quảng Ninh', confidence: 'medium', flags: ['inferred'] });
    expect(m.issuer).toMatchObject({ value: 'Ủy ban nhân dân tỉnh Quảng Ninh', flags: ['inferred'] });
    expect(m.documentNumber).toMatchObject({ value: null, confidence: 'medium', flags: ['missing'] });
    expect(m.issuedDate).toMatchObject({ value: null, flags: ['missing'] });
    expect(m.title.value).toBe('Triển khai Đề án chăm sóc trẻ em giai đoạn 2019 - 2025');
    expect(m.signer.value).toEqual({
      name: 'Vũ Thị Thu Thủy',
      position: 'CHỦ TỊCH',
      onBehalfOf: 'TM. ỦY BAN NHÂN DÂN',
    });
    expect(m.recipients).toEqual(['Lưu: VT']);
  });

  it('marks a draft number and date as draft, not as values', () => {
    const { m } = meta([
      'ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: …/KH-UBND | Hải Dương, ngày … tháng … năm 2023',
      'KẾ HOẠCH',
      'Thí điểm bồi dưỡng kiến thức chuyển đổi số đến năm 2025',
      'I. Mục tiêu và phương pháp',
    ]);
    expect(m.documentNumber).toMatchObject({ value: null, flags: ['draft'], confidence: 'medium' });
    expect(m.issuedDate).toMatchObject({ value: null, flags: ['draft'] });
    expect(m.signer.flags).toEqual(['missing', 'draft']);
    // No issue year: "đến năm 2025" cannot give a start.
    expect(m.period.value).toBeNull();
    expect(m.province.value).toBe('Hải Dương');
  });

  it('keeps a marked draft a draft even with a signature block (corpus B03)', () => {
    const lines = (mark: string) => [
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH HẢI DƯƠNG | Độc lập - Tự do - Hạnh phúc',
      'Số: /KH-UBND | Hải Dương, ngày tháng năm 2023',
      mark,
      'KẾ HOẠCH HÀNH ĐỘNG',
      'Nâng cao chất lượng dịch vụ công trực tuyến năm 2023',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Nơi nhận: - Lưu: VT. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Triệu Thế Hùng',
    ];
    const draft = meta(lines('Dự thảo:')).m;
    expect(draft.documentNumber.flags).toEqual(['draft']);
    expect(draft.issuedDate.flags).toEqual(['draft']);
    expect(draft.signer.value?.name).toBe('Triệu Thế Hùng');
    // Without the mark, a signed plan with a blank number was numbered outside the text.
    const signed = meta(lines('Thực hiện Kế hoạch của tỉnh')).m;
    expect(signed.documentNumber.flags).toEqual(['missing']);
  });

  it('reads past an archive note "Lưu: VT, KT." to the signature block in the same row (corpus B05)', () => {
    const { m } = meta([
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI |  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
      'Số: /KH-UBND |  | Lào Cai, ngày tháng năm 2026',
      'KẾ HOẠCH',
      'Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Nơi nhận: - Bộ Nông nghiệp và Môi trường (để báo cáo); - Các chuyên viên TMTH; - Lưu: VT, KT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thành Sinh',
    ]);
    expect(m.signer.value).toEqual({
      name: 'Nguyễn Thành Sinh',
      position: 'PHÓ CHỦ TỊCH',
      onBehalfOf: 'TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH',
    });
    expect(m.recipients.at(-1)).toBe('Lưu: VT, KT');
    // An archive note alone is no signature block.
    const unsigned = meta(['KẾ HOẠCH', 'Tên kế hoạch', 'I. MỤC ĐÍCH', 'Nơi nhận: - Lưu: VT, KT.']).m;
    expect(unsigned.signer.value).toBeNull();
  });

  it('claims nothing about a document without text (a scan): even an absent period needs review', () => {
    const { m } = meta([]);
    expect(m.period).toMatchObject({ value: null, confidence: 'medium', flags: ['missing'] });
    expect(m.documentNumber.flags).toEqual(['missing']);
    // With text and no period stated, the absence is certain.
    const stated = meta(['KẾ HOẠCH', 'Thí điểm bồi dưỡng kỹ năng số', 'I. MỤC ĐÍCH']).m;
    expect(stated.period).toMatchObject({ value: null, confidence: 'high' });
  });

  it('reads an issuer block split over two header rows, from the header and not the preamble (B03, B01)', () => {
    const body = [
      'KẾ HOẠCH HÀNH ĐỘNG',
      'Nâng cao chất lượng dịch vụ công trực tuyến năm 2023',
      'Xét đề nghị của Sở Thông tin và Truyền thông, Uỷ ban nhân dân tỉnh Hải Dương ban hành Kế hoạch.',
      'I. MỤC ĐÍCH, YÊU CẦU',
    ];
    const docx = meta([
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH HẢI DƯƠNG | Độc lập - Tự do - Hạnh phúc',
      'Số: /KH-UBND | Hải Dương, ngày tháng năm 2023',
      ...body,
    ]);
    expect(docx.m.issuer).toMatchObject({ value: 'Ủy ban nhân dân tỉnh Hải Dương', confidence: 'high' });
    expect(docx.m.issuer.source?.line).toBe(1);
    // A PDF text layer runs the two columns together.
    const pdf = meta([
      'ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH HẢI DƯƠNG Độc lập - Tự do - Hạnh phúc',
      'Số: /KH-UBND Hải Dương, ngày tháng 6 năm 2023',
      ...body,
    ]);
    expect(pdf.m.province).toMatchObject({ value: 'Hải Dương', confidence: 'high' });
    expect(pdf.doc.text.slice(pdf.m.province.source?.start, pdf.m.province.source?.end)).toBe('HẢI DƯƠNG');
    // "ỦY BAN NHÂN DÂN" over a line that is no level and name is no issuer block.
    const other = meta(['ỦY BAN NHÂN DÂN', 'Số: 12/KH-UBND', ...body]);
    expect(other.m.issuer.source?.line).toBe(5);
    const long = meta([`ỦY BAN NHÂN DÂN${' CỘNG HOÀ'.repeat(10_000)}`, `TỈNH ${'Độc lập '.repeat(10_000)}`]);
    expect(long.m.issuer.value).toBeNull();
  });

  it('rejects impossible dates and keeps periods that are not terms or visions', () => {
    const { m } = meta([
      'ỦY BAN NHÂN DÂN TỈNH ĐĂK LĂK | X',
      'Số: 12/KH-UBND | Đắk Lắk, ngày 31 tháng 02 năm 2025',
      'KẾ HOẠCH',
      'BẦU CỬ ĐẠI BIỂU NHIỆM KỲ 2026 - 2031, TẦM NHÌN ĐẾN NĂM 2045 VÀ NGÀY 25 THÁNG 12 NĂM 2023',
      'I. MỤC TIÊU',
    ]);
    expect(m.province.value).toBe('Đắk Lắk');
    expect(m.issuedDate).toMatchObject({ value: null, flags: ['date-invalid'] });
    expect(m.period.value).toBeNull();
  });

  it('never throws and yields flagged nulls on empty input', () => {
    const { m } = meta([]);
    expect(m.title.flags).toEqual(['missing']);
    expect(m.legalBasis).toEqual([]);
    expect(m.recipients).toEqual([]);
  });

  it('stays linear on long adversarial headers', () => {
    const t = performance.now();
    meta([
      `Số: ${'1/'.repeat(50_000)}`,
      `${'Bình '.repeat(20_000)}, ngày 1 tháng`,
      `Căn cứ Quyết định số 1${'-A'.repeat(40_000)} của ${'Bộ '.repeat(20_000)}`,
      `ỦY BAN NHÂN DÂN TỈNH ${'A '.repeat(50_000)}`,
      `năm 2016 KẾ HOẠCH ${'THỰC HIỆN, '.repeat(20_000)}`,
      `Số: ${'1/ '.repeat(20_000)}Hà Nội, ngày 1 tháng 2 năm 2020`,
      `(${'DỰ THẢO '.repeat(20_000)}`,
    ]);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('extractMetadata on headers a reader ran together', () => {
  it('reads the place after a number left on the same line (corpus B01: PDF text layer)', () => {
    const { doc, m } = meta([
      'ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH HẢI DƯƠNG Độc lập - Tự do - Hạnh phúc',
      'Số: /KH-UBND Hải Dương, ngày tháng 6 năm 2023',
      'KẾ HOẠCH',
      'Chuyển đổi số tỉnh Hải Dương năm 2023',
      'I. CĂN CỨ LẬP KẾ HOẠCH',
    ]);
    expect(m.place).toMatchObject({ value: 'Hải Dương', confidence: 'high' });
    const src = m.place.source;
    expect(src && doc.text.slice(src.start, src.end)).toBe('Hải Dương');
    // The day is blank: no date is made up.
    expect(m.issuedDate.value).toBeNull();
    expect(m.issuedDate.confidence).not.toBe('high');
  });

  it('keeps an ordinary place and refuses one that is only a number', () => {
    expect(meta(['Số: 12/KH-UBND | Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025']).m.place.value).toBe(
      'Thành phố Hồ Chí Minh',
    );
    expect(meta(['Số: 12/KH-UBND, ngày 18 tháng 11 năm 2025']).m.place.value).toBeNull();
  });

  it('reads a title run into the header and the preamble, marked for review (seed 004 as HTML)', () => {
    const { doc, m } = meta([
      'ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
      'Số: 26/KH-UBND | Thừa Thiên Huế, ngày 26 tháng 02 năm 2016 KẾ HOẠCH THỰC HIỆN CÔNG TÁC BẢO VỆ, CHĂM SÓC VÀ GIÁO DỤC TRẺ EM TỈNH THỪA THIÊN HUẾ NĂM 2016 Thực hiện Quyết định số 1235/QĐ-TTg ngày 03/8/2015 của Thủ tướng Chính phủ; UBND tỉnh ban hành Kế hoạch như sau: I. MỤC TIÊU',
      'II. NHIỆM VỤ CỤ THỂ',
    ]);
    expect(m.title).toMatchObject({
      value: 'THỰC HIỆN CÔNG TÁC BẢO VỆ, CHĂM SÓC VÀ GIÁO DỤC TRẺ EM TỈNH THỪA THIÊN HUẾ NĂM 2016',
      confidence: 'medium',
      flags: ['run-in'],
    });
    const src = m.title.source;
    expect(src && doc.text.slice(src.start, src.end)).toBe(m.title.value);
    expect(m.documentType).toMatchObject({ value: 'Kế hoạch', flags: ['run-in'] });
    expect(m.period.value).toEqual({ from: 2016, to: 2016 });
  });

  it('takes the generic kind from a number whose code several kinds share', () => {
    // "/KH-" is "Kế hoạch"; "Kế hoạch hành động" shares the code but is never implied by it.
    const { m } = meta(['Số: 26/KH-UBND | Huế, ngày 26 tháng 02 năm 2016', 'Về việc thực hiện công tác trẻ em']);
    expect(m.documentType).toMatchObject({ value: 'Kế hoạch', flags: ['inferred'] });
  });

  it('keeps notes and braces set after an entry with that entry (seed 001, corpus 25)', () => {
    const { m } = meta([
      'I. MỤC TIÊU',
      'Nơi nhận:',
      '- Bộ Lao động TB&XH;',
      '- TT Tỉnh ủy, HĐND tỉnh; } (báo cáo)',
      '- Bộ Giáo dục và Đào tạo; (để báo cáo)',
      '- Sở Văn hóa, Thể thao và Du lịch (b/c);',
      '- Lưu: VT, VX2.',
    ]);
    expect(m.recipients).toEqual([
      'Bộ Lao động TB&XH',
      'TT Tỉnh ủy, HĐND tỉnh (báo cáo)',
      'Bộ Giáo dục và Đào tạo (để báo cáo)',
      'Sở Văn hóa, Thể thao và Du lịch (b/c)',
      'Lưu: VT, VX2',
    ]);
  });

  it('reads issuer names with a comma or a subject inside', () => {
    const { m } = meta([
      'KẾ HOẠCH',
      'Phòng, chống ma túy',
      'Căn cứ Kế hoạch số 12/KH-BVHTTDL ngày 02/01/2025 của Bộ Văn hóa, Thể thao và Du lịch về tuyên truyền; Quyết định số 17/QĐ-UBQGCĐS ngày 04/4/2023 của Ủy ban Quốc gia về Chuyển đổi số ban hành Kế hoạch; Thông tư số 5/2024/TT-BVHTTDL ngày 1/2/2024 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch; Kế hoạch số 9/KH-SVHTTDL ngày 1/3/2024 của Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Dương, Quyết định số 3/QĐ-UBND ngày 1/1/2024 của Ủy ban nhân dân tỉnh về phê duyệt',
      'I. MỤC TIÊU',
    ]);
    expect(m.legalBasis.map((b) => b.issuer)).toEqual([
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Ủy ban Quốc gia về Chuyển đổi số',
      'Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch',
      'Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Dương',
      'Ủy ban nhân dân tỉnh',
    ]);
  });
});

describe('extractMetadata: document numbers as typists write them', () => {
  const header = (numberLine: string) => [
    'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    `${numberLine} | Cần Thơ, ngày 15 tháng 3 năm 2022`,
    'KẾ HOẠCH',
    'Phòng, chống thiên tai năm 2022',
    'I. MỤC ĐÍCH, YÊU CẦU',
  ];

  it.each([
    ['Số: 1832 /KH-UBND', '1832/KH-UBND', '1832 /KH-UBND'],
    ['Số 1832/KH-UBND', '1832/KH-UBND', '1832/KH-UBND'],
    ['Số: 1832/KH - UBND', '1832/KH-UBND', '1832/KH - UBND'],
    ['Số: 1832 / KH- UBND', '1832/KH-UBND', '1832 / KH- UBND'],
    ['Số: 57/2022/KH-UBND', '57/2022/KH-UBND', '57/2022/KH-UBND'],
    ['Số:1832/KH-UBND', '1832/KH-UBND', '1832/KH-UBND'],
  ])('reads "%s" as %s, its span on the written number', (line, value, written) => {
    const { doc, m } = meta(header(line));
    expect(m.documentNumber).toMatchObject({ value, confidence: 'high', flags: [] });
    const src = m.documentNumber.source;
    expect(src && doc.text.slice(src.start, src.end)).toBe(written);
  });

  it('keeps blanks a draft and takes no place or bare "Số" word into the number', () => {
    for (const line of ['Số: …/KH-UBND', 'Số: /KH-UBND', 'Số:      /KH-UBND']) {
      expect(meta(header(line)).m.documentNumber).toMatchObject({ value: null, flags: ['draft'] });
    }
    // Columns run together: a place after a spaced dash is no part of the symbol.
    const runTogether = meta([
      'ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG',
      'Số: 1832/KH-UBND - Hải Dương, ngày 15 tháng 3 năm 2022',
      'KẾ HOẠCH',
      'Chuyển đổi số',
      'I. MỤC ĐÍCH',
    ]).m;
    expect(runTogether.documentNumber.value).toBe('1832/KH-UBND');
    // "Số" without colon and without a number is an ordinary word, not a missing number's label.
    const word = meta([
      'ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG',
      'Số hóa hồ sơ 2022 / năm',
      'KẾ HOẠCH',
      'Chuyển đổi số',
      'I. MỤC ĐÍCH',
    ]).m;
    expect(word.documentNumber).toMatchObject({ value: null, flags: ['missing'] });
  });

  it('stays linear on long adversarial number lines', () => {
    const long = ['Số: 1/A', ' - A'.repeat(20_000), '-', 'a'.repeat(50_000)].join('');
    const bare = `Số 1 /${'A-'.repeat(50_000)}a`;
    const t0 = performance.now();
    meta(['ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG', long, 'KẾ HOẠCH', 'Tên', 'I. MỤC ĐÍCH']);
    meta(['ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG', bare, 'KẾ HOẠCH', 'Tên', 'I. MỤC ĐÍCH']);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('extractMetadata: signers in anonymised copies', () => {
  const signed = (block: string[]) =>
    meta(['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'KẾ HOẠCH', 'Tên', 'I. MỤC ĐÍCH', 'Nơi nhận:', '- Lưu: VT.', ...block]).m;

  it('keeps a given name cut to its initial', () => {
    expect(signed(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn H']).signer.value?.name).toBe(
      'Nguyễn Văn H',
    );
    expect(signed(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Phạm S']).signer.value?.name).toBe('Phạm S');
    expect(signed(['TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Phạm S | PHỤ LỤC']).signer.value?.name).toBe('Phạm S');
  });

  it('takes no letter from the next line, a lone letter, or a capital that more name follows', () => {
    expect(signed(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đặng Minh Hưng', 'A', 'PHỤ LỤC']).signer.value?.name).toBe(
      'Đặng Minh Hưng',
    );
    expect(signed(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'H']).signer.value).toBeNull();
    expect(signed(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn H Anh']).signer.value?.name).toBe('Nguyễn Văn');
  });
});

describe('extractSections', () => {
  it('marks sections with irregular numbering medium', () => {
    const doc = docOf(['KẾ HOẠCH', 'Tiêu đề', 'I. MỤC TIÊU', '1. Một', 'I. MỤC TIÊU', 'Nơi nhận:']);
    const sections = extractSections(doc, buildOutline(doc));
    expect(sections.map((s) => [s.numeral, s.confidence, s.flags])).toEqual([
      ['I', 'high', []],
      ['I', 'medium', ['repeated-numeral']],
    ]);
    expect(sections[0]?.items[0]).toMatchObject({ label: '1', text: 'Một' });
  });
});
