// What a table cell looks like, for telling header rows from data rows and finding the row width.

export type CellKind = 'empty' | 'num' | 'text';
/** Finer classes, used to find the row period. */
export type CellClass = 'empty' | 'label' | 'num' | 'date' | 'short' | 'long';

// Numbers as tables print them: "2.104.470", "9,5", "12.5", "<10", "≥ 95%", "(1.200)", "-".
const NUM_RE = /^[<>≤≥~≈]?\s?[-+]?\(?\d[\d.,]*\)?\s?%?$/;
const DASH_RE = /^[-–—x]$/i;
const YEAR_RE = /^(?:19|20)\d{2}$/;
// Row labels of an STT column: "1", "12", "I", "IV", "a", "1.2".
const STT_RE = /^(?:[1-9]\d{0,2}|[IVXLC]{1,6}|[a-zđ]|[1-9]\d?(?:\.\d{1,2}){1,3})\.?$/;

export function cellKind(text: string): CellKind {
  if (text === '') return 'empty';
  if (NUM_RE.test(text) || DASH_RE.test(text)) return 'num';
  return 'text';
}

/** A number that is a value rather than a year or a row label (a header row may hold years, never amounts). */
export function isValue(text: string): boolean {
  return NUM_RE.test(text) && !YEAR_RE.test(text) && !STT_RE.test(text);
}

export function isYear(text: string): boolean {
  return YEAR_RE.test(text);
}

export function isRowLabel(text: string): boolean {
  return STT_RE.test(text);
}

// "2026", "Năm 2026", "2026-2030", "Quý I/2026", "Tháng 12/2025", "Hằng năm".
const DATE_RE =
  /^(?:(?:năm|quý|tháng|từ|trước|sau|giai đoạn)\s)?[\divxlc/ –-]{0,12}(?:19|20)\d{2}(?:\s?[-–]\s?(?:19|20)\d{2})?$|^(?:hằng|hàng) (?:năm|quý|tháng)$|^thường xuyên$/iu;
const SHORT_TEXT = 40;

export function cellClass(text: string): CellClass {
  if (text === '') return 'empty';
  if (STT_RE.test(text)) return 'label';
  if (NUM_RE.test(text) || DASH_RE.test(text)) return 'num';
  if (DATE_RE.test(text)) return 'date';
  return text.length <= SHORT_TEXT ? 'short' : 'long';
}
