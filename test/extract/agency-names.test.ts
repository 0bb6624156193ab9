import { describe, expect, it } from 'vitest';
import {
  detectRole,
  editDistance,
  foldVi,
  AGENCY_MATCHER as M,
  readTargetRefs,
} from '../../src/extract/agency-names.js';

describe('foldVi / editDistance', () => {
  it('folds diacritics and đ', () => {
    expect(foldVi('Sở Lao động - Thương binh')).toBe('so lao dong - thuong binh');
    expect(foldVi('ĐOÀN')).toBe('doan');
  });
  it('counts edits and gives up past the cap', () => {
    expect(editDistance('thung', 'thuong')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('a'.repeat(50), 'b'.repeat(50), 2)).toBe(3);
  });
});

describe('canonicalise', () => {
  it.each([
    ['Sở Lao động -Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội'],
    ['Sở LĐ-TB&XH', 'Sở Lao động - Thương binh và Xã hội'],
    ['Sở Kế hoạch - Đầu tư', 'Sở Kế hoạch và Đầu tư'],
    ['Sở Văn hoá, Thể thao và Du lịch', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['Sở Y tế tỉnh Bình Dương', 'Sở Y tế'],
    ['Công an thành phố', 'Công an tỉnh'],
    ['UBND các huyện, thị xã và thành phố Huế', 'Ủy ban nhân dân cấp huyện'],
    ['Ủy ban nhân dân xã, phường', 'Ủy ban nhân dân cấp xã'],
    ['Báo và Phát thanh, Truyền hình Cần Thơ', 'Báo và Phát thanh, Truyền hình tỉnh'],
    ['Ủy ban MTTQ Việt Nam tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
    ['Các Sở, ngành, đơn vị liên quan', 'Các sở, ban, ngành'],
    ['Ban Quản lý Khu kinh tế Đông Nam', 'Ban Quản lý Khu kinh tế'],
  ])('%s → %s', (written, canonical) => {
    const m = M.canonicalise(written);
    expect(m.canonical).toBe(canonical);
    expect(m.match).toBe('exact');
  });

  it('resolves typos approximately and says so', () => {
    const m = M.canonicalise('Sở Lao động - Thưng binh và Xã hội');
    expect(m).toMatchObject({ canonical: 'Sở Lao động - Thương binh và Xã hội', match: 'typo', distance: 1 });
    expect(M.canonicalise('Sở Sây dựng')).toMatchObject({ canonical: 'Sở Xây dựng', match: 'typo' });
  });

  it('resolves OCR look-alikes (src/rules/fuzzy.ts) within its distance limit, as fuzzy matches', () => {
    // A look-alike in the head word or in a name too short for a typo budget: "S0" for "Sở", "5ở" for "Sở".
    expect(M.canonicalise('S0 Y tế')).toMatchObject({ canonical: 'Sở Y tế', match: 'fuzzy', distance: 0.5 });
    expect(M.canonicalise('5ở Tài chính')).toMatchObject({ canonical: 'Sở Tài chính', match: 'fuzzy' });
    expect(M.canonicalise('C0ng an tỉnh')).toMatchObject({ canonical: 'Công an tỉnh', match: 'fuzzy' });
    // Beyond the limit, or a different head word: unresolved, never forced.
    expect(M.canonicalise('S0 Y tê x')).toMatchObject({ canonical: null, match: 'unknown' });
    expect(M.canonicalise('Xở Y tế').canonical).toBeNull();
    expect(M.canonicalise('Sở Giáo dục')).toMatchObject({ canonical: null, match: 'unknown' });
  });

  it('does not force a short or distant name onto a neighbour', () => {
    // Sở Nội vụ and Sở Ngoại vụ are two edits apart: both exact, never confused.
    expect(M.canonicalise('Sở Nội vụ').canonical).toBe('Sở Nội vụ');
    expect(M.canonicalise('Sở Ngoại vụ').canonical).toBe('Sở Ngoại vụ');
    expect(M.canonicalise('Sở Giáo dục')).toMatchObject({ canonical: null, match: 'unknown', kind: 'department' });
    expect(M.canonicalise('Trung tâm Y tế huyện')).toMatchObject({ canonical: null, match: 'unknown' });
    // A lower-case tail is not a place name: "Sở Y tế chủ trì" is not the name of a body.
    expect(M.canonicalise('Sở Y tế chủ trì').canonical).toBeNull();
  });

  it('resolves a leader to the body and marks it', () => {
    expect(M.canonicalise('Giám đốc các Sở')).toMatchObject({ canonical: 'Các sở, ban, ngành', leader: true });
  });
});

describe('readSubject', () => {
  it('does not read a head word run into a lower-case word as a body ("Báo cáo")', () => {
    expect(
      M.readSubject(
        'Báo cáo định kỳ 6 tháng, hằng năm gửi về Sở Nội vụ trước ngày 15 tháng 6 và ngày 15 tháng 12 hằng năm để tổng hợp',
      ),
    ).toBeNull();
    // Read up to its duty phrase, "Thanh tra việc" resolves to no body: at most an unknown one, left for review.
    const inspect = M.readSubject(
      'Thanh tra việc thực hiện các chính sách hỗ trợ trên địa bàn toàn tỉnh trong suốt giai đoạn 2026 - 2030 theo kế hoạch được duyệt',
    );
    expect(inspect && M.canonicalise(inspect.name).match).not.toBe('exact');
    // A head word with its level, or a longer name run into a sentence, is still a body.
    expect(
      M.readSubject(
        'Báo tỉnh tăng cường đưa tin về các hoạt động triển khai kế hoạch trên địa bàn toàn tỉnh trong suốt giai đoạn',
      )?.name,
    ).toBe('Báo tỉnh');
    expect(
      M.readSubject(
        'Sở Y tế tổ chức tuyên truyền sâu rộng về các hoạt động triển khai kế hoạch trên địa bàn toàn tỉnh trong suốt giai đoạn',
      )?.name,
    ).toBe('Sở Y tế');
  });

  it('reads a name before a colon', () => {
    const r = M.readSubject('Sở Y tế: chủ trì triển khai cung cấp dịch vụ');
    expect(r).toMatchObject({ name: 'Sở Y tế', rest: 'chủ trì triển khai cung cấp dịch vụ', terminator: 'colon' });
  });

  it('reads a requested group and splits it into members', () => {
    const text =
      'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh, Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội Nông dân tỉnh và các tổ chức thành viên của Mặt trận, các tổ chức xã hội: trong phạm vi chức năng';
    const r = M.readSubject(text);
    expect(r?.framing).toBe('request');
    expect(M.splitMembers(r?.name ?? '').map((m) => m.text)).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
      'Hội Nông dân tỉnh',
      'các tổ chức thành viên của Mặt trận',
      'các tổ chức xã hội',
    ]);
  });

  it('keeps commas inside one name', () => {
    expect(M.splitMembers('Sở Văn hóa, Thể thao và Du lịch')).toHaveLength(1);
    expect(M.splitMembers('Ủy ban nhân dân các huyện, thị xã, thành phố')).toHaveLength(1);
    expect(M.splitMembers('Các Sở, Ban, ngành tỉnh')).toHaveLength(1);
    expect(M.splitMembers('Sở Lao động - Thương binh và Xã hội')).toHaveLength(1);
  });

  it('ends a subject written without a colon at the duty verb', () => {
    expect(M.readSubject('Công an tỉnh Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội')?.name).toBe(
      'Công an tỉnh',
    );
    expect(M.readSubject('Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi')?.name).toBe(
      'Sở Khoa học và Công nghệ',
    );
    expect(
      M.readSubject('Đề nghị Ủy ban Mặt trận Tổ quốc và các đoàn thể nhân dân tỉnh trong phạm vi chức năng')?.name,
    ).toBe('Ủy ban Mặt trận Tổ quốc và các đoàn thể nhân dân tỉnh');
    expect(M.readSubject('Giao Công an tỉnh chủ trì, phối hợp các đơn vị')).toMatchObject({
      name: 'Công an tỉnh',
      framing: 'assign',
    });
  });

  it('cuts a heading unwrapped into its first sentence', () => {
    expect(M.readSubject('Sở Tài chính Hằng năm, căn cứ vào các chế độ, phối hợp với Sở Y tế')?.name).toBe(
      'Sở Tài chính',
    );
    expect(M.readSubject('Các sở, ban, ngành liên quan Xây dựng kế hoạch và lồng ghép tổ chức triển khai')?.name).toBe(
      'Các sở, ban, ngành liên quan',
    );
    // "Xây dựng" inside a name is not a duty.
    expect(M.readSubject('Sở Xây dựng')?.name).toBe('Sở Xây dựng');
  });

  it('reads a heading alone', () => {
    expect(M.readSubject('Sở Lao động - Thương binh và Xã hội')).toMatchObject({ rest: '', terminator: 'end' });
    expect(M.readSubject('**Công an tỉnh**')?.name).toBe('Công an tỉnh');
  });

  it('reads the subject after a lead clause (corpus 29, corpus B02)', () => {
    const r = M.readSubject('Căn cứ Kế hoạch này, các Sở, ban, ngành xây dựng kế hoạch triển khai');
    expect(r?.name).toBe('các Sở, ban, ngành');
    expect(r?.rest).toBe('xây dựng kế hoạch triển khai');
    expect(M.readSubject('Căn cứ Kế hoạch này, thủ trưởng các cơ quan, đơn vị xây dựng chương trình')?.name).toBe(
      'thủ trưởng các cơ quan, đơn vị',
    );
  });

  it.each([
    'Ban hành kế hoạch triển khai thực hiện',
    'Hội nghị sơ kết được tổ chức vào quý IV',
    'Các nhiệm vụ cụ thể',
    'Tăng cường sự lãnh đạo của các cấp ủy Đảng',
    'Công tác theo dõi, kiểm tra',
    'Chế độ thông tin, báo cáo',
    // A lead clause with no body after its comma.
    'Căn cứ Kế hoạch này, xây dựng kế hoạch',
    // Corpus 21: whoever was assigned to lead, not a body.
    'Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành nhiệm vụ được phân công',
    'Các đơn vị được phân công: báo cáo kết quả',
  ])('is not a subject: %s', (text) => {
    expect(M.readSubject(text)).toBeNull();
  });
});

