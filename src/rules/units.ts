// Units of target values and the words that tell a number is NOT a target value, as data.
// Plans write percentages ("99,1%"), rates against a power-of-ten population ("54/100.000 trẻ em",
// "tỷ suất tử vong … trên 1.000 trẻ đẻ sống dưới 9"), and amounts or counts to reach ("100 doanh nghiệp",
// "05 mỏ", "3.000 lượt"). Ages, durations, dates, years and document or item numbers are never values.
import { z } from 'zod';

const UnitTableSchema = z.object({
  /** Marks written right after a number that make it a percentage. */
  percent: z.array(z.string().min(1)).min(1),
  /** Marks written right after a number that make it a rate per 1000 ("15‰"). */
  perMille: z.array(z.string().min(1)).min(1),
  /** Number words after a count that scale it ("1,5 triệu lượt khách" → 1500000) when no measure unit follows. */
  multipliers: z.array(z.object({ words: z.array(z.string().min(1)).min(1), factor: z.number().positive() })),
  /** Denominators a rate may be expressed against ("/100.000", "trên 1.000 trẻ đẻ sống"); unit "per-<n>". */
  denominators: z.array(z.int().positive()).min(1),
  /** Number words a rate may be expressed against ("32 giường bệnh/vạn dân"); unit "per-<value>". */
  denominatorWords: z.array(z.object({ words: z.array(z.string().min(1)).min(1), value: z.int().positive() })),
  /** Words before "trên <denominator>" that make the clause a rate (otherwise "trên 1.000" reads "more than"). */
  rateWords: z.array(z.string().min(1)).min(1),
  /**
   * Measurement units written after the number; anything else after a count is a plain "count". A unit word that
   * is also a noun ("15 điểm du lịch" are sites, "đạt 80 điểm" is a score) lists the words that may follow it as a
   * unit in `onlyBefore`; followed by anything else (a noun phrase), the number is a plain count.
   */
  measures: z.array(
    z.object({
      words: z.array(z.string().min(1)).min(1),
      unit: z.string().min(1),
      onlyBefore: z.array(z.string().min(1)).optional(),
    }),
  ),
  /** Words right after a number that make it an age, a duration or a date part — not a value. */
  notValueAfter: z.array(z.string().min(1)).min(1),
  /** Words right before a number that make it a year, date part, rank or item/document number — not a value. */
  notValueBefore: z.array(z.string().min(1)).min(1),
  /** Words opening a phrase (up to two words before the number) that names a standard: "theo mô hình 4 lớp". */
  descriptorBefore: z.array(z.string().min(1)),
  /** Verbs of reaching before an age that make the age a value ("tuổi thọ trung bình đạt 75 tuổi"). */
  reachVerbs: z.array(z.string().min(1)).min(1),
  /** Words right before a number that make it a rank ("top 03 vùng"). */
  rankBefore: z.array(z.string().min(1)),
  /** A bare four-digit number in this range is read as a year, never as a value. */
  yearRange: z.tuple([z.int(), z.int()]),
});
export type UnitTable = z.infer<typeof UnitTableSchema>;

export const UNITS: UnitTable = UnitTableSchema.parse({
  percent: ['%', 'phần trăm'],
  perMille: ['‰', 'phần nghìn', 'phần ngàn'],
  multipliers: [
    { words: ['nghìn', 'ngàn'], factor: 1e3 },
    { words: ['triệu'], factor: 1e6 },
    { words: ['tỷ', 'tỉ'], factor: 1e9 },
  ],
  denominators: [100, 1000, 10000, 100000, 1000000],
  denominatorWords: [
    { words: ['vạn'], value: 10_000 },
    { words: ['nghìn', 'ngàn'], value: 1_000 },
    { words: ['triệu'], value: 1_000_000 },
  ],
  rateWords: ['tỷ suất', 'tỉ suất', 'tỷ lệ', 'tỉ lệ'],
  measures: [
    { words: ['nghìn tỷ đồng', 'ngàn tỷ đồng'], unit: 'trillion-vnd' },
    { words: ['tỷ đồng', 'tỉ đồng'], unit: 'billion-vnd' },
    { words: ['triệu đồng'], unit: 'million-vnd' },
    { words: ['nghìn đồng', 'ngàn đồng'], unit: 'thousand-vnd' },
    { words: ['đồng', 'VNĐ', 'VND'], unit: 'vnd' },
    { words: ['triệu USD', 'triệu đô la'], unit: 'million-usd' },
    { words: ['tỷ USD', 'tỷ đô la'], unit: 'billion-usd' },
    { words: ['USD', 'đô la Mỹ'], unit: 'usd' },
    { words: ['ha', 'héc-ta', 'hecta', 'héc ta'], unit: 'ha' },
    { words: ['km2', 'km²'], unit: 'km2' },
    { words: ['km'], unit: 'km' },
    { words: ['m2', 'm²'], unit: 'm2' },
    { words: ['m3', 'm³'], unit: 'm3' },
    { words: ['tấn'], unit: 'tonne' },
    { words: ['MW'], unit: 'mw' },
    { words: ['Gb/s', 'Gbps'], unit: 'gbps' },
    { words: ['Mb/s', 'Mbps'], unit: 'mbps' },
    { words: ['lần'], unit: 'times' },
    {
      words: ['điểm'],
      unit: 'points',
      // A score ends its clause or takes a bound, a date or a scale: "đạt 80 điểm trở lên", "90 điểm/100".
      onlyBefore: ['trở lên', 'trở xuống', 'vào', 'đến', 'trong', 'theo', 'so với', 'trên', 'tại', 'năm', 'và', 'hoặc'],
    },
  ],
  // "(05 mục tiêu)", "gồm 5 chỉ tiêu": a count of the targets that follow, never a target value itself.
  notValueAfter: [
    'chỉ tiêu',
    'mục tiêu',
    'nhóm chỉ tiêu',
    'nhóm mục tiêu',
    'tuổi',
    'tháng tuổi',
    'tháng',
    'năm',
    'ngày',
    'quý',
    'tuần',
    'giờ',
    'phút',
    'giây',
  ],
  notValueBefore: [
    'số',
    'năm',
    'giai đoạn',
    'ngày',
    'tháng',
    'quý',
    'tuần',
    'chỉ tiêu',
    'mục tiêu',
    'khoản',
    'điều',
    'điểm',
    'mục',
    'tiết',
    'phụ lục',
    'biểu',
    'mẫu',
    'đề án',
    'dự án',
    'tiểu dự án',
    'kế hoạch',
    'quyết định',
    'nghị quyết',
    'nghị định',
    'chỉ thị',
    'thông tư',
    'kết luận',
    'công văn',
    'luật',
    'phần',
    'chương',
    'khóa',
    'nhiệm kỳ',
    'thứ',
    'lần thứ',
    'mức độ',
    'cấp độ',
    'tầm nhìn',
    'covid',
  ],
  descriptorBefore: ['theo'],
  reachVerbs: ['đạt', 'đạt mức', 'lên', 'lên mức', 'nâng lên', 'tăng lên'],
  rankBefore: ['top', 'tốp', 'nhóm', 'thuộc nhóm', 'trong nhóm'],
  yearRange: [1900, 2100],
});
