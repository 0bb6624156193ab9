import { describe, expect, it } from 'vitest';
import type { Doc, DocTree } from '../../src/doc/types.js';
import { normalise } from '../../src/normalise/index.js';
import { fixtureCases, readFixture } from '../helpers/fixtures.js';
import { wrap } from '../robustness/harness.js';

const header = { sha256: '0'.repeat(64), fileName: null };

function fromText(text: string): DocTree {
  return {
    format: 'text',
    blocks: text.split(/\r\n|\r|\n/).map((t) => ({ type: 'paragraph' as const, text: t })),
    pages: null,
    messages: [],
  };
}

const norm = (text: string): Doc => normalise(fromText(text), header);
const fixture = (name: string): Doc => norm(readFixture(name).toString('utf8'));

describe('seed 000 budget table (pipe layout, 3 header levels)', () => {
  const doc = fixture('seed-000');
  const content = doc.tables.filter((t) => !t.layout);
  const t = content[0]!;

  it('is one content table with 14 leaf columns and 3 header rows', () => {
    expect(content).toHaveLength(1);
    expect(t.origin).toBe('pipe');
    expect(t.headerRows).toBe(3);
    expect(t.columns).toHaveLength(14);
    expect(t.columns?.slice(0, 4)).toEqual(['STT', 'Nội dung', 'Tổng kinh phí', 'Tỉnh']);
    expect(t.columns?.[4]).toBe('Huyện, thị xã, thành phố / Tổng cộng');
    expect(t.columns?.[5]).toBe('Huyện, thị xã, thành phố / Trong đó / Thủ Dầu Một');
    expect(t.columns?.[13]).toBe('Huyện, thị xã, thành phố / Trong đó / Dầu Tiếng');
  });

  it('has the total row and 7 yearly rows, each of 14 cells', () => {
    const data = t.rows.slice(t.headerRows);
    expect(data).toHaveLength(8);
    expect(data.every((r) => r.cells.length === 14)).toBe(true);
    expect(data[0]!.cells[1]!.text).toBe('Tổng dự toán giai đoạn 2019-2025');
    expect(data[0]!.cells[2]!.text).toBe('2.104.470');
    expect(data.slice(1).map((r) => r.cells[0]!.text)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(t.flags).not.toContain('irregular-row');
  });

  it('cell spans point into Doc.text', () => {
    for (const row of t.rows) for (const c of row.cells) expect(doc.text.slice(c.span.start, c.span.end)).toBe(c.text);
  });

  it('the text after the last "|" is body text again', () => {
    const after = doc.lines[t.lastLine]!;
    expect(after.kind).toBe('text');
    expect(after.text).toMatch(/^\(Hai tỷ một trăm/);
  });
});

describe('layout tables', () => {
  it('seed 000 header block: issuer | motto, number | place-date', () => {
    const doc = fixture('seed-000');
    const head = doc.tables[0]!;
    expect(head.layout).toBe(true);
    expect(head.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'],
      ['Số: 824/KH-UBND', 'Bình Dương, ngày 28 tháng 02 năm 2019'],
    ]);
    expect(doc.lines[2]!.text).toBe('KẾ HOẠCH');
  });

  it('seed 000 signature block starts at "Nơi nhận:" and ends with the signer', () => {
    const doc = fixture('seed-000');
    const sig = doc.tables.find((t) => t.layout && t.rows.some((r) => r.cells[0]!.text.startsWith('Nơi nhận')))!;
    expect(sig.rows).toHaveLength(1);
    const [recipients, signer] = sig.rows[0]!.cells.map((c) => c.text);
    expect(recipients).toMatch(/^Nơi nhận: - Bộ LĐTB&XH; .* - Lưu: VT\.$/);
    expect(signer).toBe('TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đặng Minh Hưng');
  });

  it('seed 004 tab-indented header is a layout table; decoration lines are dropped', () => {
    const doc = fixture('seed-004');
    const head = doc.tables[0]!;
    expect(head.origin).toBe('tab');
    expect(head.layout).toBe(true);
    expect(head.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'],
      ['Số: 26/KH-UBND', 'Thừa Thiên Huế, ngày 26 tháng 02 năm 2016'],
    ]);
    expect(doc.lines[head.lastLine]!.text).toBe('KẾ HOẠCH');
  });

  it('a tab-indented header read without its blank lines (HTML <pre>) stops before the title and the body', () => {
    // The LibreOffice HTML rendering of seed 004 reaches the normaliser with no blank or "&nbsp;" lines.
    const text = [
      '\tỦY BAN NHÂN DÂN',
      'TỈNH THỪA THIÊN HUẾ',
      '-------',
      '\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '---------------',
      '\tSố: 26/KH-UBND',
      '\tThừa Thiên Huế, ngày 26 tháng 02 năm 2016',
      'KẾ HOẠCH',
      'THỰC HIỆN CÔNG TÁC BẢO VỆ, CHĂM SÓC VÀ GIÁO DỤC TRẺ EM',
      'Thực hiện Quyết định số 1235/QĐ-TTg ngày 03/8/2015 của Thủ tướng Chính phủ;',
      'I. MỤC TIÊU',
    ].join('\n');
    const doc = norm(text);
    const head = doc.tables[0]!;
    expect(head.layout).toBe(true);
    expect(head.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'],
      ['Số: 26/KH-UBND', 'Thừa Thiên Huế, ngày 26 tháng 02 năm 2016'],
    ]);
    expect(doc.lines.slice(head.lastLine).map((l) => l.text)).toEqual([
      'KẾ HOẠCH',
      'THỰC HIỆN CÔNG TÁC BẢO VỆ, CHĂM SÓC VÀ GIÁO DỤC TRẺ EM',
      'Thực hiện Quyết định số 1235/QĐ-TTg ngày 03/8/2015 của Thủ tướng Chính phủ;',
      'I. MỤC TIÊU',
    ]);
  });

  it('a tab-indented cell never takes a numbered item or a long sentence; the recipients list is long', () => {
    const doc = norm(
      [
        '\tỦY BAN NHÂN DÂN',
        'TỈNH X',
        '1. Sở Y tế',
        'Chủ trì, phối hợp với các sở, ban, ngành và địa phương tổ chức triển khai thực hiện kế hoạch.',
        '\t ',
        'Nơi nhận:',
        '- Bộ LĐTBXH;',
        '- CT, PCT UBND tỉnh;',
        '- Lưu VT, XH.',
      ].join('\n'),
    );
    const cells = doc.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text)));
    expect(cells).toContain('ỦY BAN NHÂN DÂN TỈNH X');
    expect(cells).toContain('Nơi nhận: - Bộ LĐTBXH; - CT, PCT UBND tỉnh; - Lưu VT, XH.');
    expect(doc.lines.map((l) => l.text)).toContain('1. Sở Y tế');
  });

  it('a leading-pipe (markdown dump) header keeps its two rows', () => {
    const doc = fixture('corpus-01_bacninh-144-kinh-te-so-xa-hoi-so-2026-2030');
    const head = doc.tables[0]!;
    expect(head.layout).toBe(true);
    expect(head.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'],
      ['Số: 144/KH-UBND', 'Bắc Ninh, ngày 24 tháng 11 năm 2025'],
    ]);
  });
});