describe('detectRole', () => {
  it.each([
    [['chủ trì phối hợp với các sở ban, ngành'], false, 'lead'],
    [['Là cơ quan chủ trì thực hiện Kế hoạch; phối hợp với các sở'], false, 'lead'],
    [['Xây dựng kế hoạch', 'Chủ trì, triển khai thực hiện các chính sách'], false, 'lead'],
    [['Phối hợp với Sở Giáo dục và Đào tạo kiểm tra', 'Phối hợp với các đơn vị liên quan'], false, 'coordinate'],
    [['phối hợp với cơ quan chủ trì kiểm tra'], false, 'coordinate'],
    [['tham gia tổ chức triển khai kế hoạch'], false, 'participate'],
    [['trong phạm vi chức năng, tham gia tổ chức triển khai kế hoạch'], true, 'requested'],
    // Seed 000, item 5: the first duty is to support others.
    [
      ['phối hợp với các sở, ngành liên quan vận động các nguồn vốn ODA; hướng dẫn các sở lồng ghép'],
      false,
      'coordinate',
    ],
    [
      ['Phối hợp, thẩm định việc kiện toàn tổ chức', 'Phối hợp tham mưu cấp có thẩm quyền bố trí cán bộ'],
      false,
      'coordinate',
    ],
    // Own duties first, support later: not a coordinating body.
    [
      ['Triển khai các hoạt động phòng, chống ma túy. Phối hợp với các đơn vị liên quan kiểm tra'],
      false,
      'unspecified',
    ],
    [['cơ quan thường trực Ban Chỉ đạo Chuyển đổi số tỉnh chủ trì, phối hợp với các sở, ban, ngành'], false, 'lead'],
    [['cơ quan thường trực Ban Chỉ đạo; theo dõi việc các cơ quan chủ trì thực hiện'], false, 'unspecified'],
    [['các dự án do Bộ Công an chủ trì theo chức năng'], false, 'unspecified'],
    [[], false, 'unspecified'],
  ] as const)('%j → %s', (tasks, requested, role) => {
    expect(detectRole(tasks, requested)).toBe(role);
  });
});

