import { describe, expect, it } from 'vitest';
import { buildOutline, flattenItems, parseLabel, romanValue } from '../../src/extract/outline.js';
import { docOf } from './plan-doc.js';

const HEADER = [
  'ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Số: 824/KH-UBND | Bình Dương, ngày 28 tháng 02 năm 2019',
  'KẾ HOẠCH',
  'Thực hiện công tác trẻ em giai đoạn 2019 - 2025',
  'Thực hiện Quyết định số 1437/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành như sau:',
];
const TAIL = [
  'Trên đây là Kế hoạch triển khai thực hiện./.',
  'Nơi nhận:',
  '- Bộ LĐTB&XH;',
  '- Lưu: VT.',
  'TM. ỦY BAN NHÂN DÂN',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'Đặng Minh Hưng',
  'PHỤ LỤC',
  'I. Kinh tế số',
  'II. Xã hội số',
];

describe('romanValue', () => {
  it('reads strict numerals and rejects others', () => {
    expect(romanValue('IV')).toBe(4);
    expect(romanValue('XIX')).toBe(19);
    expect(romanValue('IIII')).toBeNull();
    expect(romanValue('VX')).toBeNull();
    expect(romanValue('')).toBeNull();
  });
});

describe('parseLabel', () => {
  it('reads decimal, letter, bullet and named labels', () => {
    expect(parseLabel('1. Mục tiêu chung')).toMatchObject({ kind: 'dec', label: '1', text: 'Mục tiêu chung' });
    expect(parseLabel('2.1. Mục tiêu 1: Về trẻ em')).toMatchObject({ kind: 'dec', level: 2, label: '2.1' });
    expect(parseLabel('1.1.2 Nông nghiệp')).toMatchObject({ kind: 'dec', level: 3, label: '1.1.2' });
    expect(parseLabel('đ) Tiếp tục vận động')).toMatchObject({ kind: 'letter', label: 'đ' });
    expect(parseLabel('- Trẻ em đến 8 tuổi.')).toMatchObject({ kind: 'dash', label: '-', text: 'Trẻ em đến 8 tuổi.' });
    expect(parseLabel('+ Tập huấn')).toMatchObject({ kind: 'plus', label: '+' });
    expect(parseLabel('* Ghi chú')).toMatchObject({ kind: 'star', label: '*' });
    expect(parseLabel('Chỉ tiêu 3: Giảm tỷ suất tử vong')).toMatchObject({ kind: 'named', label: 'Chỉ tiêu 3' });
    expect(parseLabel('1- Mục tiêu chung')).toMatchObject({ kind: 'dec', label: '1', text: 'Mục tiêu chung' });
    expect(parseLabel('(3) GRDP bình quân đầu người')).toMatchObject({ kind: 'paren', label: '(3)' });
  });
  it('does not take quantities, markdown or prose for labels', () => {
    expect(parseLabel('1.000 trẻ em được hỗ trợ')).toBeNull();
    expect(parseLabel('2.5 triệu đồng')).toBeNull();
    expect(parseLabel('2025 là năm bản lề')).toBeNull();
    expect(parseLabel('1 - 2 lớp mỗi năm')).toBeNull();
    expect(parseLabel('(2025) là năm bản lề')).toBeNull();
    expect(parseLabel('**Căn cứ Luật Trẻ em**')).toBeNull();
    expect(parseLabel('f) không phải chữ cái tiếng Việt')).toBeNull();
    expect(parseLabel('Bảo đảm cho trẻ em')).toBeNull();
  });
});

