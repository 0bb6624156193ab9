// Examples and counter-examples are real target lines from the seeds and the corpus (quoted as written,
// unwrapped). Each asserts [value, unit, comparator, year].
import { describe, expect, it } from 'vitest';
import { readTargetValues } from '../../src/extract/target-values.js';

const read = (s: string) => readTargetValues(s).map((v) => [v.value, v.unit, v.comparator, v.year]);
const values = (s: string) => readTargetValues(s).map((v) => v.value);

describe('readTargetValues: each value gets its own year', () => {
  it('reads "82% vào năm 2025 và 87% vào năm 2030" (seed 003, Chỉ tiêu 1)', () => {
    expect(
      read(
        'Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 82% vào năm 2025 và 87% vào năm 2030.',
      ),
    ).toEqual([
      [82, '%', 'eq', 2025],
      [87, '%', 'eq', 2030],
    ]);
  });

  it('reads rates per 1000 against a denominator, and "duy trì đến năm 2030" is not a new value (Chỉ tiêu 3)', () => {
    const line =
      'Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới 9 vào năm 2025 và duy trì đến năm 2030; ' +
      'giảm tỷ suất tử vong của trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống xuống dưới 10 vào năm 2025 và dưới 8 vào năm 2030; ' +
      'giảm tỷ suất tử vong trẻ em dưới 5 tuổi trên 1.000 trẻ đẻ sống dưới 15 vào năm 2025 và dưới 12 vào năm 2030.';
    expect(read(line)).toEqual([
      [9, 'per-1000', 'lt', 2025],
      [10, 'per-1000', 'lt', 2025],
      [8, 'per-1000', 'lt', 2030],
      [15, 'per-1000', 'lt', 2025],
      [12, 'per-1000', 'lt', 2030],
    ]);
    expect(readTargetValues(line)[0]?.text).toBe('dưới 9');
  });

  it('reads "N/100.000" rates (Chỉ tiêu 11)', () => {
    expect(
      read(
        'Chỉ tiêu 11: Giảm tỷ suất trẻ em bị tai nạn thương tích xuống 54/100.000 trẻ em vào năm 2025 và 50/100.000 trẻ em vào năm 2030; giảm tỷ suất trẻ em bị tử vong do tai nạn thương tích xuống còn 8/100.000 trẻ em vào năm 2025 và xuống còn 7/100.000 vào năm 2030.',
      ),
    ).toEqual([
      [54, 'per-100000', 'eq', 2025],
      [50, 'per-100000', 'eq', 2030],
      [8, 'per-100000', 'eq', 2025],
      [7, 'per-100000', 'eq', 2030],
    ]);
  });

  it('dates two values before one year together ("dưới 5% … và dưới 10% … vào năm 2030")', () => {
    expect(
      read(
        'giảm tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể béo phì xuống dưới 5% đối với nông thôn và dưới 10% đối với thành thị vào năm 2030.',
      ),
    ).toEqual([
      [5, '%', 'lt', 2030],
      [10, '%', 'lt', 2030],
    ]);
  });

  it('reads year phrases that open a clause forward', () => {
    expect(read('Phấn đấu đến năm 2025 đạt 90% và đến năm 2030 đạt 95%.')).toEqual([
      [90, '%', 'eq', 2025],
      [95, '%', 'eq', 2030],
    ]);
    expect(read('Hằng năm, giảm số người nghiện ma túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường')).toEqual([
      [50, '%', 'gte', 2030],
    ]);
  });

  it('gives null to recurring values, stated as such ("ở các năm tiếp theo", "Hàng năm, …")', () => {
    const r = readTargetValues(
      'Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 100% vào năm 2025 và duy trì tỷ lệ 100% ở các năm tiếp theo.',
    );
    expect(r.map((v) => [v.value, v.year, v.yearFrom])).toEqual([
      [100, 2025, 'stated'],
      [100, null, 'recurring'],
    ]);
    // A year phrase opening the line dates every clause of it (corpus 29, 6.4).
    const r2 = readTargetValues(
      '*6.4. *Hàng năm, số vụ phạm tội về ma túy được phát hiện tăng trên 03%; số vụ phạm tội có tổ chức được phát hiện, bắt giữ tăng trên 03%; số vụ lợi dụng không gian mạng được phát hiện, triệt phá tăng trên 05%.',
    );
    expect(r2.map((v) => [v.value, v.comparator, v.yearFrom])).toEqual([
      [3, 'gt', 'recurring'],
      [3, 'gt', 'recurring'],
      [5, 'gt', 'recurring'],
    ]);
  });

  it('leaves the year unset when the line states none', () => {
    const r = readTargetValues('Duy trì 100% cơ sở giáo dục cho trẻ em có công trình vệ sinh.');
    expect(r.map((v) => [v.value, v.year, v.yearFrom])).toEqual([[100, null, 'none']]);
  });
});