describe('pipe table first cell', () => {
  it('keeps a header phrase broken over two lines ("Số" / "TT") in the first cell', () => {
    const doc = norm(
      [
        'Tổng hợp kinh phí như sau.',
        'Đơn vị tính: triệu đồng',
        'Số',
        'TT',
        '|',
        'Nội dung',
        '|',
        'Kinh phí',
        '|',
        '1',
        '|',
        'Tuyên truyền',
        '|',
        '100',
        '|',
        '2',
        '|',
        'Tập huấn',
        '|',
        '200',
        '|',
      ].join('\n'),
    );
    const t = doc.tables[0]!;
    expect(t.columns).toEqual(['Số TT', 'Nội dung', 'Kinh phí']);
    expect(t.rows[1]!.cells.map((c) => c.text)).toEqual(['1', 'Tuyên truyền', '100']);
    expect(doc.lines.map((l) => l.text)).not.toContain('Số');
  });

  it('leaves a capitalised body line above a one-line first cell in the body', () => {
    const doc = norm(
      ['Đơn vị tính: triệu đồng', 'Số liệu', 'STT', '|', 'Nội dung', '|', '1', '|', 'Tuyên truyền', '|'].join('\n'),
    );
    expect(doc.tables[0]!.columns?.[0]).toBe('STT');
    expect(doc.lines.map((l) => l.text)).toContain('Số liệu');
  });
});

