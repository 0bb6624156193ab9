// Vietnamese number words as data. Spoken forms differ by position: "mốt" (1), "tư" (4) and "lăm"/"nhăm" (5)
// only follow a tens word ("hai mươi mốt", "ba mươi tư", "mười lăm"); "lẻ"/"linh" mark an empty tens place
// ("một trăm lẻ bốn"); "nghìn" (North) and "ngàn" (South) are the same scale. Unaccented spellings are listed
// because amounts are sometimes typed without diacritics.
import { z } from 'zod';

const WordTableSchema = z.object({
  /** Unit digits usable anywhere. */
  digits: z.record(z.string(), z.int().min(0).max(9)),
  /** Unit forms only valid after a tens word ("mốt", "tư", "lăm"). */
  afterTens: z.record(z.string(), z.int().min(1).max(9)),
  /** "mười": ten, followed by an optional unit. */
  ten: z.array(z.string()).min(1),
  /** "mươi"/"chục": multiplies the preceding digit by ten. */
  tens: z.array(z.string()).min(1),
  hundred: z.array(z.string()).min(1),
  /** "lẻ"/"linh": an empty tens place. */
  zeroTens: z.array(z.string()).min(1),
  scales: z.record(z.string(), z.number().positive()),
  /** Words that may close an amount and carry no value ("đồng", "chẵn"). */
  trailing: z.array(z.string()),
});
export type NumberWordTable = z.infer<typeof WordTableSchema>;

export const NUMBER_WORDS: NumberWordTable = WordTableSchema.parse({
  digits: {
    không: 0,
    một: 1,
    hai: 2,
    ba: 3,
    bốn: 4,
    năm: 5,
    sáu: 6,
    bảy: 7,
    bẩy: 7,
    tám: 8,
    chín: 9,
    khong: 0,
    mot: 1,
    bon: 4,
    nam: 5,
    sau: 6,
    bay: 7,
    tam: 8,
    chin: 9,
  },
  afterTens: { mốt: 1, tư: 4, lăm: 5, nhăm: 5, mot: 1, tu: 4, lam: 5, nham: 5 },
  ten: ['mười', 'muoi'],
  tens: ['mươi', 'chục', 'muoi', 'chuc'],
  hundred: ['trăm', 'tram'],
  zeroTens: ['lẻ', 'linh', 'le'],
  scales: { nghìn: 1e3, ngàn: 1e3, ngan: 1e3, nghin: 1e3, triệu: 1e6, trieu: 1e6, tỷ: 1e9, tỉ: 1e9, ty: 1e9, ti: 1e9 },
  trailing: ['đồng', 'dong', 'chẵn', 'chan', 'việt nam đồng', 'vnđ', 'vnd', 'đ'],
});

/**
 * Single words that are numbers but far more often something else ("năm" = year, "tư" = private,
 * "ba" = father): alone, they are not read as an amount.
 */
export const LONE_WORDS_NOT_AMOUNTS: readonly string[] = ['năm', 'nam', 'tư', 'tu', 'ba', 'không', 'khong', 'mốt'];

/**
 * Number words that may spell out a count in a target line ("ít nhất một cơ sở", "hai mô hình"). "năm" is left
 * out: it is far more often "year" ("năm 2025"); "ba"/"tư" stay because only a bound word or a counting verb
 * before them lets them count at all (target-words.ts `countVerbs`).
 */
export const SPELLED_COUNT_WORDS: Readonly<Record<string, number>> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
};