describe('readTargetValues: comparators', () => {
  it.each([
    ['Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%.', 'gte'],
    ['Phấn đấu ít nhất 55% phường xây dựng và triển khai các mô hình giáo dục mầm non', 'gte'],
    ['Tỷ lệ trẻ em dưới 1 tuổi tiêm chủng đầy đủ trên 95%;', 'gt'],
    ['Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân dưới 12%;', 'lt'],
    ['Tỷ lệ hộ nghèo không quá 2%.', 'lte'],
    ['Tỷ lệ tiêm chủng không thấp hơn 90%.', 'gte'],
    ['Tỷ lệ hộ nghèo thấp hơn 3%.', 'lt'],
    ['Tốc độ tăng trưởng vượt 8%.', 'gt'],
    ['Có 20 doanh nghiệp trở lên tham gia.', 'gte'],
    ['Tỷ lệ hộ nghèo đa chiều 3% trở xuống.', 'lte'],
    ['Phấn đấu giảm tỷ lệ lao động trẻ em từ 5 đến 17 tuổi xuống dưới 1% vào năm 2025', 'lt'],
  ])('%s → %s', (line, comparator) => {
    expect(readTargetValues(line).map((v) => v.comparator)).toEqual([comparator]);
  });

  it('carries a bound over to an elliptical value and says so', () => {
    const r = readTargetValues(
      'Giảm tỷ lệ trẻ em có hoàn cảnh đặc biệt trên tổng số trẻ em dưới 2% vào năm 2025 và 1,5% vào năm 2030',
    );
    expect(r.map((v) => [v.value, v.comparator, v.comparatorInferred])).toEqual([
      [2, 'lt', false],
      [1.5, 'lt', true],
    ]);
  });

  it('does not carry a bound to a value with its own subject ("Trên 80% … và 100% cơ sở …")', () => {
    const r = readTargetValues(
      'Trên 80% số trạm y tế xã, phường trên thành phố và 100% cơ sở cai nghiện ma túy công lập đủ điều kiện.',
    );
    expect(r.map((v) => [v.value, v.comparator])).toEqual([
      [80, 'gt'],
      [100, 'eq'],
    ]);
  });

  it('does not take "trở lên" of an age for the share ("30% trẻ em từ 07 tuổi trở lên")', () => {
    expect(
      read(
        'Phấn đấu 30% trẻ em từ 07 tuổi trở lên được hỏi ý kiến về các vấn đề của trẻ em vào năm 2025 và 35% vào năm 2030.',
      ),
    ).toEqual([
      [30, '%', 'eq', 2025],
      [35, '%', 'eq', 2030],
    ]);
  });
});

describe('readTargetValues: counts and amounts', () => {
  it('reads counts to reach with their bounds', () => {
    expect(
      read(
        'Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ; đồng thời có ít nhất 50 doanh nghiệp trở thành hạt nhân đổi mới công nghệ.',
      ),
    ).toEqual([
      [100, 'count', 'gte', null],
      [50, 'count', 'gte', null],
      [50, 'count', 'gte', null],
    ]);
    expect(values('Tổ chức đào tạo, bồi dưỡng 3.000 lượt nhân lực về ứng dụng công nghệ.')).toEqual([3000]);
    expect(values('Khai thác 05 mỏ khoáng sản.')).toEqual([5]);
  });

  it('reads measured amounts with their unit', () => {
    expect(read('Tổng vốn huy động đạt 500 tỷ đồng.')).toEqual([[500, 'billion-vnd', 'eq', null]]);
    expect(read('Trồng mới 1.200 ha rừng.')).toEqual([[1200, 'ha', 'eq', null]]);
  });

  it('dates counts from a year phrase opening their sentence', () => {
    const r = readTargetValues(
      'Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở; có tối thiểu 05 kịch bản ứng dụng dữ liệu. Đến năm 2030, tỉnh Bắc Ninh có ít nhất 20 tập dữ liệu mở được công bố.',
    );
    expect(r.map((v) => [v.value, v.comparator, v.year, v.yearFrom])).toEqual([
      [5, 'gte', null, 'recurring'],
      [5, 'gte', null, 'recurring'],
      [20, 'gte', 2030, 'stated'],
    ]);
  });
});