describe('seed 003 indicator table (province vs national targets)', () => {
  const doc = fixture('seed-003');
  const t = doc.tables.find((x) => !x.layout)!;
  it('has two header levels over 7 columns and rows aligned with them', () => {
    expect(t.headerRows).toBe(2);
    expect(t.columns).toEqual([
      'MỤC TIÊU',
      'CHỈ TIÊU',
      'KQ ĐẠT ĐƯỢC 2020',
      'KẾ HOẠCH TỈNH BẮC NINH / 2025',
      'KẾ HOẠCH TỈNH BẮC NINH / 2030',
      'KẾ HOẠCH TOÀN QUỐC / 2025',
      'KẾ HOẠCH TOÀN QUỐC / 2030',
    ]);
    const first = t.rows[t.headerRows]!.cells.map((c) => c.text);
    expect(first[0]).toMatch(/^Mục tiêu 1:/);
    expect(first.slice(2)).toEqual(['74', '82', '87', '65', '75']);
    const second = t.rows[t.headerRows + 1]!.cells.map((c) => c.text);
    expect(second[0]).toBe('');
    expect(second[1]).toMatch(/^- Chỉ tiêu 2:/);
    expect(second.slice(2)).toEqual(['', '90', '95', '90', '95']);
  });
});

describe('unwrapping', () => {
  const lines = (text: string) => norm(text).lines.map((l) => l.text);

  it('joins headings and agency names broken mid-phrase', () => {
    expect(lines('II. ĐỐI TƯỢNG, THỜI\nGIAN\n1. Đối tượng:')).toEqual(['II. ĐỐI TƯỢNG, THỜI GIAN', '1. Đối tượng:']);
    expect(lines('III.\nKINH PHÍ THỰC HIỆN')).toEqual(['III. KINH PHÍ THỰC HIỆN']);
    expect(lines('1.\nMục tiêu chung')).toEqual(['1. Mục tiêu chung']);
    expect(lines('1. Sở Lao động - Thương binh và Xã\nhội: chủ trì phối hợp')).toEqual([
      '1. Sở Lao động - Thương binh và Xã hội: chủ trì phối hợp',
    ]);
    expect(lines('4. Sở Giáo dục và\nĐào tạo')).toEqual(['4. Sở Giáo dục và Đào tạo']);
    expect(lines('- Tỷ lệ trẻ em được tiếp cận dịch vụ đạt 95% vào năm\n2030.')).toEqual([
      '- Tỷ lệ trẻ em được tiếp cận dịch vụ đạt 95% vào năm 2030.',
    ]);
    expect(lines('GIAI ĐOẠN 2021\n- 2030')).toEqual(['GIAI ĐOẠN 2021 - 2030']);
  });

  it('marks joined paragraphs as wrapped', () => {
    const doc = norm('4. Sở Giáo dục và\nĐào tạo\n5. Sở Y tế');
    expect(doc.lines.map((l) => l.wrapped)).toEqual([true, false]);
  });

  it('keeps real new paragraphs apart', () => {
    expect(lines('3. Công an tỉnh\nChủ trì, phối hợp với các sở')).toEqual([
      '3. Công an tỉnh',
      'Chủ trì, phối hợp với các sở',
    ]);
    expect(lines('xây dựng kế hoạch.\nTrên đây là Kế hoạch')).toEqual(['xây dựng kế hoạch.', 'Trên đây là Kế hoạch']);
    expect(lines('các nội dung sau:\n1.1. Nhiệm vụ\na) Rà soát\n- Lập danh mục\n+ Cấp tỉnh\nChỉ tiêu 3: Giảm')).toEqual(
      ['các nội dung sau:', '1.1. Nhiệm vụ', 'a) Rà soát', '- Lập danh mục', '+ Cấp tỉnh', 'Chỉ tiêu 3: Giảm'],
    );
    expect(lines('đến năm 2025\nIV. KINH PHÍ')).toEqual(['đến năm 2025', 'IV. KINH PHÍ']);
    expect(lines('KẾ HOẠCH\nTHỰC HIỆN ĐỀ ÁN')).toEqual(['KẾ HOẠCH', 'THỰC HIỆN ĐỀ ÁN']);
  });

  it('joins an item head whose subject runs on to its ":" (seed 000 item 7), not a head before its duty', () => {
    expect(
      lines(
        [
          '7. Đề nghị Ủy ban Mặt trận Tổ quốc',
          'Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh, Đoàn Thanh niên Cộng sản Hồ Chí Minh,',
          'Hội Nông dân tỉnh và các tổ chức thành viên của Mặt trận: trong phạm vi chức năng',
        ].join('\n'),
      ),
    ).toEqual([
      '7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh, Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội Nông dân tỉnh và các tổ chức thành viên của Mặt trận: trong phạm vi chức năng',
    ]);
    // No known name spans the break: the list of bodies reaching the item's ":" decides.
    expect(
      lines('5. Đề nghị Ban Thường vụ\nTỉnh Đoàn, Hội Cựu chiến binh tỉnh và Hội Nông dân tỉnh: phối hợp'),
    ).toEqual(['5. Đề nghị Ban Thường vụ Tỉnh Đoàn, Hội Cựu chiến binh tỉnh và Hội Nông dân tỉnh: phối hợp']);
    // Seed 003: the duty sentence ends (";") before any ":"; the head stays a heading.
    expect(
      lines(
        [
          '3. Công an tỉnh',
          'Chủ trì, phối hợp với',
          'Sở Lao động - Thưng binh và Xã hội và các sở, ngành liên quan, các địa phương',
          'trong việc phối hợp hỗ trợ, can thiệp, bảo vệ an toàn cho trẻ em là nạn nhân bị',
          'xâm hại; phòng ngừa tái phạm: theo quy định',
        ].join('\n'),
      )[0],
    ).toBe('3. Công an tỉnh');
    // A single name before the ":" is a sentence of its own, not a list of bodies.
    expect(lines('2. Sở Y tế\nChủ trì thực hiện: tiêm chủng')).toEqual(['2. Sở Y tế', 'Chủ trì thực hiện: tiêm chủng']);
    // An item head that already has its ":" is complete.
    expect(lines('4. Sở Tư pháp: chủ trì\nBáo cáo, Sở Nội vụ: phối hợp')).toHaveLength(2);
  });

  it('joins a proper name broken across lines only where a known name spans the break', () => {
    expect(lines('Đề nghị Ủy ban Mặt trận Tổ quốc\nViệt Nam thành phố và các tổ chức thành viên')).toHaveLength(1);
    expect(lines('giao cho Đoàn Thanh niên Cộng sản\nHồ Chí Minh tỉnh thực hiện')).toHaveLength(1);
    // "tỉnh" + "Công an" is no name's inside.
    expect(lines('3. Ủy ban nhân dân tỉnh\nCông an tỉnh chủ trì')).toHaveLength(2);
    // Corpus 11 and 27: "Việt" / "Nam", punctuation after the name's last word.
    expect(lines('c) Cộng đồng người dân Việt\nNam, các cơ quan, đơn vị')).toEqual([
      'c) Cộng đồng người dân Việt Nam, các cơ quan, đơn vị',
    ]);
    expect(lines('- Dự báo tình hình kinh tế Việt\nNam giai đoạn 2026 - 2030')).toHaveLength(1);
    // A name ending the line says nothing about the next one ("Việt Nam" / "Định kỳ").
    expect(lines('4. Ủy ban Mặt trận Tổ quốc Việt Nam\nĐịnh kỳ báo cáo')).toHaveLength(2);
  });

  it('joins a sentence broken before a figure that is not a label (corpus 29, 07)', () => {
    expect(lines('6.2. Phấn đấu\n100% các điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy')).toEqual([
      '6.2. Phấn đấu 100% các điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy',
    ]);
    expect(lines('Tổ chức đào tạo, bồi dưỡng\n3.000 lượt nhân lực về ứng dụng công nghệ')).toEqual([
      'Tổ chức đào tạo, bồi dưỡng 3.000 lượt nhân lực về ứng dụng công nghệ',
    ]);
    // Labels and ended sentences keep the figure apart.
    expect(lines('6.2. Phấn đấu\n6.3. Trên 80% các xã')).toHaveLength(2);
    expect(lines('1. Mục tiêu chung\n1.1 Giảm số người nghiện')).toHaveLength(2);
    expect(lines('đạt 95% vào năm 2025.\n100% xã có điểm tư vấn.')).toHaveLength(2);
    expect(lines('II. CHỈ TIÊU\n100% xã có điểm tư vấn')).toHaveLength(2);
  });

  it('joins a capital heading cut before a document-type word (corpus 01), never a title on its own', () => {
    expect(lines('VII. CHẾ ĐỘ\nBÁO CÁO\nĐịnh kỳ hằng năm')).toEqual(['VII. CHẾ ĐỘ BÁO CÁO', 'Định kỳ hằng năm']);
    expect(lines('II. NỘI DUNG\nKẾ HOẠCH')).toEqual(['II. NỘI DUNG KẾ HOẠCH']);
    expect(lines('ỦY BAN NHÂN DÂN TỈNH X\nKẾ HOẠCH')).toEqual(['ỦY BAN NHÂN DÂN TỈNH X', 'KẾ HOẠCH']);
    expect(lines('VI. TỔ CHỨC THỰC HIỆN.\nBÁO CÁO')).toHaveLength(2);
    expect(lines('VII. CHẾ ĐỘ\n\nBÁO CÁO')).toHaveLength(2);
  });

  it('joins a lower-case dash phrase after an open line, keeps real bullets (corpus 01)', () => {
    expect(lines('chuỗi giá trị nông nghiệp từ sản xuất\n- quản lý - tiêu thụ - truy xuất')).toEqual([
      'chuỗi giá trị nông nghiệp từ sản xuất - quản lý - tiêu thụ - truy xuất',
    ]);
    expect(lines('b) Xây dựng Nền tảng dạy - học\n- thi trực tuyến, bảo đảm tính kết nối')).toHaveLength(1);
    expect(lines('các nội dung sau:\n- tuyên truyền')).toHaveLength(2);
    expect(lines('b) Xây dựng Nền tảng dạy - học\n- Thi trực tuyến')).toHaveLength(2);
    expect(lines('II. NHIỆM VỤ\n- xây dựng')).toHaveLength(2);
  });

  it('joins a quotation opening in lower case to the open line before it (corpus 07)', () => {
    expect(lines('- Mở rộng các chương trình\n"học tập số" để phổ cập')).toEqual([
      '- Mở rộng các chương trình "học tập số" để phổ cập',
    ]);
    expect(lines('- Mở rộng các chương trình.\n"học tập số" để phổ cập')).toHaveLength(2);
    expect(lines('- Mở rộng các chương trình\n“Học tập số” để phổ cập')).toHaveLength(2);
  });

  it('joins a line ending with "," to the next (seed 002 item 12)', () => {
    expect(lines('12. Đài Phát thanh và Truyền hình Bình Dương,\nBáo Bình Dương\nĐẩy mạnh thông tin')).toEqual([
      '12. Đài Phát thanh và Truyền hình Bình Dương, Báo Bình Dương',
      'Đẩy mạnh thông tin',
    ]);
  });

  it('gives a label alone on its line the next line (seed 003), unless that line is numbered', () => {
    expect(lines('2.2.\nMục tiêu 2: Về bảo vệ trẻ em\n- Chỉ tiêu 8: Giảm')).toEqual([
      '2.2. Mục tiêu 2: Về bảo vệ trẻ em',
      '- Chỉ tiêu 8: Giảm',
    ]);
    expect(lines('I.\n\nMỤC TIÊU')).toEqual(['I. MỤC TIÊU']);
    expect(lines('2.\n2.1. Mục tiêu')).toHaveLength(2);
  });

  it('keeps rule and elision lines apart from the text around them', () => {
    expect(lines('…............................\nđồng. Lồng ghép hoạt động')).toHaveLength(2);
    expect(lines('kết quả thực hiện\n-------')).toHaveLength(2);
  });

  it('treats blank lines as paragraph breaks unless the next line plainly continues', () => {
    expect(lines('I. MỤC TIÊU\n\n1. Mục tiêu tổng quát')).toEqual(['I. MỤC TIÊU', '1. Mục tiêu tổng quát']);
    expect(lines('cha mẹ, người chăm sóc\n\ntrẻ em được cung cấp kiến thức.')).toEqual([
      'cha mẹ, người chăm sóc trẻ em được cung cấp kiến thức.',
    ]);
  });
});

