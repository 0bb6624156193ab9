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
  { unit: 'đồng', multiplier: 1, aliases: ['đồng', 'vnđ', 'vnd', 'dong'] },
]);

/** Labels that introduce a table's unit ("Đơn vị tính:", "ĐVT:", "Đơn vị:"). */
export const UNIT_LABELS: readonly string[] = z
  .array(z.string().min(1))
  .parse(['đơn vị tính', 'đơn vị', 'đvt', 'don vi tinh']);

/** The money unit a phrase names ("ngàn đồng" → nghìn đồng × 1000); null when it names no money unit. */
export function moneyUnit(phrase: string): MoneyUnit | null {
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