describe('readTargetValues: bounds carried along a list are readings, not statements', () => {
  it('carries "ít nhất" to the next count of a list, marked inferred (corpus 07)', () => {
    const r = readTargetValues(
      'Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ; đồng thời có ít nhất 50 doanh nghiệp trở thành hạt nhân đổi mới công nghệ, trong đó có 20 doanh nghiệp công nghệ cao đóng vai trò dẫn dắt ngành.',
    );
    expect(r.map((v) => [v.value, v.comparator, v.comparatorInferred])).toEqual([
      [100, 'gte', false],
      [50, 'gte', true],
      [50, 'gte', false],
      // "trong đó có 20": a part of "ít nhất 50" shares its bound, as a reading (issue 8).
      [20, 'gte', true],
    ]);
  });

  it('never carries a bound to a whole (corpus 11: "Trên 80% … và 100% …")', () => {
    const r = readTargetValues(
      'Trên 80% số trạm y tế xã, phường trên thành phố và 100% cơ sở cai nghiện ma túy công lập đủ điều kiện xác định tình trạng nghiện ma túy.',
    );
    expect(r.map((v) => [v.value, v.comparator, v.comparatorInferred])).toEqual([
      [80, 'gt', false],
      [100, 'eq', false],
    ]);
  });
});

describe('readTargetValues: years in mixed styles', () => {
  it('dates "đến năm 2025 đạt 90% và 95% vào năm 2030" value by value', () => {
    expect(read('Tỷ lệ trẻ em được tiếp cận dịch vụ đến năm 2025 đạt 90% và 95% vào năm 2030.')).toEqual([
      [90, '%', 'eq', 2025],
      [95, '%', 'eq', 2030],
    ]);
  });

  it('keeps the opening year when the closing phrase only maintains ("duy trì đến năm 2030")', () => {
    expect(read('Đến năm 2025, 100% xã đạt chuẩn và 90% hộ gia đình được hỗ trợ, duy trì đến năm 2030.')).toEqual([
      [100, '%', 'eq', 2025],
      [90, '%', 'eq', 2025],
    ]);
  });

  it('reads opening years value by value ("đến năm 2025 đạt 90%, năm 2030 đạt 95%")', () => {
    expect(read('Tỷ lệ đến năm 2025 đạt 90%, năm 2030 đạt 95%.')).toEqual([
      [90, '%', 'eq', 2025],
      [95, '%', 'eq', 2030],
    ]);
  });

  it('marks a year carried from an earlier clause unless the phrase opens the line (corpus 01, 11)', () => {
    const carried = readTargetValues(
      'Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở chất lượng cao phục vụ phát triển kinh tế số và xã hội số; công bố trên Cổng Dữ liệu mở tỉnh Bắc Ninh và Cổng Dữ liệu mở quốc gia; có tối thiểu 05 kịch bản ứng dụng dữ liệu cấp tỉnh, ngành và địa phương.',
    );
    expect(carried.map((v) => v.yearCarried)).toEqual([false, true]);
    const opening = readTargetValues(
      'd) Hằng năm, số vụ phạm tội về ma túy được phát hiện, bắt giữ tại tuyến đường biển, đường hàng không, chuyển phát nhanh tăng trên 3%; số vụ phạm tội về ma túy có tổ chức xuyên quốc gia được phát hiện, bắt giữ tăng trên 3%',
    );
    expect(opening.map((v) => [v.year, v.yearFrom, v.yearCarried])).toEqual([
      [null, 'recurring', false],
      [null, 'recurring', false],
    ]);
  });
});

describe('readTargetValues: counts beside a percentage', () => {
  it('sets aside a count that describes what is measured, silently', () => {
    const r = readTargetValues('100% xã mỗi quý có ít nhất 04 tin, bài');
    expect(r.map((v) => [v.value, v.countSetAside])).toEqual([[100, false]]);
  });

  it('says so when the count set aside stands in a part of its own', () => {
    const r = readTargetValues('Phấn đấu đến năm 2025 có 100% xã được tập huấn và tổ chức 200 lớp bồi dưỡng.');
    expect(r.map((v) => [v.value, v.countSetAside])).toEqual([[100, true]]);
  });
});