describe('buildOutline', () => {
  it('finds the Roman sections between preamble and closing formula', () => {
    const doc = docOf([
      ...HEADER,
      'I. MỤC TIÊU',
      '1. Mục tiêu chung: Bảo đảm cho trẻ em phát triển.',
      '2. Mục tiêu cụ thể đến năm 2025',
      '- Phấn đấu 90% trẻ em được tiếp cận dịch vụ.',
      '- 100% huyện duy trì mạng lưới.',
      'Nội dung bổ sung không có nhãn.',
      'II. Chương trình bồi dưỡng',
      'Kinh phí thực hiện theo khóa XVI và Chương II của Luật.',
      'III.KINH PHÍ',
      'a) Ngân sách nhà nước;',
      'b) Nguồn xã hội hóa.',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    expect(o.sections.map((s) => `${s.numeral}|${s.title}`)).toEqual([
      'I|MỤC TIÊU',
      'II|Chương trình bồi dưỡng',
      'III|KINH PHÍ',
    ]);
    expect(o.bodyStart).toBe(5);
    expect(doc.lines[o.bodyEnd]?.text).toMatch(/^Trên đây là/);
    const [first] = o.sections;
    expect(first?.items.map((i) => i.label)).toEqual(['1', '2']);
    const second = first?.items[1];
    expect(second?.items.map((i) => i.text)).toEqual([
      'Phấn đấu 90% trẻ em được tiếp cận dịch vụ.',
      '100% huyện duy trì mạng lưới.',
    ]);
    // The unlabelled paragraph belongs to the last open item.
    expect(second?.items[1]?.endLine).toBe(11);
    expect(second?.endLine).toBe(11);
    expect(o.messages).toEqual([]);
  });

  it('keeps repeated numerals and flags them', () => {
    const doc = docOf([
      ...HEADER,
      'I. MỤC TIÊU',
      'II. MỤC TIÊU CỤ THỂ',
      'III. LỘ TRÌNH',
      'III. NHIỆM VỤ VÀ GIẢI PHÁP',
      'IV. KINH PHÍ',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    expect(o.sections.map((s) => s.numeral)).toEqual(['I', 'II', 'III', 'III', 'IV']);
    expect(o.sections[3]?.flags).toEqual(['repeated-numeral']);
    expect(o.messages.map((m) => m.code)).toEqual(['repeated-numeral']);
  });

  it('flags a skipped section numeral and skipped items with their source', () => {
    const doc = docOf([
      ...HEADER,
      'I. MỤC TIÊU',
      'III. TỔ CHỨC THỰC HIỆN',
      '8. Công an tỉnh: phòng ngừa.',
      '9. Sở Thông tin và Truyền thông: tuyên truyền.',
      '…............................',
      '12. UBND các huyện',
      'a) Xây dựng kế hoạch;',
      'b) Chỉ đạo;',
      'd) Báo cáo.',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    const s = o.sections[1];
    expect(s?.flags).toContain('numbering-gap');
    const gaps = o.messages.filter((m) => m.code === 'numbering-gap');
    expect(gaps.map((m) => m.message)).toEqual([
      'Sections jump from I to III; text may be missing.',
      'Section III: the first item is numbered 8.',
      'Section III: item 9 is followed by 12; text may be missing.',
      'Section III: item b is followed by d; text may be missing.',
    ]);
    const twelve = flattenItems(s?.items ?? []).find((i) => i.label === '12');
    expect(gaps[2]?.source?.start).toBe(twelve?.span.start);
  });

  it('accepts "d) … e)" lettered with the Latin alphabet but not a skipped "d" (corpus 25, item 9)', () => {
    const doc = docOf([
      ...HEADER,
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'a) Chỉ đạo các tổ chức thành viên;',
      'b) Lồng ghép nhiệm vụ;',
      'c) Hướng dẫn công đoàn cơ sở;',
      'd) Tham gia huy động nguồn lực;',
      'e) Chủ trì đầu tư cơ sở giáo dục.',
      '2. Ủy ban nhân dân các xã, phường',
      'a) Ban hành kế hoạch;',
      'b) Tham mưu;',
      'c) Rà soát;',
      'đ) Huy động xã hội hóa;',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    expect(o.messages.filter((m) => m.code === 'numbering-gap').map((m) => m.message)).toEqual([
      'Section I: item c is followed by đ; text may be missing.',
    ]);
  });

  it('ignores Roman numerals in tables, appendices and prose', () => {
    const doc = docOf([
      ...HEADER,
      'I. MỤC TIÊU',
      '|',
      'I | Nội dung | 100',
      'II | Nội dung | 200',
      '|end',
      'V. 5% còn lại',
      'II. NHIỆM VỤ',
      'I. Một dòng trích dẫn sai thứ tự',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    expect(o.sections.map((s) => s.numeral)).toEqual(['I', 'II']);
  });

  it('reads the sections of the plan part, not the review part', () => {
    const doc = docOf([
      ...HEADER,
      'PHẦN I. KẾT QUẢ THỰC HIỆN NĂM 2022',
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      'II. TỒN TẠI, HẠN CHẾ',
      'PHẦN II. KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2023',
      'I. CĂN CỨ XÂY DỰNG KẾ HOẠCH',
      'II. MỤC TIÊU NĂM 2023',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    expect(o.sections.map((s) => s.title)).toEqual(['CĂN CỨ XÂY DỰNG KẾ HOẠCH', 'MỤC TIÊU NĂM 2023']);
    expect(o.messages.map((m) => m.code)).toEqual(['part-skipped']);
  });

  it('takes a title that sits on the line after a bare numeral', () => {
    const doc = docOf([...HEADER, 'I. MỤC TIÊU', 'III.', 'KINH PHÍ THỰC HIỆN', '1. Ngân sách nhà nước', ...TAIL]);
    const o = buildOutline(doc);
    expect(o.sections[1]?.title).toBe('KINH PHÍ THỰC HIỆN');
    expect(o.sections[1]?.items.map((i) => i.label)).toEqual(['1']);
  });

  it('reads the dash style of older and district plans: "I- MỤC ĐÍCH", "II - MỤC TIÊU", "1- Mục tiêu chung"', () => {
    const doc = docOf([
      ...HEADER,
      'I- MỤC ĐÍCH, YÊU CẦU',
      '1- Mục đích: Chủ động phòng, chống dịch.',
      'II - MỤC TIÊU',
      '1- Mục tiêu chung: Giảm tỷ lệ mắc.',
      '2- Chỉ tiêu cụ thể: 100% ổ dịch được xử lý.',
      'III– TỔ CHỨC THỰC HIỆN',
      ...TAIL,
    ]);
    const o = buildOutline(doc);
    expect(o.sections.map((x) => [x.numeral, x.title, x.items.map((i) => i.label)])).toEqual([
      ['I', 'MỤC ĐÍCH, YÊU CẦU', ['1']],
      ['II', 'MỤC TIÊU', ['1', '2']],
      ['III', 'TỔ CHỨC THỰC HIỆN', []],
    ]);
  });

  it('reports a document without sections and never throws on odd input', () => {
    const o = buildOutline(docOf(['Một văn bản không có đề mục.', '', '|']));
    expect(o.sections).toEqual([]);
    expect(o.messages.map((m) => m.code)).toEqual(['no-sections']);
    expect(buildOutline(docOf([])).sections).toEqual([]);
    // A document without any text (a scan) is already reported by its reader.
    expect(buildOutline(docOf([])).messages).toEqual([]);
    expect(buildOutline(docOf(['', ''])).messages).toEqual([]);
  });

  it('stays linear on long adversarial lines', () => {
    const long = [
      `I. ${'A'.repeat(100_000)}`,
      `1.${'1.'.repeat(50_000)}`,
      `${'- '.repeat(50_000)}x`,
      `${'IV'.repeat(50_000)}.`,
    ];
    const t = performance.now();
    buildOutline(docOf(long));
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
