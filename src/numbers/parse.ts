// Vietnamese number notation: "." groups thousands ("2.104.470"), "," is the decimal mark ("99,1").
// Real tables also carry the English "9.5"; such readings are returned with ambiguous = true.
// A lone "1.500" is 1500 in Vietnamese and 1.5 in English: in isolation it is ambiguous, so callers that
// parse a whole column or table should detect the notation once (detectNotation) and parse with it.
import type { Comparator } from '../contract/schema.js';
import { memoise } from '../text/memo.js';

export type Notation = 'vn' | 'en';

export interface ParsedNumber {
  value: number;
  /** True when the notation admits two readings (e.g. "1.500": 1500 or 1.5). */
  ambiguous: boolean;
  /** A leading "<", ">", "≤", "≥" read off the number ("<10" → lt); null when none. */
  comparator: Exclude<Comparator, 'eq'> | null;
  /** True when the number carried a trailing "%". */
  percent: boolean;
}

export interface ParseOptions {
  /**
   * The notation the surrounding table or text uses. Resolves forms that are ambiguous in isolation
   * ("1.500"); forms that contradict it (a "9.5" in a Vietnamese table) stay ambiguous.
   */
  notation?: Notation | null;
}

/** How one string reads under each notation; `null` when the notation cannot produce it. */
interface Readings {
  vn: number | null;
  en: number | null;
}

const COMPARATORS: ReadonlyArray<readonly [string, Exclude<Comparator, 'eq'>]> = [
  ['<=', 'lte'],
  ['>=', 'gte'],
  ['≤', 'lte'],
  ['≥', 'gte'],
  ['<', 'lt'],
  ['>', 'gt'],
];

// Every pattern is anchored and made of single quantified groups: linear on any input.
const INTEGER = /^\d+$/;
// A leading group never starts with 0 ("0.004" is an English decimal, not 4 thousand-groups).
const DOT_GROUPS = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const COMMA_GROUPS = /^[1-9]\d{0,2}(?:,\d{3})+$/;
const DOT_GROUPS_COMMA_DECIMAL = /^\d{1,3}(?:\.\d{3})+,\d+$/;
const COMMA_GROUPS_DOT_DECIMAL = /^\d{1,3}(?:,\d{3})+\.\d+$/;
const COMMA_DECIMAL = /^\d+,\d+$/;
const DOT_DECIMAL = /^\d+\.\d+$/;

function digitsOnly(s: string): number {
  return Number(s.replace(/[.,]/g, ''));
}

function withDecimal(s: string, groupMark: string, decimalMark: string): number {
  return Number(s.split(groupMark).join('').replace(decimalMark, '.'));
}

function readings(core: string): Readings | null {
  if (INTEGER.test(core)) {
    const v = Number(core);
    return { vn: v, en: v };
  }
  if (DOT_GROUPS_COMMA_DECIMAL.test(core)) return { vn: withDecimal(core, '.', ','), en: null };
  if (COMMA_GROUPS_DOT_DECIMAL.test(core)) return { vn: null, en: withDecimal(core, ',', '.') };
  if (DOT_GROUPS.test(core)) {
    // Several groups ("2.104.470") cannot be an English decimal; one group ("1.500") can.
    const en = (core.match(/\./g) ?? []).length === 1 ? Number(core) : null;
    return { vn: digitsOnly(core), en };
  }
  if (COMMA_GROUPS.test(core)) {
    const vn = (core.match(/,/g) ?? []).length === 1 ? Number(core.replace(',', '.')) : null;
    return { vn, en: digitsOnly(core) };
  }
  if (COMMA_DECIMAL.test(core)) return { vn: Number(core.replace(',', '.')), en: null };
  if (DOT_DECIMAL.test(core)) return { vn: null, en: Number(core) };
  return null;
}

function strip(raw: string): {
  core: string;
  negative: boolean;
  comparator: ParsedNumber['comparator'];
  percent: boolean;
} | null {
  // No number in a plan runs past a few dozen characters; the cap keeps every pattern below cheap.
  if (raw.length > 64) return null;
  let s = raw.trim().replace(/\u00a0/g, ' ');
  let comparator: ParsedNumber['comparator'] = null;
  for (const [sym, cmp] of COMPARATORS) {
    if (s.startsWith(sym)) {
      comparator = cmp;
      s = s.slice(sym.length).trim();
      break;
    }
  }
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (/^[-−–]/.test(s)) {
    if (negative) return null;
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  if (s === '' || s.length > 40) return null;
  return { core: s, negative, comparator, percent };
}

type Read = NonNullable<ReturnType<typeof strip>> & Readings;

/**
 * strip and readings of one string: tables are read cell by cell by the table reader, the sum checks and the
 * cross-checks, each parsing the same cells again. Remembered per string (src/text/memo.ts); never mutated.
 */
const read = memoise((s: string): Read | null => {
  const parts = strip(s);
  if (!parts) return null;
  const r = readings(parts.core);
  return r ? { ...parts, ...r } : null;
});

/** Parses one number written the Vietnamese way; null when `s` is not a number. */
export function parseVnNumber(s: string, opts: ParseOptions = {}): ParsedNumber | null {
  const parts = read(s);
  if (!parts) return null;
  const r = parts;
  const notation = opts.notation ?? null;
  let value: number;
  let ambiguous: boolean;
  if (r.vn !== null && r.en !== null) {
    // Equal readings (plain integers) are never ambiguous; otherwise the context notation decides.
    if (r.vn === r.en) {
      value = r.vn;
      ambiguous = false;
    } else if (notation) {
      value = notation === 'vn' ? r.vn : r.en;
      ambiguous = false;
    } else {
      value = r.vn;
      ambiguous = true;
    }
  } else {
    const only = r.vn ?? r.en;
    if (only === null) return null;
    value = only;
    // A reading only English allows is a departure from the house notation, unless the context is English.
    ambiguous = r.vn === null ? notation !== 'en' : notation === 'en';
  }
  if (!Number.isFinite(value)) return null;
  return {
    value: parts.negative ? -value : value,
    ambiguous,
    comparator: parts.comparator,
    percent: parts.percent,
  };
}

/** How many strings can only be read the Vietnamese way, and how many only the English way. */
export function notationEvidence(texts: Iterable<string>): { vn: number; en: number } {
  let vn = 0;
  let en = 0;
  for (const t of texts) {
    const r = read(t);
    if (!r) continue;
    if (r.vn !== null && r.en === null) vn++;
    else if (r.en !== null && r.vn === null) en++;
  }
  return { vn, en };
}

/**
 * The notation a set of number strings (a column, a table) uses, by majority of the strings that can
 * only be read one way; null when none or a tie.
 */
export function detectNotation(texts: Iterable<string>): Notation | null {
  const { vn, en } = notationEvidence(texts);
  if (vn === en) return null;
  return vn > en ? 'vn' : 'en';
}

/** Parses a column or table consistently: the notation is detected once, unless the caller knows it. */
export function parseVnNumbers(texts: readonly string[], opts: ParseOptions = {}): Array<ParsedNumber | null> {
  const notation = opts.notation ?? detectNotation(texts);
  return texts.map((t) => parseVnNumber(t, { notation }));
}

/**
 * Source of a regex that finds number tokens in running text ("2.104.470", "99,1", "9.5", "1.200,5").
 * Linear: each alternative is a digit run followed by single-quantified separator groups.
 */
export const NUMBER_TOKEN_SOURCE = String.raw`\d+(?:[.,]\d+)*`;
