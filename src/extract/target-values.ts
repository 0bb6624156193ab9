// Reads the target values of one target line ("Tỷ lệ … đạt 82% vào năm 2025 và 87% vào năm 2030").
// Pure: text in, readings out, offsets relative to the text. Which line is a target, and years inherited from
// headings, are the caller's business (targets.ts); this file only reads what the line itself states.
//
// How a line is read:
// 1. It is cut into clauses at ";" and at sentence ends: a value, its bounds and its year live in one clause
//    ("…dưới 10 vào năm 2025 và dưới 8 vào năm 2030; giảm … dưới 15 …").
// 2. Year phrases are found first ("vào năm 2025", "đến 2030", "giai đoạn 2021 - 2025" → 2025,
//    "hằng năm"/"ở các năm tiếp theo" → stated as recurring, year null).
// 3. Numbers are read and sorted out: ages, durations, dates, years, item and document numbers are dropped;
//    "N/100.000" is a rate; "tỷ suất … trên 1.000 trẻ đẻ sống" makes 1.000 a denominator and the clause's bare
//    numbers rates per 1000; in a clause that has a percentage or a rate, other counts only define what is
//    measured ("tiêm chủng đầy đủ 8 loại vắc xin đạt 98%") and are dropped.
// 4. Years attach within the clause. A clause that opens with a year phrase ("Đến năm 2030, … có ít nhất 20 …")
//    dates the values after it; otherwise a year phrase dates the values before it that have none yet
//    ("đạt 82% vào năm 2025 và 87% vào năm 2030" → 82@2025, 87@2030). A year phrase with no value waiting
//    ("dưới 9 vào năm 2025 và duy trì đến năm 2030") is not a new value: "duy trì" keeps the same bound, so the
//    line yields 9@2025 only. A year phrase opening the whole line ("Hằng năm, …") dates every clause.
import type { Comparator, TargetValue } from '../contract/schema.js';
import { NUMBER_TOKEN_SOURCE, parseVnNumber } from '../numbers/parse.js';
import { parseVnNumberWords } from '../numbers/words.js';
import { COMPARATOR_WORDS } from '../rules/comparators.js';
import { SPELLED_COUNT_WORDS } from '../rules/number-words.js';
import { TARGET_WORDS } from '../rules/target-words.js';
import { UNITS } from '../rules/units.js';

export interface ValueReading extends TargetValue {
  /** Offsets of `text` in the input, end exclusive. */
  start: number;
  end: number;
  /** Where the year came from: the line itself, a recurrence ("hằng năm": year null), or nowhere yet. */
  yearFrom: 'stated' | 'recurring' | 'none';
  /** The number admits two readings ("9.5%" in Vietnamese text). */
  ambiguous: boolean;
  /** The comparator was carried over from the previous value ("dưới 2% vào năm 2025 và 1,5% …"). */
  comparatorInferred: boolean;
  /** The year came from a phrase in an earlier clause that does not open the line ("Phấn đấu mỗi năm …; có …"). */
  yearCarried: boolean;
  /**
   * A count in the same clause was set aside as describing what this value measures, but it stands in a part of
   * its own ("100% xã được tập huấn và tổ chức 200 lớp"): it may be a second target value.
   */
  countSetAside: boolean;
  /** Spelled out in words: 'bound' after "ít nhất"/"tối thiểu" ("ít nhất một cơ sở"), 'verb' after a counting verb. */
  spelled: 'bound' | 'verb' | null;
}

interface YearMention {
  start: number;
  end: number;
  year: number | null;
  /** "so với năm 2020": the year a change is measured from, never the year a value is due. */
  baseline: boolean;
}