describe('readTargetRefs', () => {
  it('reads lists, wrapped lists and ranges', () => {
    expect(readTargetRefs('thực hiện Kế hoạch và các chỉ tiêu 1, 2, 8, 9 của Kế hoạch')).toEqual(['1', '2', '8', '9']);
    expect(readTargetRefs('các chỉ tiêu 7, 15, 16,\n17, 18, 19, 20 của Kế hoạch')).toEqual([
      '7',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
    ]);
    expect(readTargetRefs('chỉ tiêu 1 đến 3')).toEqual(['1', '2', '3']);
    expect(readTargetRefs('chỉ tiêu 13, 21 của Kế hoạch; chỉ tiêu số 4 và 5')).toEqual(['13', '21', '4', '5']);
    expect(readTargetRefs('chỉ tiêu 2.1, 2.2')).toEqual(['2.1', '2.2']);
  });

  it.each([
    'đạt chỉ tiêu 100% xã, phường',
    'chỉ tiêu 2025 đề ra',
    'đạt chỉ tiêu đề ra trong Kế hoạch số 105/KH-UBND',
    'các mục tiêu, chỉ tiêu của Kế hoạch',
    'chỉ tiêu 1.500 hộ',
  ])('reads no reference from: %s', (text) => {
    expect(readTargetRefs(text)).toEqual([]);
  });

  it('stays linear on long adversarial input', () => {
    const long = `chỉ tiêu ${'1, '.repeat(40_000)}x ${'chỉ tiêu '.repeat(10_000)}`;
    const t0 = performance.now();
    readTargetRefs(long);
    M.readSubject(`Sở ${'Y tế, '.repeat(20_000)}`);
    M.readSubject(`Đề nghị ${'Hội '.repeat(30_000)}`);
    M.splitMembers(`Sở Y tế${', và'.repeat(30_000)}`);
    M.canonicalise(`Sở ${'a'.repeat(100_000)}`);
    M.readSubject(`Các sở, ban, ngành ${'Tăng cường '.repeat(20_000)}`);
    M.readSubject(`Sở Y tế ${'Xây dựng: '.repeat(20_000)}`);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('associations (corpus 07)', () => {
  it.each([
    ['Liên hiệp các Hội Khoa học và Kỹ thuật', 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh'],
    ['Hiệp hội Doanh nghiệp', 'Hiệp hội Doanh nghiệp tỉnh'],
  ])('reads %s as a subject', (name, canonical) => {
    const r = M.readSubject(name);
    expect(r?.name).toBe(name);
    expect(M.canonicalise(name).canonical).toBe(canonical);
  });
  it('does not take a sentence about associations for one', () => {
    expect(M.readSubject('Liên hiệp, liên kết các doanh nghiệp trong chuỗi giá trị')).toBeNull();
  });
});

describe('long heading lists (corpus B04)', () => {
  const list =
    'Các sở, ban, ngành; Ủy ban MTTQ Việt Nam tỉnh và các đoàn thể, tổ chức chính trị - xã hội, UBND các huyện, xã, thành phố,…';
  it('reads a heading that only lists bodies whole', () => {
    expect(M.readSubject(list, { heading: true })?.name).toBe(
      'Các sở, ban, ngành; Ủy ban MTTQ Việt Nam tỉnh và các đoàn thể, tổ chức chính trị - xã hội, UBND các huyện, xã, thành phố',
    );
  });
  it('keeps to the known name when the text is not a heading or is a sentence', () => {
    expect(M.readSubject(list)?.name).toBe('Các sở, ban, ngành');
    const sentence =
      'Sở Tài chính Hằng năm bố trí kinh phí thường xuyên cho các cơ quan, đơn vị. Sở Y tế, UBND các huyện, thị xã và các đoàn thể';
    expect(M.readSubject(sentence, { heading: true })?.name).not.toContain('Sở Y tế');
  });
});
