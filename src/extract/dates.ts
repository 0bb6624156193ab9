// Vietnamese dates as written in plans: "ngày 28 tháng 02 năm 2019", "ngày 29/10/2018", "28-02-2019".

/** ISO date for a day/month/year that exists and lies in a plausible range for administrative documents. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (year < 1945 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Both forms, anchored at the start of the text after an optional "ngày".
const WORDS_RE = /^\s*,?\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const NUMERIC_RE = /^\s*,?\s*(?:ngày\s+)?(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})/iu;

/** A date at the start of `text` ("ngày 07 tháng 01 năm 2021", ", ngày 29/10/2018"); length = chars consumed. */
export function leadingDate(text: string): { iso: string | null; length: number } | null {
  const w = WORDS_RE.exec(text);
  if (w) return { iso: isoDate(Number(w[1]), Number(w[2]), Number(w[3])), length: w[0].length };
  const n = NUMERIC_RE.exec(text);
  if (n) return { iso: isoDate(Number(n[1]), Number(n[3]), Number(n[4])), length: n[0].length };
  return null;
}