interface Candidate {
  start: number;
  end: number;
  value: number;
  unit: string;
  ambiguous: boolean;
  kind: 'percent' | 'rate' | 'bare';
  comparator: Comparator | null;
  /** The comparator was carried over from the previous value. */
  inferred: boolean;
  rangeOpen: boolean;
  year: YearMention | null;
  countSetAside: boolean;
  /** "giảm từ 3,5% xuống 2%": the number the change starts from. */
  baseline?: number;
  /** The upper end of a range merged into this value ("05 - 06%": value 5, max 6). */
  max?: number;
  perYear: boolean;
  /** Spelled out in words: 'bound' after "ít nhất"/"tối thiểu", 'verb' after a counting verb. */
  spelled: 'bound' | 'verb' | null;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+');
const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|');

// Boundaries instead of \b, which knows only ASCII letters.
const B_BEFORE = '(?<![\\p{L}\\p{N}])';
const B_AFTER = '(?![\\p{L}\\p{N}])';
const YEAR4 = '(\\d{4})(?!\\d|[.,]\\d)';

// One pass finds every year phrase; each alternative is a fixed sequence of single-quantified parts (linear).
// The boundary is shared by every alternative, so it is tested once per position.
const YEAR_RE = new RegExp(
  `${B_BEFORE}(?:${[
    // "giai đoạn 2021 - 2025", "từ năm 2025 đến năm 2030", "2031 - 2035": the end year is the due year.
    `(?:(?:giai\\s+đoạn|từ)\\s+)?(?:năm\\s+)?${YEAR4}\\s*(?:-|–|đến|tới)\\s*(?:năm\\s+)?${YEAR4}`,
    `(?:(?:${alternation(TARGET_WORDS.yearLead)})\\s+)?năm\\s+${YEAR4}`,
    `(?:${alternation(TARGET_WORDS.yearLead)})\\s+${YEAR4}`,
    `(?:ở\\s+|trong\\s+)?(?:${alternation(TARGET_WORDS.recurring)})${B_AFTER}`,
    // A deadline written as a full date: "trước ngày 31/12/2023", "đến ngày 30-6-2025".
    `(?:${alternation([...TARGET_WORDS.yearLead, ...TARGET_WORDS.dateLead])})\\s+(?:ngày\\s+)?\\d{1,2}\\s?[/.-]\\s?\\d{1,2}\\s?[/.-]\\s?${YEAR4}`,
  ].join('|')})`,
  'giu',
);

const NUMBER_RE = new RegExp(`${B_BEFORE}${NUMBER_TOKEN_SOURCE}`, 'gu');
// "5‰/100", "109 bé trai/100 bé gái sinh ra sống": a rate against a power of ten, the counted noun between.
const RATE_TAIL_RE = new RegExp(`^\\s*[\\p{L} ]{0,24}?/\\s*(${NUMBER_TOKEN_SOURCE})`, 'u');
const PERCENT_RE = new RegExp(`^\\s*(?:${alternation(UNITS.percent)})`, 'iu');
const PER_MILLE_RE = new RegExp(`^\\s*(?:${alternation(UNITS.perMille)})`, 'u');
// "1-1,5%": the first bound of a range written once with its unit.
const PERCENT_RANGE_HEAD_RE = new RegExp(
  `^\\s*(?:-|–|đến|tới)\\s*${NUMBER_TOKEN_SOURCE}\\s*(?:${alternation(UNITS.percent)})`,
  'iu',
);
const MULTIPLIER_RES = [...UNITS.multipliers]
  .flatMap((m) => m.words.map((w) => ({ w, factor: m.factor })))
  .sort((a, b) => b.w.length - a.w.length)
  .map(({ w, factor }) => ({ re: new RegExp(`^\\s*${escapeRe(w)}${B_AFTER}`, 'iu'), factor }));
const NOT_VALUE_AFTER_RE = new RegExp(`^\\s*(?:${alternation(UNITS.notValueAfter)})${B_AFTER}`, 'iu');
const AGE_RANGE_RE = new RegExp(
  `^\\s*(?:đến|tới|-|–)\\s*${NUMBER_TOKEN_SOURCE}\\s*(?:${alternation(UNITS.notValueAfter)})${B_AFTER}`,
  'iu',
);
const AGE_VALUE_RE = /^\s*tuổi(?![\p{L}\p{N}])/iu;
// Before the age: a verb of reaching, then at most a bound ("đạt trên 75 tuổi", "nâng lên 76 tuổi").
const AGE_VALUE_BEFORE_RE = new RegExp(
  `${B_BEFORE}(?:${alternation(UNITS.reachVerbs)})(?:\\s+(?:${alternation(COMPARATOR_WORDS.before.map((e) => e.phrase))}))?\\s*$`,
  'iu',
);
// A document or item number glued to its code ("105/KH-UBND", "57- NQ/TW", "24/2018/TT-BNNPTNT").
const DOC_NUMBER_RE = /^\s?[-/]\s?\p{Lu}/u;
const MEASURE_RES = [...UNITS.measures]
  .flatMap((m) => m.words.map((w) => ({ w, unit: m.unit, only: m.onlyBefore })))
  .sort((a, b) => b.w.length - a.w.length)
  .map(({ w, unit, only }) => {
    // A unit that is also a noun counts only at the end of its clause or before one of its listed words.
    const follow = only ? `(?=\\s*(?:$|[.,;:!?()/]|(?:${alternation(only)})${B_AFTER}))` : '';
    return { re: new RegExp(`^\\s*${escapeRe(w)}${B_AFTER}${follow}`, 'u'), unit };
  });
const AFTER_PHRASES = alternation(COMPARATOR_WORDS.after.map((e) => e.phrase));
// After a percentage the bound must follow at once ("30% trở lên"); "100% giáo viên đạt chuẩn trở lên" bounds
// the standard, not the share. After a count the noun comes first ("20 doanh nghiệp trở lên").
const AFTER_CMP_RE = new RegExp(`^\\s*(${AFTER_PHRASES})${B_AFTER}`, 'iu');
const AFTER_COUNT_CMP_RE = new RegExp(`^\\s*(?:\\p{L}+\\s+){0,3}(${AFTER_PHRASES})${B_AFTER}`, 'iu');
const AFTER_CMP = new Map(COMPARATOR_WORDS.after.map((e) => [e.phrase, e.comparator]));
const BEFORE_CMP = [...COMPARATOR_WORDS.before].sort((a, b) => b.phrase.length - a.phrase.length);
const BEFORE_CMP_PHRASES = BEFORE_CMP.map((e) => e.phrase);
const NOT_VALUE_BEFORE = [...UNITS.notValueBefore].sort((a, b) => b.length - a.length);
// "theo mô hình 4 lớp", "theo 3 cấp": a count inside a "theo …" phrase names the standard followed, not a target.
const DESCRIPTOR_BEFORE_RE = new RegExp(
  `${B_BEFORE}(?:${alternation(UNITS.descriptorBefore)})(?:\\s+\\p{L}+){0,2}\\s*$`,
  'iu',
);
const RATE_WORD_RE = new RegExp(`(?:${alternation(UNITS.rateWords)})`, 'iu');
const DENOMINATORS = new Set(UNITS.denominators);
// "32 giường/vạn dân", "5 bác sĩ/1 vạn dân": a rate against a number word.
const RATE_WORD_TAIL_RES = UNITS.denominatorWords.flatMap(({ words, value }) =>
  words.map((w) => ({ re: new RegExp(`^\\s*[\\p{L} ]{0,24}?/\\s*(?:1\\s+)?${escapeRe(w)}${B_AFTER}`, 'u'), value })),
);
// Clause ends: ";" and a sentence end followed by a capital (not the "." inside "1.000").
const CLAUSE_END_RE = /;|[.!?](?=\s+[\p{Lu}*(“"])/gu;
// "%/năm", "tỷ đồng/năm", "… mỗi năm": the value is a yearly rate.
const PER_YEAR_AFTER_RE = /^\s*(?:\/\s*năm|(?:mỗi|một|hằng|hàng)\s+năm)(?![\p{L}\p{N}])/iu;
const AVERAGE_RE = new RegExp(`${B_BEFORE}(?:${alternation(TARGET_WORDS.averageWords)})${B_AFTER}`, 'iu');
// Spelled-out counts: up to three number words ("mười hai"), each a fixed word, so the pattern stays linear.
const SPELLED_WORD = alternation([...Object.keys(SPELLED_COUNT_WORDS), 'mươi', 'mốt', 'lăm', 'tư']);
const SPELLED_RE = new RegExp(
  `${B_BEFORE}(?:${alternation(Object.keys(SPELLED_COUNT_WORDS))})(?:\\s+(?:${SPELLED_WORD})){0,2}${B_AFTER}`,
  'giu',
);
const NEXT_WORD_RE = /^\s+(\p{L}+)/u;
// "không có …", "không để …" then, within the same part of the clause, the bound.
const NEGATED_BEFORE_RE = /(?<![\p{L}])không\s+(?:có|để)(?![\p{L}])[^;.]{0,60}$/iu;
// A spelled-out count needs a bound or a counting verb right before it: one test per clause rules out almost all
// prose before the word-by-word scan runs.
const SPELLED_TRIGGER_RE = new RegExp(
  `(?:${alternation([
    ...COMPARATOR_WORDS.before.filter((e) => e.comparator === 'gte' || e.comparator === 'lte').map((e) => e.phrase),
    ...TARGET_WORDS.countVerbs,
  ])})\\s+(?:${alternation(Object.keys(SPELLED_COUNT_WORDS))})${B_AFTER}`,
  'iu',
);
const NOT_COUNTED_AFTER = new Set(TARGET_WORDS.notCountedAfterWord);
const COUNT_VERBS = [...TARGET_WORDS.countVerbs].sort((a, b) => b.length - a.length);
const CHANGE_TO = [...TARGET_WORDS.changeTo].sort((a, b) => b.length - a.length);
const PART_OF = [...TARGET_WORDS.partOf].sort((a, b) => b.length - a.length);

/** The phrase from `phrases` that `before` ends with, at a word boundary; the longest wins. */
// The same context is asked about several phrase lists in a row: fold it once.
let lastBefore = '';
let lastFolded = '';
function foldBefore(before: string): string {
  if (before !== lastBefore) {
    lastBefore = before;
    lastFolded = before.replace(/[*_]+/g, '').replace(/\s+/g, ' ').trimEnd().toLowerCase();
  }
  return lastFolded;
}

function endsWithPhrase(before: string, phrases: readonly string[]): string | null {
  const s = foldBefore(before);
  for (const p of phrases) {
    if (!s.endsWith(p)) continue;
    const prev = s[s.length - p.length - 1];
    const symbol = !LETTER_OR_DIGIT.test(p[0] ?? '');
    if (prev === undefined || symbol || !LETTER_OR_DIGIT.test(prev)) return p;
  }
  return null;
}

// matchAll clones its regex on every call; these loops reuse the module's global regexes through lastIndex
// (nothing between two exec calls touches the same regex).
function clauses(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  CLAUSE_END_RE.lastIndex = 0;
  for (let m = CLAUSE_END_RE.exec(text); m; m = CLAUSE_END_RE.exec(text)) {
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  out.push([from, text.length]);
  return out;
}

// Every year phrase holds a digit or a recurrence word: a line with neither is skipped without running YEAR_RE.
const MAY_HOLD_YEAR_RE = new RegExp(`\\d|${alternation(TARGET_WORDS.recurring)}`, 'iu');

function yearMentions(text: string): YearMention[] {
  const [lo, hi] = UNITS.yearRange;
  const out: YearMention[] = [];
  if (!MAY_HOLD_YEAR_RE.test(text)) return out;
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(text); m; m = YEAR_RE.exec(text)) {
    const digits = m[2] ?? m[1] ?? m[3] ?? m[4] ?? m[5];
    let year: number | null = null;
    if (digits !== undefined) {
      year = Number(digits);
      if (year < lo || year > hi) continue;
    }
    const baseline = endsWithPhrase(text.slice(Math.max(0, m.index - 30), m.index), BASELINE_BEFORE) !== null;
    out.push({ start: m.index, end: m.index + m[0].length, year, baseline });
  }
  return out;
}

/** Index of the first item whose start is at or after `pos` (items sorted by start): keeps long lines linear. */
function firstFrom<T extends { start: number }>(items: readonly T[], pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as T).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isPowerOfTenDenominator(v: number): boolean {
  return DENOMINATORS.has(v);
}

/** Reads every number of one clause that may be a value; null entries are dropped numbers. */
function readCandidates(
  text: string,
  from: number,
  to: number,
  years: readonly YearMention[],
): { values: Candidate[]; denominator: number | null } {
  const clause = text.slice(from, to);
  const [lo, hi] = UNITS.yearRange;
  const values: Candidate[] = [];
  let denominator: number | null = null;
  let refEnd = -1;
  // Numbers come in order and year phrases do not overlap: one moving index answers "inside a year phrase?".
  let yi = 0;
  const inYear = (i: number) => {
    while (yi < years.length && (years[yi] as YearMention).end <= i) yi++;
    const y = years[yi];
    return y !== undefined && i >= y.start && i < y.end;
  };
  // Where the clause first says "bình quân": values after it, in a clause stating a recurrence, are yearly rates.
  const recurs = years.some((y) => y.year === null);
  const average = recurs ? AVERAGE_RE.exec(clause) : null;
  const averageAt = average ? from + average.index : Number.POSITIVE_INFINITY;
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(clause); m; m = NUMBER_RE.exec(clause)) {
    const start = from + m.index;
    const numEnd = start + m[0].length;
    if (inYear(start)) continue;
    // An item label left on the line ("6.1.", "2)"): numbers the item, not a value.
    if (/^[\s*_\-–+•]*$/u.test(text.slice(0, start)) && /^[.)]/u.test(text.slice(numEnd))) continue;
    const after = text.slice(numEnd, Math.min(to, numEnd + 60));
    // Glued to letters ("5G", "H5N1"), to a code ("105/KH-UBND") or an angle ("10°10'"): not a quantity.
    if (LETTER_OR_DIGIT.test(after[0] ?? '') || DOC_NUMBER_RE.test(after) || /^[°′″']/u.test(after)) continue;
    const prevChar = text[start - 1];
    // "Covid-19", "15/11": part of a name or a date; but "1%-1,5%" is a range.
    if (prevChar === '/' || (prevChar === '-' && !/[%\d]\s?$/u.test(text.slice(Math.max(0, start - 3), start - 1))))
      continue;
    const parsed = parseVnNumber(m[0], { notation: 'vn' });
    if (!parsed) continue;
    const before = text.slice(Math.max(from, start - 40), start);

    let kind: Candidate['kind'] = 'bare';
    let unit = 'count';
    let end = numEnd;
    let rate = RATE_TAIL_RE.exec(after);
    // "3 tổ/10 thôn": a noun between and no power of ten after: read the number as before, not as a rate.
    if (
      rate &&
      /\p{L}/u.test(rate[0]) &&
      !isPowerOfTenDenominator(parseVnNumber(rate[1] ?? '', { notation: 'vn' })?.value ?? 0)
    )
      rate = null;
    const wordRate = rate ? null : RATE_WORD_TAIL_RES.find(({ re }) => re.test(after));
    if (wordRate) {
      kind = 'rate';
      unit = `per-${wordRate.value}`;
      end = numEnd + (wordRate.re.exec(after)?.[0].length ?? 0);
    } else if (rate) {
      const den = parseVnNumber(rate[1] ?? '', { notation: 'vn' });
      // "15/11/2018", "2/3": dates and fractions, not rates.
      if (!den || !isPowerOfTenDenominator(den.value)) continue;
      kind = 'rate';
      unit = `per-${den.value}`;
      end = numEnd + rate[0].length;
    } else {
      const pct = PERCENT_RE.exec(after);
      const mille = PER_MILLE_RE.exec(after);
      if (pct) {
        kind = 'percent';
        unit = '%';
        end = numEnd + pct[0].length;
      } else if (mille) {
        kind = 'rate';
        unit = 'per-1000';
        end = numEnd + mille[0].length;
      } else if (PERCENT_RANGE_HEAD_RE.test(after)) {
        kind = 'percent';
        unit = '%';
      }
    }
    let value = parsed.value;

    if (kind === 'bare') {
      if (m[0].length === 4 && parsed.value >= lo && parsed.value <= hi) continue;
      const ageValue = AGE_VALUE_RE.exec(after);
      if (ageValue && AGE_VALUE_BEFORE_RE.test(before)) {
        // "Tuổi thọ trung bình đạt 75 tuổi": an age reached is the value itself.
        unit = 'years';
        end = numEnd + ageValue[0].length;
      } else if (NOT_VALUE_AFTER_RE.test(after) || AGE_RANGE_RE.test(after)) continue;
      // "chỉ tiêu 3, 4, 5, 6": a list of references continues the first one.
      const listed = refEnd >= 0 && /^\s*(?:,|và|hoặc)?\s*$/u.test(text.slice(refEnd, start));
      if (listed || endsWithPhrase(before, NOT_VALUE_BEFORE) || DESCRIPTOR_BEFORE_RE.test(before)) {
        refEnd = numEnd;
        continue;
      }
      const ahead = clause.slice(0, start - from);
      if (
        isPowerOfTenDenominator(parsed.value) &&
        endsWithPhrase(before, ['trên', 'trên mỗi', 'cho mỗi', 'trên tổng số']) &&
        RATE_WORD_RE.test(ahead)
      ) {
        denominator = parsed.value;
        continue;
      }
      if (endsWithPhrase(before, UNITS.rankBefore)) unit = 'rank';
      else if (unit === 'count') {
        for (const { re, unit: u } of MEASURE_RES) {
          const mm = re.exec(after);
          if (mm) {
            unit = u;
            end = numEnd + mm[0].length;
            break;
          }
        }
        // "1,5 triệu lượt khách": a count written with a number word is counted out in full.
        const mult = unit === 'count' ? MULTIPLIER_RES.find(({ re }) => re.test(after)) : undefined;
        const mm = mult?.re.exec(after);
        if (mult && mm) {
          value = Number((value * mult.factor).toPrecision(12));
          end = numEnd + mm[0].length;
          // "160 triệu tấn": a measure may follow the number word.
          const rest = text.slice(end, Math.min(to, end + 40));
          for (const { re, unit: u } of MEASURE_RES) {
            const m2 = re.exec(rest);
            if (m2) {
              unit = u;
              end += m2[0].length;
              break;
            }
          }
        }
      }
    }

    let comparator: Comparator | null = null;
    let comparatorStart = start;
    const phrase = endsWithPhrase(before, BEFORE_CMP_PHRASES);
    if (phrase) {
      comparator = BEFORE_CMP.find((e) => e.phrase === phrase)?.comparator ?? null;
      const at = before.toLowerCase().lastIndexOf(phrase);
      if (at >= 0) comparatorStart = start - before.length + at;
    }
    const rangeOpen = endsWithPhrase(before, COMPARATOR_WORDS.rangeOpen) !== null;
    if (!comparator) {
      const tail = (kind === 'bare' ? AFTER_COUNT_CMP_RE : AFTER_CMP_RE).exec(text.slice(end, Math.min(to, end + 60)));
      if (tail?.[1]) {
        comparator = AFTER_CMP.get(tail[1].toLowerCase()) ?? null;
        end += tail[0].length;
      }
    }
    const perYearTail = PER_YEAR_AFTER_RE.exec(text.slice(end, Math.min(to, end + 20)));
    if (perYearTail?.[0].includes('/')) end += perYearTail[0].length;
    // "không có tỉnh, thành phố đạt dưới 60%": a bound negated is the opposite bound, as a reading.
    let negated = false;
    if (
      (comparator === 'lt' || comparator === 'gt') &&
      NEGATED_BEFORE_RE.test(text.slice(Math.max(from, comparatorStart - 80), comparatorStart))
    ) {
      comparator = comparator === 'lt' ? 'gte' : 'lte';
      negated = true;
    }
    values.push({
      start: comparatorStart,
      end,
      value,
      unit,
      ambiguous: parsed.ambiguous,
      kind,
      comparator,
      inferred: negated,
      rangeOpen,
      year: null,
      countSetAside: false,
      perYear: perYearTail !== null || averageAt < start,
      spelled: null,
    });
  }
  if (!/\d/.test(clause) || values.length === 0) values.push(...spelledCounts(text, from, to, years));
  return { values, denominator };
}

/**
 * Counts spelled out in words: "ít nhất một cơ sở" (a bound before it), "xây dựng hai mô hình" (a counting verb).
 * Only in a clause without digit values: "01 (một) cơ sở" is read once, from its digits.
 */
function spelledCounts(text: string, from: number, to: number, years: readonly YearMention[]): Candidate[] {
  const out: Candidate[] = [];
  const clause = text.slice(from, to);
  if (!SPELLED_TRIGGER_RE.test(clause)) return out;
  SPELLED_RE.lastIndex = 0;
  for (let m = SPELLED_RE.exec(clause); m; m = SPELLED_RE.exec(clause)) {
    const start = from + m.index;
    if (years.some((y) => start >= y.start && start < y.end)) continue;
    const words = m[0].toLowerCase().split(/\s+/u);
    let value = words.length > 1 ? parseVnNumberWords(m[0]) : null;
    let numEnd = start + m[0].length;
    if (value === null) {
      value = SPELLED_COUNT_WORDS[words[0] ?? ''] ?? null;
      numEnd = start + (words[0]?.length ?? 0);
    }
    if (value === null) continue;
    const next = NEXT_WORD_RE.exec(text.slice(numEnd, Math.min(to, numEnd + 30)));
    // A count names what it counts: "hai mô hình"; "một số", "một cách", "hai bên" are idioms.
    if (!next?.[1] || NOT_COUNTED_AFTER.has(next[1].toLowerCase())) continue;
    const before = text.slice(Math.max(from, start - 40), start);
    const phrase = endsWithPhrase(before, BEFORE_CMP_PHRASES);
    const comparator = phrase ? (BEFORE_CMP.find((e) => e.phrase === phrase)?.comparator ?? null) : null;
    const bound = comparator === 'gte' || comparator === 'lte';
    if (!bound && endsWithPhrase(before, COUNT_VERBS) === null) continue;
    const at = phrase && bound ? before.toLowerCase().lastIndexOf(phrase) : -1;
    out.push({
      start: at >= 0 ? start - before.length + at : start,
      end: numEnd,
      value,
      unit: next[1].toLowerCase() === 'lần' ? 'times' : 'count',
      ambiguous: false,
      kind: 'bare',
      comparator: bound ? comparator : null,
      inferred: false,
      rangeOpen: false,
      year: null,
      countSetAside: false,
      perYear: false,
      spelled: bound ? 'bound' : 'verb',
    });
  }
  return out;
}

// Between a percentage and a count: a coordinator that opens a part of its own ("… và tổ chức 200 lớp").
const COORDINATOR_RE = /,|(?<![\p{L}\p{N}])(?:và|đồng thời|cùng với)(?![\p{L}\p{N}])/iu;

/** Keeps the numbers of a clause that are target values and gives bare numbers their unit. */
function sortOut(text: string, values: Candidate[], denominator: number | null): Candidate[] {
  if (denominator !== null) {
    return values.map((v) => (v.kind === 'bare' && v.unit === 'count' ? { ...v, unit: `per-${denominator}` } : v));
  }
  // A count beside a percentage or a rate defines what is measured ("8 loại vắc xin", "ít nhất 04 tin, bài").
  // One standing after a coordinator may instead be a second target: the value before it says so.
  if (values.some((v) => v.kind !== 'bare')) {
    const kept = values.filter((v) => v.kind !== 'bare');
    let k = 0;
    for (const c of values) {
      if (c.kind !== 'bare') continue;
      while (k < kept.length && (kept[k] as Candidate).end <= c.start) k++;
      const prev = kept[k - 1];
      if (prev && COORDINATOR_RE.test(text.slice(prev.end, c.start))) prev.countSetAside = true;
    }
    return kept;
  }
  return values;
}

// A year measured from ("so với năm 2020") or prices are measured in ("giá so sánh năm 2010") is never due.
const BASELINE_BEFORE = [...TARGET_WORDS.baselineLead, ...TARGET_WORDS.priceYearLead].sort(
  (a, b) => b.length - a.length,
);
// "duy trì đến năm 2030" keeps a value already stated; it is not the due year of another one.
const MAINTAIN_BEFORE = [...TARGET_WORDS.maintain].sort((a, b) => b.length - a.length);

/**
 * Attaches years within one clause (see the header comment); returns the year phrase opening the clause, if any.
 * A clause may mix both styles: "đến năm 2025 đạt 90% và 95% vào năm 2030" — the opening year dates the first
 * value after it, a year phrase closing the clause dates the values after that first one.
 */
function attachYears(text: string, values: Candidate[], years: readonly YearMention[]): YearMention | null {
  const events = [
    ...values.map((v) => ({ at: v.start, v, y: null as YearMention | null })),
    ...years.map((y) => ({ at: y.start, v: null as Candidate | null, y })),
  ].sort((a, b) => a.at - b.at);
  const first = events[0];
  const prefixStyle = first !== undefined && first.y !== null;
  let current: YearMention | null = null;
  let pending: Candidate[] = [];
  const lastValueAt = events.findLastIndex((e) => e.v !== null);
  events.forEach((e, i) => {
    if (e.v) {
      if (!prefixStyle) pending.push(e.v);
      else {
        e.v.year = current;
        pending.push(e.v);
      }
      return;
    }
    const y = e.y;
    if (!y) return;
    if (!prefixStyle) {
      for (const p of pending) p.year = y;
      pending = [];
      return;
    }
    const valueFollows = i < lastValueAt;
    const maintains = endsWithPhrase(text.slice(Math.max(0, y.start - 30), y.start), MAINTAIN_BEFORE) !== null;
    if (!valueFollows && y.year !== null && !maintains && pending.length > 1) {
      for (const p of pending.slice(1)) p.year = y;
      return;
    }
    current = y;
    pending = [];
  });
  return prefixStyle && first?.y ? first.y : null;
}

// Between two values of a list: nothing but a few words naming what the first counts, then "," / "và" / "hoặc".
const LIST_GAP_RE = /^[^,;.:()]{0,80}(?:,|(?<![\p{L}\p{N}])(?:và|hoặc))\s*$/iu;

/**
 * Carries a bound over to an elliptical next value: "dưới 2% vào năm 2025 và 1,5% vào năm 2030", or a list
 * "ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ". Either way the bound is
 * a reading, not a statement: the value is marked inferred.
 */
function carryComparators(text: string, values: Candidate[], years: readonly YearMention[], clauseEnd: number): void {
  const yearsOut = (a: number, b: number) => {
    let s = text.slice(a, b);
    for (let i = firstFrom(years, a); i < years.length && (years[i] as YearMention).end <= b; i++) {
      const y = years[i] as YearMention;
      s = s.replace(text.slice(y.start, y.end), ' ');
    }
    return s;
  };
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1]!;
    const v = values[i]!;
    if (v.comparator || !prev.comparator || prev.comparator === 'eq' || prev.unit !== v.unit) continue;
    const gap = yearsOut(prev.end, v.start);
    const nextYear = years[firstFrom(years, v.end)];
    const tail = text.slice(v.end, nextYear ? nextYear.start : clauseEnd);
    const elliptical = /^[\s,]*(?:và|hoặc)?[\s,]*$/iu.test(gap) && /^[\s,.]*$/u.test(tail);
    // A whole ("100%") is never "more than" or "at least" anything but itself.
    const listed = LIST_GAP_RE.test(gap) && !(v.kind === 'percent' && v.value >= 100);
    if (!elliptical && !listed) continue;
    v.comparator = prev.comparator;
    v.inferred = true;
  }
}

/**
 * A change from a baseline: "từ A … xuống/lên/còn B" (A opened by "từ", a change word just before B). B is the
 * value, A its baseline; year phrases between them date the baseline ("từ 12% năm 2024 xuống 10%"), not B.
 * Counter-example: "từ 20% đến 30%" is a range (no change word), read by mergeRanges.
 */
function pairBaselines(
  text: string,
  values: Candidate[],
  years: readonly YearMention[],
): { values: Candidate[]; baselineYears: Set<YearMention> } {
  const baselineYears = new Set<YearMention>();
  if (values.length < 2 || !values.some((v) => v.rangeOpen)) return { values, baselineYears };
  const out: Candidate[] = [];
  for (let i = 0; i < values.length; i++) {
    const a = values[i]!;
    const b = values[i + 1];
    if (b && a.rangeOpen && !a.comparator && (a.unit === b.unit || a.unit === 'count')) {
      let gap = text.slice(a.end, b.start);
      const inGap = years.filter((y) => y.start >= a.end && y.end <= b.start);
      for (const y of inGap) gap = gap.replace(text.slice(y.start, y.end), ' ');
      if (gap.length <= 60 && !/[;:]/u.test(gap) && endsWithPhrase(gap, CHANGE_TO) !== null) {
        b.baseline = a.value;
        b.start = a.start;
        b.ambiguous ||= a.ambiguous;
        for (const y of inGap) baselineYears.add(y);
        out.push(b);
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return { values: out, baselineYears };
}

const STATUS_LEAD_RE = new RegExp(`${B_BEFORE}(?:${alternation(TARGET_WORDS.statusLead)})${B_AFTER}`, 'iu');

/**
 * The level reached so far, stated beside a target, is no target: "đạt 85% trở lên (năm 2024 đạt 80,2%)" — a
 * parenthesis holding a value and a year of its own —, "Hiện nay tỷ lệ … là 92%, phấn đấu … đạt 96%" — values after
 * a status word up to the next comma. Each becomes the baseline of the nearest target of the same unit (the one
 * before a parenthesis, the one after a status phrase), and a year inside a parenthesis dates nothing outside it.
 */
function setAsideStatus(
  text: string,
  values: Candidate[],
  years: readonly YearMention[],
  from: number,
  to: number,
): { values: Candidate[]; statusYears: Set<YearMention> } {
  const statusYears = new Set<YearMention>();
  if (values.length === 0) return { values, statusYears };
  const status = new Set<Candidate>();
  // Parentheses with a value and a year inside.
  for (let open = text.indexOf('(', from); open >= 0 && open < to; open = text.indexOf('(', open + 1)) {
    const close = text.indexOf(')', open);
    if (close < 0 || close > to || close - open > 80) continue;
    const inside = values.filter((v) => v.start > open && v.end <= close);
    const yearsIn = years.filter((y) => y.start > open && y.end <= close && y.year !== null);
    if (inside.length === 0 || yearsIn.length === 0 || inside.length === values.length) continue;
    for (const v of inside) status.add(v);
    for (const y of yearsIn) statusYears.add(y);
  }
  // A status phrase up to the next comma.
  if (STATUS_LEAD_RE.test(text.slice(from, to))) {
    for (const v of values) {
      const lead = text.slice(Math.max(from, v.start - 60), v.start);
      const since = lead.slice(Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';')) + 1);
      if (STATUS_LEAD_RE.test(since) && values.some((w) => w.start > v.end && w.unit === v.unit)) status.add(v);
    }
  }
  if (status.size === 0) return { values, statusYears };
  const kept = values.filter((v) => !status.has(v));
  for (const s of status) {
    const before = kept.filter((v) => v.end <= s.start && v.unit === s.unit).at(-1);
    const after = kept.find((v) => v.start >= s.end && v.unit === s.unit);
    const target = text.slice(0, s.start).lastIndexOf('(') > (before?.end ?? -1) ? before : after;
    if (target && target.baseline === undefined && target.max === undefined) target.baseline = s.value;
  }
  return { values: kept, statusYears };
}

/**
 * Ranges stay one value: "05 - 06%/năm", "từ 20% đến 30%" → value 5 (gte), min 5, max 6. A value opened by "từ"
 * with no second end ("từ 05 bộ dữ liệu mở") is a lower bound.
 */
function mergeRanges(text: string, values: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < values.length; i++) {
    const prev = values[i]!;
    const v = values[i + 1];
    if (v && !prev.comparator && !v.comparator && prev.baseline === undefined && v.baseline === undefined) {
      const gap = text.slice(prev.end, v.start);
      // "4.700 - 5.000 USD", "6,5 - 7%": a range may write its unit once, after the upper end.
      const dash =
        /^\s*[-–]\s*$/u.test(gap) && (prev.unit === v.unit || (prev.kind === 'bare' && prev.unit === 'count'));
      if ((dash || (prev.rangeOpen && /^\s*(?:đến|tới|-|–)\s*$/u.test(gap))) && v.value > prev.value) {
        // Candidates are this clause's own objects: the lower end becomes the range.
        prev.comparator = 'gte';
        prev.unit = v.unit;
        prev.kind = v.kind;
        prev.end = v.end;
        prev.max = v.value;
        prev.ambiguous ||= v.ambiguous;
        prev.perYear ||= v.perYear;
        out.push(prev);
        i++;
        continue;
      }
    }
    if (prev.rangeOpen && !prev.comparator && prev.baseline === undefined) prev.comparator = 'gte';
    out.push(prev);
  }
  return out;
}

/**
 * "có ít nhất 100 doanh nghiệp, trong đó có 20 doanh nghiệp công nghệ": the part shares the bound of the total
 * it belongs to, as a reading (inferred). A part of an exact total stays exact.
 */
function sharePartBounds(text: string, values: Candidate[], earlier: readonly ValueReading[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.comparator) continue;
    const raw = text.slice(Math.max(0, v.start - 24), v.start);
    // Every phrase of PART_OF holds "trong": most values are passed over without reading their lead.
    if (!raw.toLowerCase().includes('trong')) continue;
    const lead = raw.replace(/^[^,.;]*[.;]\s*/u, ' ');
    if (endsWithPhrase(lead, PART_OF) === null) continue;
    // The total stands before the part: in this clause, or closing the clause before ("… 100 doanh nghiệp. Trong đó …").
    const total = i > 0 ? values[i - 1] : earlier.at(-1);
    const prevCmp = total?.comparator;
    const prevUnit = total?.unit;
    if (prevCmp && prevCmp !== 'eq' && prevUnit === v.unit) {
      v.comparator = prevCmp;
      v.inferred = true;
    }
  }
}

// What may stand before a year phrase that opens a line: bullets, item labels, markup, a "Chỉ tiêu 3:" label.
const LINE_OPENING_RE =
  /^[\s\-–+•*_]*(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2}){0,3}[.)])?[\s*_]*(?:(?:chỉ|mục)\s+tiêu\s+(?:số\s+)?\d{1,3}\s*[:.)-])?[\s*_]*$/iu;