describe('character cleanup', () => {
  it('drops markdown markers and keeps the text', () => {
    expect(norm('**I. QUAN ĐIỂM**').lines[0]!.text).toBe('I. QUAN ĐIỂM');
    expect(norm('# KẾ HOẠCH').lines[0]!.text).toBe('KẾ HOẠCH');
    expect(norm('*Căn cứ Nghị quyết số 57-NQ/TW;*').lines[0]!.text).toBe('Căn cứ Nghị quyết số 57-NQ/TW;');
    expect(norm('Ghi chú (*) bắt buộc').lines[0]!.text).toBe('Ghi chú (*) bắt buộc');
    expect(norm('** **\n\nKẾ HOẠCH').lines.map((l) => l.text)).toEqual(['KẾ HOẠCH']);
  });

  it('normalises spaces and zero-width characters and composes diacritics (NFC)', () => {
    const decomposed = 'Ke\u0302\u0301 hoa\u0323ch'; // "Kế hoạch" in NFD
    expect(norm(`${decomposed}\u00A0\u00A0số\t12\u200B/KH`).lines[0]!.text).toBe('Kế hoạch số 12/KH');
  });
});

describe('robustness', () => {
  it('handles a 200k-char adversarial input in linear time', () => {
    const parts = [
      '|\n'.repeat(20_000),
      `${'a '.repeat(25_000)}\n`,
      `${'*'.repeat(20_000)}x\n`,
      `${'1.'.repeat(10_000)}\n`,
      `${'-'.repeat(20_000)}\n`,
      '\tỦY BAN NHÂN DÂN\n'.repeat(1_000),
      'và\n'.repeat(10_000),
      `7. Đề nghị ${'Hội, '.repeat(10_000)}\n`,
      `${'- a '.repeat(10_000)}\n`,
      `${'1'.repeat(20_000)}\n`,
      'x'.repeat(5_000),
    ];
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(200_000);
    const t0 = performance.now();
    const doc = norm(text);
    const ms = performance.now() - t0;
    expect(doc.text.length).toBeGreaterThan(0);
    // Generous bound: quadratic behaviour on this input takes minutes.
    expect(ms).toBeLessThan(5_000);
  });

  it('reads a header block that follows rows opening with a tab that are not a layout block', () => {
    // A tab-separated table pasted from Word (no header/signature words), then the real header block. The rows
    // are read as one candidate block once (not again from every row), and the header block after them is
    // still found.
    const rows = Array.from({ length: 50 }, (_, i) => `\t${i + 1}\tSở Y tế\t1,5`).join('\n');
    const doc = norm(`${rows}\n\nNội dung kế hoạch.\n\n\tỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n`);
    const layoutCells = doc.tables.filter((t) => t.layout).flatMap((t) => t.rows.flatMap((r) => r.cells));
    expect(layoutCells.map((c) => c.text)).toContain('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.text).toContain('Nội dung kế hoạch.');
    expect(doc.text).toContain('Sở Y tế');
  });

  it('never throws on empty or odd input', () => {
    expect(norm('').lines.length).toBeLessThanOrEqual(1);
    expect(() => norm('|\n|\n|')).not.toThrow();
    expect(() => norm('\t\n\t\n')).not.toThrow();
  });

  it('cleans and classifies tables delivered as rows by DOCX/HTML readers', () => {
    const doc = normalise(
      {
        format: 'docx',
        pages: null,
        messages: [],
        blocks: [
          {
            type: 'table',
            origin: 'docx',
            rows: [
              ['ỦY BAN NHÂN DÂN\nTỈNH X\n-------', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'],
              ['Số: 1/KH-UBND', 'X, ngày 1 tháng 2 năm 2024'],
            ],
          },
          { type: 'paragraph', text: 'KẾ HOẠCH' },
          {
            type: 'table',
            origin: 'docx',
            rows: [
              ['STT', 'Nội dung', 'Kinh phí', ''],
              ['', '', 'Năm 2025', 'Năm 2026'],
              ['1', 'Tuyên truyền', '1.000', '2.000'],
            ],
          },
        ],
      },
      header,
    );
    expect(doc.tables[0]!.layout).toBe(true);
    expect(doc.tables[0]!.rows[0]!.cells[0]!.text).toBe('ỦY BAN NHÂN DÂN TỈNH X');
    const t = doc.tables[1]!;
    expect(t.layout).toBe(false);
    expect(t.headerRows).toBe(2);
    expect(t.columns).toEqual(['STT', 'Nội dung', 'Kinh phí / Năm 2025', 'Kinh phí / Năm 2026']);
  });
});

describe('every seed and corpus text fixture', () => {
  const cases = fixtureCases().filter((c) => c.input.endsWith('.txt'));
  it.each(cases.map((c) => [c.name]))('%s normalises into sane tables', (name) => {
    const doc = fixture(name);
    expect(doc.lines.length).toBeGreaterThan(10);
    for (const t of doc.tables) {
      expect(t.rows.length).toBeGreaterThan(0);
      if (t.layout) {
        expect(t.rows.length).toBeLessThanOrEqual(3);
        expect(t.rows.every((r) => r.cells.length <= 3)).toBe(true);
        continue;
      }
      const data = t.rows.slice(t.headerRows);
      const width = t.columns?.length ?? Math.max(...data.map((r) => r.cells.length));
      expect(width).toBeLessThanOrEqual(40);
      const fitting = data.filter((r) => r.cells.length === width).length;
      expect(fitting / Math.max(1, data.length)).toBeGreaterThanOrEqual(0.8);
    }
    for (const l of doc.lines) expect(doc.text.slice(l.start, l.end)).toBe(l.text);
  });
});

describe('layout habits measured per document', () => {
  const bodyLines = (doc: Doc) => doc.lines.filter((l) => l.kind === 'text').map((l) => l.text);
  // Ten blank-separated items, each wrapped at ~50 characters (a re-wrapped web copy).
  const items = Array.from(
    { length: 10 },
    (_, i) =>
      `- Nội dung thứ ${i + 1} được triển khai trên địa bàn toàn tỉnh.\nTổ chức kiểm tra, đánh giá kết quả thực hiện.`,
  ).join('\n\n');

  it('when every item opens after a blank line, a break after a full stop inside a block is a wrap', () => {
    const lines = bodyLines(norm(items));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(
      '- Nội dung thứ 1 được triển khai trên địa bàn toàn tỉnh. Tổ chức kiểm tra, đánh giá kết quả thực hiện.',
    );
  });

  it('counter-example: without blank-line paragraphing a full stop ends the paragraph', () => {
    const lines = bodyLines(norm(items.replace(/\n\n/g, '\n')));
    expect(lines).toHaveLength(20);
  });

  // A body paragraph wrapped at `width` that sets the document's typical line width.
  const filler = (width: number) =>
    wrap(
      'Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện nhiệm vụ trên địa bàn tỉnh với những nội dung cụ thể như sau, bảo đảm đúng tiến độ, chất lượng và hiệu quả theo quy định của pháp luật hiện hành về tổ chức thực hiện các chương trình, đề án của tỉnh trong giai đoạn tới.',
      width,
    ).join('\n');

  it('an item filling the line goes on over a capitalised name; a short item heading does not', () => {
    const text = [
      filler(52),
      '- Đồng Tháp trở thành địa phương thuộc top 03 vùng',
      'Đồng bằng sông Cửu Long về đổi mới công nghệ.',
      '3. Công an tỉnh',
      'Chủ trì, phối hợp với các sở, ngành triển khai.',
    ].join('\n');
    const lines = bodyLines(norm(text));
    expect(lines).toContain(
      '- Đồng Tháp trở thành địa phương thuộc top 03 vùng Đồng bằng sông Cửu Long về đổi mới công nghệ.',
    );
    expect(lines).toContain('3. Công an tỉnh');
  });

  it('"xã hội" ends an agency heading: the capitalised duty line below is its own paragraph', () => {
    const lines = bodyLines(
      norm(
        `${filler(90)}\n16. Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội\nPhát huy vai trò trong tuyên truyền, vận động Nhân dân.`,
      ),
    );
    expect(lines.slice(1)).toEqual([
      '16. Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội',
      'Phát huy vai trò trong tuyên truyền, vận động Nhân dân.',
    ]);
  });

  it('counter-example: a capitalised head noun at the end ("Hội") still joins the name broken after it', () => {
    const lines = bodyLines(norm('5. Đề nghị Hội\nLiên hiệp Phụ nữ tỉnh phối hợp thực hiện.'));
    expect(lines).toEqual(['5. Đề nghị Hội Liên hiệp Phụ nữ tỉnh phối hợp thực hiện.']);
  });

  it('a recipients list set off by a blank line opens the signature table', () => {
    const doc = norm(
      'Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Ủy ban nhân dân tỉnh./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n|',
    );
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]!.rows[0]!.cells[0]!.text).toMatch(/^Nơi nhận:/);
    expect(bodyLines(doc)).toEqual(['Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Ủy ban nhân dân tỉnh./.']);
  });
});

describe('recipients heading', () => {
  it('counter-example: a sentence opening with "Nơi nhận hồ sơ" stays body text above a table', () => {
    const doc = norm(
      'Nơi nhận hồ sơ: Bộ phận Một cửa của Ủy ban nhân dân xã.\n\nSTT\n|\nNội dung\n|\n1\n|\nTiếp nhận hồ sơ\n|',
    );
    const body = doc.lines.filter((l) => l.kind === 'text').map((l) => l.text);
    expect(body).toContain('Nơi nhận hồ sơ: Bộ phận Một cửa của Ủy ban nhân dân xã.');
  });
});