describe('readTargetValues: baselines, number words and other units', () => {
  it('never dates a value with the baseline of its change ("so với năm 2020")', () => {
    expect(read('Thu nhập bình quân đầu người tăng ít nhất 10% so với năm 2020.')).toEqual([[10, '%', 'gte', null]]);
    expect(read('Giảm 15% số vụ tai nạn so với giai đoạn 2016 - 2020 vào năm 2025.')).toEqual([[15, '%', 'eq', 2025]]);
    expect(read('Phấn đấu đến cuối năm 2025 giảm 5% so với cùng kỳ năm 2024.')).toEqual([[5, '%', 'eq', 2025]]);
  });

  it('counts a number written with a number word in full ("1,5 triệu lượt khách")', () => {
    expect(read('Thu hút 1,5 triệu lượt khách du lịch vào năm 2025.')).toEqual([[1500000, 'count', 'eq', 2025]]);
    expect(read('Giải quyết việc làm cho 8,1 nghìn người.')).toEqual([[8100, 'count', 'eq', null]]);
    // a money or measure unit keeps its own scale
    expect(read('Kim ngạch xuất khẩu đạt 2,5 tỷ USD.')).toEqual([[2.5, 'billion-usd', 'eq', null]]);
  });

  it('reads "15‰" as a rate per 1000', () => {
    expect(read('Tỷ lệ tử vong mẹ giảm còn 15‰ vào năm 2025.')).toEqual([[15, 'per-1000', 'eq', 2025]]);
  });

  it('reads both bounds of "1-1,5%" written with one unit as one yearly value (corpus 27 layout)', () => {
    const r = readTargetValues('Tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm.');
    expect(r.map((v) => [v.value, v.unit, v.comparator, v.year, v.min, v.max, v.per])).toEqual([
      [1, '%', 'gte', null, 1, 1.5, 'year'],
    ]);
    expect(r[0]?.text).toBe('1-1,5%/năm');
  });

  it('reads an age reached as a value, but not an age that defines a group', () => {
    expect(read('Tuổi thọ trung bình đạt 75 tuổi vào năm 2030.')).toEqual([[75, 'years', 'eq', 2030]]);
    expect(read('Tuổi thọ trung bình đạt trên 76 tuổi.')).toEqual([[76, 'years', 'gt', null]]);
    expect(values('Tỷ lệ trẻ em từ 11 tuổi trở lên được tham gia đạt 30% vào năm 2025.')).toEqual([30]);
  });
});

describe('readTargetValues: what is not a value', () => {
  it.each([
    // ages, ranges of ages, durations
    ['Bảo đảm cho trẻ em đến 8 tuổi được phát triển toàn diện về thể chất, trí tuệ, tinh thần.', []],
    ['Phấn đấu 100% trẻ em từ 06 tháng đến 36 tháng tuổi là con công nhân được đến trường.', [100]],
    ['Huy động trẻ từ 3 đến 5 tuổi ra lớp đạt trên 88%;', [88]],
    // counts that define what is measured
    ['Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin đạt 98% vào năm 2025', [98]],
    ['100% xã mỗi quý có ít nhất 04 tin, bài', [100]],
    ['Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ 01 Gb/s đạt 100%.', [100]],
    // years, dates, document and item numbers
    ['Phấn đấu xóa bỏ tình trạng tảo hôn từ năm 2025 đến năm 2030.', []],
    [
      'Phấn đấu đạt chỉ tiêu đề ra trong Kế hoạch số 105/KH-UBND ngày 15/10/2014 của Ủy ban Nhân dân tỉnh giai đoạn 2014 - 2020',
      [],
    ],
    ['Cập nhật theo quy định tại Thông tư số 24/2018/TT-BNNPTNT ngày 15/11/2018 của Bộ trưởng', []],
    ['Thực hiện Nghị quyết số 57- NQ/TW của Bộ Chính trị và Đề án 06', []],
    ['Hướng dẫn triển khai, thực hiện các chỉ tiêu 3, 4, 5, 6 của Kế hoạch.', []],
    ['Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số.', [100]],
    ['Cung cấp dịch vụ công trực tuyến mức độ 4 cho doanh nghiệp', []],
    // a count naming the standard followed (B01 PDF)
    ['Bảo đảm an toàn thông tin cho các hệ thống thông tin theo mô hình 4 lớp.', []],
  ])('%s → %j', (line, expected) => {
    expect(values(line)).toEqual(expected);
  });

  it('marks a number whose reading is uncertain', () => {
    const r = readTargetValues('Tỷ lệ bao phủ đạt 9.5% dân số.');
    expect(r.map((v) => [v.value, v.ambiguous])).toEqual([[9.5, true]]);
    expect(readTargetValues('Tỷ lệ đạt 99,1% vào năm 2025.').map((v) => [v.value, v.ambiguous])).toEqual([
      [99.1, false],
    ]);
  });

  it('stays linear on long adversarial input', () => {
    const long = [
      '1.1.1.1.1.1.1.1.'.repeat(3000),
      'năm '.repeat(20000),
      'dưới trên '.repeat(10000),
      '9/9/9/9/'.repeat(10000),
      `${'a '.repeat(50000)}%`,
      'hằng năm hằng '.repeat(8000),
      '1-1-1-1,5'.repeat(10000),
      'đạt trên 7 tuổi '.repeat(6000),
      'so với năm 2020 và 5 triệu '.repeat(4000),
      `${'ít nhất 5 doanh nghiệp, '.repeat(4000)}.`,
    ];
    // A ratio inside one run, not an absolute time (the machine is shared): a tenth of the input against all of
    // it, best of three each. Linear is ×10; a quadratic path is ×100 and more.
    const best = (s: string) =>
      Math.min(
        ...[0, 1, 2].map(() => {
          const t = performance.now();
          readTargetValues(s);
          return performance.now() - t;
        }),
      );
    for (const s of long) {
      const small = best(s.slice(0, Math.floor(s.length / 10)));
      const big = best(s);
      expect(big, s.slice(0, 30)).toBeLessThan(40 * Math.max(small, 5));
    }
  });
});