/** Reads the target values one line states, in order of appearance. */
export function readTargetValues(text: string): ValueReading[] {
  const allYears = yearMentions(text);
  const out: ValueReading[] = [];
  let lineYear: YearMention | null = null;
  let seenValue = false;
  for (const [from, to] of clauses(text)) {
    const years = allYears.slice(firstFrom(allYears, from), firstFrom(allYears, to));
    const { values: raw, denominator } = readCandidates(text, from, to, years);
    // "giảm từ 3,5% (năm 2024) xuống 2%": the first number and any year between them are the baseline.
    // "ít nhất 2 cơ sở … thuộc nhóm 100 đại học hàng đầu": a rank after another value names what it counts.
    const sorted = sortOut(text, raw, denominator).filter((v, i) => v.unit !== 'rank' || i === 0);
    const { values: changed, baselineYears } = pairBaselines(text, sorted, years);
    const { values, statusYears } = setAsideStatus(text, mergeRanges(text, changed), years, from, to);
    const dueYears = years.filter((y) => !y.baseline && !baselineYears.has(y) && !statusYears.has(y));
    carryComparators(text, values, years, to);
    sharePartBounds(text, values, out);
    const opening = attachYears(text, values, dueYears);
    if (!seenValue && opening && lineYear === null) lineYear = opening;
    if (values.length > 0) seenValue = true;
    for (const v of values) {
      const year = v.year ?? lineYear;
      // A year phrase from an earlier clause dates this one for sure only when it opens the line ("Hằng năm, …").
      const carried = v.year === null && lineYear !== null && !LINE_OPENING_RE.test(text.slice(0, lineYear.start));
      const reading: ValueReading = {
        value: v.value,
        unit: v.unit,
        comparator: v.comparator ?? 'eq',
        year: year?.year ?? null,
        text: text.slice(v.start, v.end).replace(/[*_]+/g, '').trim(),
        start: v.start,
        end: v.end,
        yearFrom: year === null ? 'none' : year.year === null ? 'recurring' : 'stated',
        ambiguous: v.ambiguous,
        comparatorInferred: v.inferred,
        yearCarried: carried,
        countSetAside: v.countSetAside,
        spelled: v.spelled,
      };
      if (v.baseline !== undefined) reading.baseline = v.baseline;
      if (v.max !== undefined) {
        reading.min = v.value;
        reading.max = v.max;
      }
      if (v.perYear) reading.per = 'year';
      out.push(reading);
    }
  }
  return out;
}

/** The due years a heading states, in order ("Mục tiêu cụ thể đến năm 2025", "giai đoạn 2021 - 2025" → 2025). */
export function headingYears(text: string): number[] {
  const out: number[] = [];
  for (const y of yearMentions(text)) if (y.year !== null && !y.baseline) out.push(y.year);
  return out;
}

/** The year a heading dates its targets with: the first it states. */
export function headingYear(text: string): number | null {
  return headingYears(text)[0] ?? null;
}
