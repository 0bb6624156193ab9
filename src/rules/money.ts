// Money units as written in plans ("Đơn vị tính: ngàn đồng", "Đơn vị: Triệu đồng.") and the multiplier to đồng.
import { z } from 'zod';

const MoneyUnitSchema = z.object({
  /** Canonical spelling reported in Table.unit. */
  unit: z.string().min(1),
  multiplier: z.number().positive(),
  /** Spellings, lower case, NFC; unaccented forms included for typed-without-diacritics text. */
  aliases: z.array(z.string().min(1)).min(1),
});
export type MoneyUnit = z.infer<typeof MoneyUnitSchema>;

export const MONEY_UNITS: readonly MoneyUnit[] = z.array(MoneyUnitSchema).parse([
  { unit: 'tỷ đồng', multiplier: 1e9, aliases: ['tỷ đồng', 'tỉ đồng', 'ty dong', 'tỷ vnđ', 'tỷ'] },
  { unit: 'triệu đồng', multiplier: 1e6, aliases: ['triệu đồng', 'trieu dong', 'triệu vnđ', 'tr.đ', 'trđ', 'triệu'] },
  {
    unit: 'nghìn đồng',
    multiplier: 1e3,
    aliases: ['nghìn đồng', 'ngàn đồng', 'nghin dong', 'ngan dong', '1.000 đồng', '1000 đồng', 'nghìn vnđ', 'ngàn'],
  },
  { unit: 'đồng', multiplier: 1, aliases: ['đồng', 'vnđ', 'vnd', 'dong', 'đ'] },
]);

/** Labels that introduce a table's unit ("Đơn vị tính:", "ĐVT:", "Đơn vị:"). */
export const UNIT_LABELS: readonly string[] = z
  .array(z.string().min(1))
  .parse(['đơn vị tính', 'đơn vị', 'đvt', 'don vi tinh']);

/** The money unit a phrase names ("ngàn đồng" → nghìn đồng × 1000); null when it names no money unit. */
export function moneyUnit(phrase: string): MoneyUnit | null {
  // Units are a few words; longer text is no unit, and the cap keeps the trimming below linear.
  if (phrase.length > 60) return null;
  const p = phrase
    .normalize('NFC')
    .toLowerCase()
    .replace(/[*_.:;()]+$/g, '')
    .replace(/^[\s*_:(]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const u of MONEY_UNITS) {
    if (u.aliases.includes(p)) return u;
  }
  return null;
}

/** Words that start the name of a funding source ("ngân sách nhà nước", "nguồn tài trợ …", "huy động …"). */
export const FUNDING_KEYWORDS: readonly string[] = z
  .array(z.string().min(1))
  .parse([
    'nguồn',
    'ngân sách',
    'vốn',
    'huy động',
    'tài trợ',
    'viện trợ',
    'lồng ghép',
    'đóng góp',
    'xã hội hóa',
    'xã hội hoá',
    'kinh phí đóng góp',
  ]);

/**
 * Words that end a funding source's name: what follows says how it is allocated, not what it is
 * ("ngân sách nhà nước | theo phân cấp …", "| bố trí trong dự toán …", "| triển khai thực hiện …").
 */
export const FUNDING_STOPS: readonly string[] = z
  .array(z.string().min(1))
  .parse([
    'theo',
    'được',
    'bố trí',
    'để',
    'nhằm',
    'trong đó',
    'triển khai',
    'thực hiện',
    'là',
    'phân bổ',
    'cấp cho',
    'hằng năm',
    'hàng năm',
    'và các địa phương',
    'các sở',
    'các cơ quan',
    'chủ động',
    'trong dự toán',
    'cho',
    'bảo đảm',
    'đảm bảo',
  ]);

/** Words after a comma that continue a source's name instead of starting a new one ("tổ chức, cá nhân"). */
export const FUNDING_CONTINUATIONS: readonly string[] = z
  .array(z.string().min(1))
  .parse(['cá nhân', 'dự án', 'đề án', 'chương trình', 'kế hoạch', 'doanh nghiệp', 'tổ chức', 'viện trợ', 'huy động']);

/** Contexts whose amounts are not the plan's budget (damage estimates, economic indicators). */
export const NOT_BUDGET_CONTEXT: readonly string[] = z
  .array(z.string().min(1))
  .parse(['thiệt hại', 'grdp', 'tổng sản phẩm', 'thu nhập', 'kim ngạch', 'doanh thu', 'giá trị sản xuất', 'tổn thất']);

/** Contexts that mark an amount as the whole plan's total, and as a per-year figure. */
export const TOTAL_CONTEXT: readonly string[] = z
  .array(z.string().min(1))
  .parse([
    'tổng kinh phí',
    'tổng dự toán',
    'tổng nguồn',
    'tổng cộng',
    'tổng vốn',
    'tổng nhu cầu',
    'cả giai đoạn',
    'giai đoạn',
    'toàn bộ',
    'nhu cầu vốn',
    'nhu cầu kinh phí',
    'tổng mức đầu tư',
  ]);

/**
 * Contexts that make an amount an estimate of what the plan needs, not a sum allotted: "Nhu cầu vốn đầu tư … dự
 * kiến khoảng 1.200 tỷ đồng" is the plan's budget, flagged approximate.
 */
export const NEED_CONTEXT: readonly string[] = z
  .array(z.string().min(1))
  .parse(['nhu cầu vốn', 'nhu cầu kinh phí', 'nhu cầu đầu tư', 'tổng mức đầu tư dự kiến']);
export const PER_YEAR_CONTEXT: readonly string[] = z
  .array(z.string().min(1))
  .parse(['mỗi năm', 'hằng năm', 'hàng năm', '/năm', 'một năm', 'bình quân']);

/**
 * Words right after a total that open its breakdown ("12.450 triệu đồng, trong đó: - Ngân sách tỉnh: …").
 * The amounts in that breakdown are the total's parts, never rivals to it.
 */
export const BREAKDOWN_INTROS: readonly string[] = z
  .array(z.string().min(1))
  .parse(['trong đó', 'bao gồm', 'gồm có', 'gồm', 'cụ thể', 'chia ra', 'phân ra']);

/**
 * Words right before an amount that make it approximate ("khoảng 3,5 tỷ đồng", "ước tính", "trên 2 tỷ").
 * "dự kiến" is not one: every plan's budget is planned, and "dự kiến 850 triệu đồng" is still exact.
 */
export const APPROXIMATE_WORDS: readonly string[] = z
  .array(z.string().min(1))
  .parse([
    'khoảng',
    'ước tính',
    'ước',
    'khoảng chừng',
    'chừng',
    'xấp xỉ',
    'gần',
    'hơn',
    'trên',
    'tối thiểu',
    'tối đa',
    'không quá',
    'dưới',
  ]);

/** Words right after an amount that make it a yearly figure ("2,5 tỷ đồng/năm", "500 triệu đồng mỗi năm"). */
export const PER_YEAR_AFTER: readonly string[] = z
  .array(z.string().min(1))
  .parse(['/năm', '/ năm', 'mỗi năm', 'một năm', 'hằng năm', 'hàng năm', 'trên năm']);