describe('readTargetValues: ranges', () => {
  it('reads "1%-1,5%" as a range, not a date or a name', () => {
    const r = readTargetValues('Tỷ lệ hộ nghèo giảm hàng năm 1%-1,5%.');
    expect(r.map((v) => [v.value, v.unit, v.comparator, v.year, v.min, v.max])).toEqual([
      [1, '%', 'gte', null, 1, 1.5],
    ]);
    expect(values('Phòng, chống dịch Covid-19 đạt 100% xã.')).toEqual([100]);
  });
});

describe('readTargetValues: a unit word that is also a noun', () => {
  it('"đạt 80 điểm trở lên" is a score', () => {
    expect(read('Phấn đấu chỉ số cải cách hành chính của tỉnh đạt 80 điểm trở lên vào năm 2025.')).toEqual([
      [80, 'points', 'gte', 2025],
    ]);
  });

  it('counter-example: "15 điểm du lịch cộng đồng" counts sites, not points', () => {
    expect(read('Có ít nhất 15 điểm du lịch cộng đồng được công nhận đạt tiêu chuẩn vào năm 2025.')).toEqual([
      [15, 'count', 'gte', 2025],
    ]);
  });

  it('keeps linear time on a long run of "điểm" words', () => {
    const started = performance.now();
    readTargetValues(`đạt ${'1 điểm '.repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('readTargetValues: rates against number words, deadlines as full dates', () => {
  it('"32 giường bệnh/vạn dân" is a rate per 10 000', () => {
    expect(read('Số giường bệnh đạt 32 giường bệnh/vạn dân vào năm 2025.')).toEqual([[32, 'per-10000', 'eq', 2025]]);
  });

  it('counter-example: "120 triệu đồng/người/năm" is an amount, not a rate', () => {
    expect(read('Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm vào năm 2030.')).toEqual([
      [120, 'million-vnd', 'eq', 2030],
    ]);
  });

  it('"trước ngày 31/12/2023" dates the value; the date parts are not values', () => {
    expect(read('Hoàn thành 03 công trình thủy lợi trước ngày 31/12/2023.')).toEqual([[3, 'count', 'eq', 2023]]);
  });

  it('counter-example: a decision dated "ngày 15/11/2018" is no deadline', () => {
    expect(read('Theo Quyết định số 12/QĐ-UBND ngày 15/11/2018, đạt 90% số xã.').map((v) => v[3])).toEqual([null]);
  });

  it('keeps linear time on long runs of slashes and dates', () => {
    const started = performance.now();
    readTargetValues(`đạt ${'5 giường bệnh ngày /'.repeat(5_000)} trước ngày ${'1/'.repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
