// The plan's budget: its overall amount in đồng (stated in the KINH PHÍ section, "… là 2.104.470.000 đồng
// (Hai tỷ … đồng)", or else the total row of its budget table) and the funding sources it lists.
import { absent, field } from '../contract/field.js';
import type { Budget, Confidence, Span, Table } from '../contract/schema.js';
import type { Doc, Line, Outline } from '../doc/types.js';
import { parseVnNumber } from '../numbers/parse.js';
import { parseVnNumberWords } from '../numbers/words.js';
import {
  APPROXIMATE_WORDS,
  BREAKDOWN_INTROS,
  FUNDING_CONTINUATIONS,
  FUNDING_KEYWORDS,
  FUNDING_STOPS,
  MONEY_UNITS,
  moneyUnit,
  NEED_CONTEXT,
  NOT_BUDGET_CONTEXT,
  PER_YEAR_AFTER,
  PER_YEAR_CONTEXT,
  TOTAL_CONTEXT,
} from '../rules/money.js';
import { cleanCell } from './tables.js';

const BUDGET_HEADING = /kinh phí|nguồn lực tài chính|nguồn vốn|nhu cầu vốn/i;
const ROMAN_HEADING = /^\W*[IVX]+\s*\.\s+\S/;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Only units that say "đồng" (or its sign "đ", as in "500.000.000đ"): a bare "tỷ" is as often people or
// tonnes as money.
const MONEY_UNIT_WORDS = MONEY_UNITS.flatMap((u) => u.aliases)
  .filter((a) => (/đồng|vnđ/.test(a) || a === 'đ') && !/^\d/.test(a))
  .sort((a, b) => b.length - a.length)
  .map(esc);
// The number starts at a chain's start only and is matched atomically (lookahead + backreference), so a long
// run of digits and dots without a unit is rejected in linear time instead of being retried at every offset.
const AMOUNT = new RegExp(
  `(?<![\\d.,])(?=(\\d+(?:[.,]\\d+)*))\\1\\s*(${MONEY_UNIT_WORDS.join('|')})(?![\\p{L}])(?:\\s*\\(([^()]{3,300})\\))?`,
  'giu',
);
const WORD_START = /^(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mốt|không|trăm|nghìn|ngàn|triệu|tỷ|tỉ)(?:\s|$)/i;

interface Zone {
  text: string;
  /** [offset in `text`, line] for each line joined into `text`. */
  starts: Array<[number, Line]>;
}

function zoneOf(lines: readonly Line[]): Zone {
  const starts: Array<[number, Line]> = [];
  let text = '';
  for (const l of lines) {
    if (l.kind === 'blank') continue;
    if (text !== '') text += ' ';
    starts.push([text.length, l]);
    text += l.text;
  }
  return { text, starts };
}

function spanIn(zone: Zone, from: number, to: number): Span {
  // The last line starting at or before an offset, by binary search over the ordered starts.
  const lineAt = (off: number): [number, Line] | undefined => {
    let lo = 0;
    let hi = zone.starts.length - 1;
    let found: [number, Line] | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = zone.starts[mid] as [number, Line];
      if (s[0] <= off) {
        found = s;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const at = lineAt(from);
  const last = lineAt(to);
  if (!at || !last) return { start: 0, end: 0, line: 1 };
  const start = at[1].start + (from - at[0]);
  const end = Math.min(last[1].end, last[1].start + Math.max(0, to - last[0]));
  return { start, end: Math.max(start, end), line: at[1].number };
}

/** Lines of the section(s) about funding: a Roman heading with "KINH PHÍ", else such a heading line. */
function budgetLines(doc: Doc, outline: Outline): Line[] {
  const sections = outline.sections.filter((s) => BUDGET_HEADING.test(s.title));
  if (sections.length > 0) return sections.flatMap((s) => doc.lines.slice(s.headLine, s.endLine));
  const lines = doc.lines;
  const start = lines.findIndex(
    (l, i) =>
      i >= outline.bodyStart &&
      l.kind === 'text' &&
      /KINH PHÍ/.test(l.text) &&
      (ROMAN_HEADING.test(l.text) || l.text === l.text.toUpperCase()),
  );
  if (start < 0) return [];
  let end = start + 1;
  while (end < lines.length && end - start < 60 && !ROMAN_HEADING.test(lines[end]?.text ?? '')) end++;
  return lines.slice(start, end);
}

/** How an amount relates to the plan's period. */
type Reach = 'period' | 'year' | 'per-year';

/** One amount of money written in the text, with what its sentence says about it. */
interface Mention {
  at: number;
  end: number;
  amount: number;
  text: string;
  words: string | null;
  wordsValue: number | null;
  ambiguous: boolean;
  approximate: boolean;
  reach: Reach;
  /** The year a one-year figure is for ("năm 2024 là …"). */
  year: number | null;
  score: number;
  /** True when a breakdown ("trong đó: …") opens right after it. */
  opens: boolean;
  /** Amounts of its breakdown, in order; empty when none. */
  parts: Mention[];
  /** True when it is a part of an earlier total's breakdown. */
  isPart: boolean;
  /** Computed, not stated: a yearly figure times the years it is written against ("… đồng/năm x 05 năm"). */
  computed: boolean;
  /** "A đồng/năm x N năm = B đồng" where A × N ≠ B. */
  productMismatch: boolean;
  span: Span;
}

function has(context: string, words: readonly string[]): boolean {
  return words.some((w) => context.includes(w));
}

const wordsAlt = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');
const APPROXIMATE_BEFORE = new RegExp(`(?<![\\p{L}])(?:${wordsAlt(APPROXIMATE_WORDS)})\\s*(?:là\\s*)?$`, 'iu');
const PER_YEAR_NEXT = new RegExp(`^\\s*(?:${wordsAlt(PER_YEAR_AFTER)})(?![\\p{L}])`, 'iu');
const OPENS_BREAKDOWN = new RegExp(`^\\s*[,;:.]?\\s*(?:${wordsAlt(BREAKDOWN_INTROS)})(?![\\p{L}])`, 'iu');
// "năm 2024 là …" names one year; "đến năm 2025", "từ năm 2021" and "năm 2021 - 2025" bound a period instead.
// "1.500.000.000 đồng/năm x 05 năm = 7.500.000.000 đồng": the amount after "= " is the period total; one followed
// by "x 05 năm" and no result is multiplied out (computed). The count of years is at most two digits.
const TIMES_BEFORE = /(?:[x×*]|nhân(?:\s+với)?)\s*0*(\d{1,2})\s*năm\s*(?:[=:]|là|bằng)\s*$/u;
const TIMES_AFTER = /^\s*(?:\/\s*năm\s*)?(?:[x×*]|nhân(?:\s+với)?)\s*0*(\d{1,2})\s*năm(?!\s*(?:[=:]|là|bằng)\s*\d)/iu;
const ONE_YEAR = /(?<!(?:đến|tới|từ|trước|sau)\s)năm\s+(20\d\d)(?!\s*[-–—]\s*(?:20)?\d\d)(?![\d])/giu;

function reachOf(before: string, after: string): { reach: Reach; year: number | null } {
  if (has(before.slice(-60), PER_YEAR_CONTEXT) || PER_YEAR_NEXT.test(after)) return { reach: 'per-year', year: null };
  // Only a year named close before the amount is the amount's year, not one cited earlier in the sentence.
  const near = before.slice(-45);
  const years = [...near.matchAll(ONE_YEAR)];
  const last = years[years.length - 1];
  if (last && !/giai đoạn|\d{4}\s*[-–—]\s*\d{2,4}/.test(near.slice(last.index ?? 0))) {
    return { reach: 'year', year: Number(last[1]) };
  }
  return { reach: 'period', year: null };
}

function mentions(zone: Zone, requireTotalContext: boolean): Mention[] {
  const out: Mention[] = [];
  for (const m of zone.text.matchAll(AMOUNT)) {
    const [whole, digits = '', unitText = '', paren] = m;
    const unit = moneyUnit(unitText);
    const n = parseVnNumber(digits, { notation: 'vn' });
    if (!unit || !n || n.value <= 0) continue;
    const at = m.index ?? 0;
    const end = at + whole.length;
    // The context is the same sentence, at most 160 characters back (bounded: linear on any input).
    const window = zone.text.slice(Math.max(0, at - 160), at);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('; '));
    const before = (cut >= 0 ? window.slice(cut + 2) : window).toLowerCase();
    if (has(before, NOT_BUDGET_CONTEXT)) continue;
    const after = zone.text.slice(end, end + 40);
    let score = 0;
    if (has(before, TOTAL_CONTEXT)) score += 3;
    if (/(?:^|\s)là\s*$/.test(before)) score += 2;
    if (/kinh phí|dự toán/.test(before)) score += 1;
    let { reach, year } = reachOf(before, after);
    const times = TIMES_BEFORE.exec(before);
    let productMismatch = false;
    if (times) {
      // The result of "A đồng/năm x N năm =": the period total, checked against A × N when A was read.
      reach = 'period';
      year = null;
      score += 3;
      const yearly = out.at(-1);
      if (yearly && yearly.reach === 'per-year' && at - yearly.end < 60) {
        productMismatch = Math.abs(yearly.amount * Number(times[1]) - Math.round(n.value * unit.multiplier)) >= 0.5;
      }
    }
    if (reach !== 'period') score -= 4;
    // Outside the funding section only the plan's own cost counts ("Tổng kinh phí thực hiện … là").
    if (requireTotalContext && (score < 3 || !(before.includes('kinh phí') || has(before, NEED_CONTEXT)))) continue;
    const inner = paren?.trim().replace(/^bằng chữ\s*:?\s*/iu, '') ?? null;
    const words = inner && WORD_START.test(inner) ? inner : null;
    out.push({
      at,
      end,
      amount: Math.round(n.value * unit.multiplier),
      text: `${digits} ${unitText}`,
      words,
      wordsValue: words ? parseVnNumberWords(words) : null,
      ambiguous: n.ambiguous,
      approximate: APPROXIMATE_BEFORE.test(before) || has(before, NEED_CONTEXT),
      reach,
      year,
      score,
      opens: OPENS_BREAKDOWN.test(after),
      parts: [],
      isPart: false,
      computed: false,
      productMismatch,
      span: spanIn(zone, at, end),
    });
    const product = reach === 'per-year' ? TIMES_AFTER.exec(after) : null;
    const last = out.at(-1);
    if (product && last) {
      // "1,5 tỷ đồng/năm x 05 năm" with no result written: the period total is the product, as a reading.
      const years = Number(product[1]);
      out.push({
        ...last,
        end: end + product[0].length,
        amount: last.amount * years,
        text: `${last.text}/năm x ${years} năm`,
        words: null,
        wordsValue: null,
        reach: 'period',
        score: score + 4 + 3,
        computed: true,
        span: spanIn(zone, at, end + product[0].length),
      });
    }
  }
  return out;
}

// A breakdown is a list: items end at ";" or "." or before a bullet. It runs while its items state amounts,
// and a sentence end not followed by another item ("- …", "a) …", "2. …", lower case) closes it.
const ITEM_END = /[;.]\s+|\s(?=[-+•*]\s)/;
const NEXT_ITEM = /^(?:[-+•*]|[a-zđ]\)|\d+[.)]|\p{Ll})/u;
/** A breakdown never runs longer than this; it bounds the scan. */
const BREAKDOWN_WINDOW = 1500;

/**
 * Where the breakdown opened right after `from` ends. `starts` are the offsets where amounts start, in order;
 * `k` the first of them at or after `from`.
 */
function breakdownEnd(text: string, from: number, starts: readonly number[], k: number): number {
  // Scanning a bounded slice keeps each breakdown's cost independent of the text's length.
  const region = text.slice(from, from + BREAKDOWN_WINDOW);
  const intro = OPENS_BREAKDOWN.exec(region);
  let pos = intro?.[0].length ?? 0;
  let end = pos;
  let i = k;
  const items = new RegExp(ITEM_END.source, 'g');
  items.lastIndex = pos;
  while (pos < region.length) {
    const m = items.exec(region);
    const stop = m ? m.index : region.length;
    const next = m ? m.index + m[0].length : region.length;
    if (region.slice(pos, stop).replace(/[\s:,.\-+•*]+/g, '') !== '') {
      while (i < starts.length && (starts[i] as number) < from + pos) i++;
      if (i >= starts.length || (starts[i] as number) >= from + stop) break;
      end = stop;
      if (m?.[0].startsWith('.') && !NEXT_ITEM.test(region.slice(next, next + 4))) break;
    }
    if (!m || next <= pos) break;
    pos = next;
  }
  return from + end;
}

/** Marks the amounts listed in each total's breakdown as its parts. Mentions come in text order. */
function linkBreakdowns(text: string, all: Mention[]): void {
  const starts = all.map((m) => m.at);
  all.forEach((m, k) => {
    if (m.isPart || !m.opens) return;
    const end = breakdownEnd(text, m.end, starts, k + 1);
    for (let j = k + 1; j < all.length && (all[j] as Mention).at < end; j++) {
      const p = all[j] as Mention;
      p.isPart = true;
      m.parts.push(p);
    }
  });
}

/**
 * True when the parts add up to the total. A part with a breakdown of its own is followed by its sub-parts,
 * which are skipped; a lone part smaller than the total is a "trong đó" naming one share only, which is fine.
 */
function partsAddUp(total: Mention): boolean {
  const top: number[] = [];
  const ps = total.parts;
  for (let i = 0; i < ps.length; ) {
    const p = ps[i] as Mention;
    top.push(p.amount);
    i++;
    if (!p.opens) continue;
    let sub = 0;
    while (i < ps.length && sub < p.amount) {
      sub += (ps[i] as Mention).amount;
      i++;
    }
  }
  const sum = top.reduce((a, b) => a + b, 0);
  if (top.length === 1) return sum <= total.amount;
  return Math.abs(sum - total.amount) < 0.5;
}

function chooseCandidate(cands: Mention[], period: Period | null): { best: Mention; flags: string[] } | null {
  // A figure for the plan's only year is its period total ("Kế hoạch năm 2024": "năm 2024 là 850 triệu").
  const isPeriod = (c: Mention) =>
    c.reach === 'period' ||
    (c.reach === 'year' && period !== null && period.from === period.to && c.year === period.from);
  const totals = cands.filter((c) => !c.isPart && isPeriod(c));
  const pool = totals.length > 0 ? totals : cands.filter((c) => !c.isPart);
  if (pool.length === 0) return null;
  // Highest score; among equals a period total outweighs the parts it sums.
  const sorted = [...pool].sort((a, b) => b.score - a.score || b.amount - a.amount);
  const best = sorted[0] as Mention;
  const flags: string[] = [];
  if (!isPeriod(best)) flags.push('per-year');
  const rivals = sorted.filter((c) => c.amount !== best.amount && c.score >= best.score - 1);
  // Rivals that add up to the best are its parts, listed without a "trong đó".
  const rivalSum = rivals.reduce((a, c) => a + c.amount, 0);
  if (rivals.length > 0 && !(rivals.length > 1 && Math.abs(rivalSum - best.amount) < 0.5)) {
    flags.push('budget-several-amounts');
  }
  if (best.parts.length > 0 && !partsAddUp(best)) flags.push('sum-mismatch');
  if (best.productMismatch) flags.push('sum-mismatch');
  if (best.computed) flags.push('inferred');
  if (best.approximate) flags.push('approximate');
  if (best.ambiguous) flags.push('ambiguous-number');
  return { best, flags };
}

/** A budget table's grand total, in đồng, when the table is the plan's cost table. */
export function budgetTableTotal(table: Table): { amount: number; text: string; row: number; column: number } | null {
  if (table.kind !== 'budget' || table.multiplier === null) return null;
  const about = `${table.title ?? ''} ${table.columns.join(' ')}`.toLowerCase();
  // Revenue and spending tables of a finance plan ("DỰ TOÁN THU NSNN") are budgets, not this plan's cost.
  if (!/kinh phí/.test(about) && !(/dự toán/.test(about) && !/\bthu\b|\bchi\b/.test(about))) return null;
  const row = table.rows.findIndex((r) => /^(?:tổng|cộng)(?:\s|$|:)/i.test(r.label ?? ''));
  const r = table.rows[row];
  if (!r) return null;
  // The grand total is the largest figure of the total row: parts are never larger than their sum. A header
  // naming the column a total is a hint only, as multi-level headers are easily read one column off.
  let column = -1;
  r.values.forEach((v, i) => {
    if (v !== null && (column < 0 || v > (r.values[column] ?? 0))) column = i;
  });
  const named = table.columns.some((c) => /^(?:tổng|cộng)/i.test(c.split(' / ').pop() ?? ''));
  const numeric = r.values.filter((v) => v !== null).length;
  if (column < 0 || (!named && numeric > 1)) return null;
  const v = r.values[column];
  if (v === null || v === undefined || v < 0) return null;
  return { amount: Math.round(v * table.multiplier), text: r.cells[column] ?? String(v), row, column };
}

function tableRowSpan(doc: Doc, table: Table, row: number): Span {
  const dt = doc.tables[Number(table.id.replace(/^\D+/, '')) - 1];
  const label = table.rows[row]?.label ?? null;
  const hit = dt?.rows.find((r) => r.cells.some((c) => label !== null && cleanCell(c.text) === label));
  return hit?.span ?? table.source;
}

function sentenceCase(s: string): string {
  // "Ngân sách nhà nước" at the head of a numbered item is the same source as "ngân sách nhà nước".
  return /^\p{Lu}\p{Ll}/u.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s;
}

const KEYWORD_AT = new RegExp(`(?<![\\p{L}])(?:các\\s+)?(?:${FUNDING_KEYWORDS.map(esc).join('|')})(?![\\p{L}])`, 'giu');
const STOP_AT = new RegExp(`\\s(?:${FUNDING_STOPS.map(esc).join('|')})(?![\\p{L}])`, 'iu');
const CONTINUES = new RegExp(`^(?:${FUNDING_CONTINUATIONS.map(esc).join('|')})`, 'iu');
const STARTS_SOURCE = new RegExp(`^(?:các\\s+)?(?:${FUNDING_KEYWORDS.map(esc).join('|')})(?![\\p{L}])`, 'iu');

function cutSource(rest: string): string {
  let s = rest;
  // A sentence or clause ends it, and so do words saying how it is allocated.
  const end = s.search(/[.;:](?:\s|$)|\(nếu có\)|\s[a-zđ]\)\s|\s\d+\.\s/);
  if (end >= 0) s = s.slice(0, end);
  const stop = s.slice(1).search(STOP_AT);
  if (stop >= 0) s = s.slice(0, stop + 1);
  // "và" or a comma ends it before another source, a comma also before anything not continuing the name
  // ("các tổ chức, cá nhân" continues; "trong và ngoài nước" is not a new source).
  const parts = s.split(/(\s+và\s+|,\s*)/);
  let out = parts[0] ?? '';
  for (let k = 1; k + 1 < parts.length; k += 2) {
    const sep = parts[k] ?? '';
    const next = parts[k + 1] ?? '';
    if (STARTS_SOURCE.test(next) || (sep.includes(',') && !CONTINUES.test(next))) break;
    out += sep + next;
  }
  return out.trim();
}

/** True when the source's name was cut by a stop word: the rest of that clause describes it. */
function stopped(text: string, at: number, raw: string): boolean {
  return STOP_AT.test(text.slice(at + raw.length - 1, at + raw.length + 20).replace(/^\S*/, ''));
}

const NEXT_CLAUSE = new RegExp(
  `[,;.:](?:\\s|$)|\\s[a-zđ]\\)\\s|\\s\\d+\\.\\s|\\svà(?=\\s+(?:các\\s+)?(?:${FUNDING_KEYWORDS.map(esc).join('|')})(?![\\p{L}]))`,
  'iu',
);
// A keyword right after these words names a law or a budget process, not a source ("Luật Ngân sách nhà nước",
// "pháp luật về ngân sách", "lập dự toán ngân sách", "phân cấp ngân sách").
const REFERENCE_BEFORE = /(?:luật|pháp luật về|dự toán|dự toán chi|phân cấp|quyết toán)\s*$/iu;

/** What follows a list's introducer when the source comes next: "(thực hiện) (được lấy) từ …". */
const INTRO_FROM = /^\s+(?:thực hiện\s+)?(?:được\s+)?(?:lấy\s+)?từ\s+(?=\p{L})/iu;

/** A source's name never runs longer than this; it bounds every scan so the whole pass stays linear. */
const SOURCE_WINDOW = 400;

function nextSeparator(text: string, from: number): number {
  const rest = text.slice(from, from + SOURCE_WINDOW);
  const k = rest.search(NEXT_CLAUSE);
  return k < 0 ? from + rest.length : from + k + 1;
}

function fundingSources(lines: readonly Line[]): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  // The section heading ("IV. KINH PHÍ THỰC HIỆN") is not part of the list.
  const body = lines.filter((l) => l.kind === 'text' && !ROMAN_HEADING.test(l.text) && l.text !== l.text.toUpperCase());
  const text = zoneOf(body).text.replace(/[*_]+/g, '');
  let from = 0;
  while (from < text.length) {
    KEYWORD_AT.lastIndex = from;
    const m = KEYWORD_AT.exec(text);
    if (!m) break;
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) {
      from = m.index + m[0].length;
      continue;
    }
    const raw = cutSource(text.slice(m.index, m.index + SOURCE_WINDOW));
    from = m.index + Math.max(raw.length, m[0].length);
    // "Nguồn kinh phí thực hiện gồm: …" introduces the list; it is not a source itself. "Nguồn kinh phí thực hiện
    // từ các doanh nghiệp viễn thông …" names the source after "từ", in words no keyword starts.
    if (/^(?:các\s+)?nguồn(?:\s+kinh phí|\s+lực)?$/i.test(raw) || raw.split(/\s+/).length < 2 || raw.length > 160) {
      from = m.index + m[0].length;
      const after = text.slice(m.index + raw.length, m.index + raw.length + SOURCE_WINDOW);
      const named = /^nguồn/i.test(raw) ? INTRO_FROM.exec(after) : null;
      const rest = named ? after.slice(named[0].length) : '';
      if (named && !STARTS_SOURCE.test(rest)) {
        const source = cutSource(rest);
        if (source.split(/\s+/).length >= 2 && !seen.has(source.toLowerCase())) {
          seen.add(source.toLowerCase());
          found.push(source);
        }
        from = m.index + raw.length + named[0].length + Math.max(1, source.length);
      }
      continue;
    }
    if (stopped(text, m.index, raw)) from = nextSeparator(text, from);
    const source = sentenceCase(raw.replace(/^(?:từ\s+)?nguồn\s+(?=ngân sách|vốn)/i, '').trim());
    const key = source.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      found.push(source);
    }
  }
  return found;
}

/** The plan's period, as read from its title; it tells a one-year plan's "năm 2024 là …" apart. */
export interface Period {
  from: number;
  to: number;
}

export function extractBudget(doc: Doc, outline: Outline, tables: Table[], period: Period | null = null): Budget {
  const lines = budgetLines(doc, outline);
  const sources = fundingSources(lines);
  let zone = zoneOf(lines.filter((l) => l.kind === 'text'));
  let cands = mentions(zone, false);
  if (cands.length === 0) {
    const body = doc.lines.slice(outline.bodyStart, outline.bodyEnd > outline.bodyStart ? outline.bodyEnd : undefined);
    zone = zoneOf(body.filter((l) => l.kind === 'text'));
    cands = mentions(zone, true);
  }
  linkBreakdowns(zone.text, cands);
  const choice = chooseCandidate(cands, period);
  if (choice) {
    const { best, flags } = choice;
    let confidence: Confidence = flags.length > 0 ? 'medium' : 'high';
    if (best.words !== null && best.wordsValue !== best.amount) {
      confidence = 'low';
      flags.push('words-mismatch');
    }
    return {
      total: field(
        { amount: best.amount, currency: 'VND', text: best.text, words: best.words },
        best.span,
        confidence,
        flags,
      ),
      fundingSources: sources,
    };
  }
  for (const t of tables) {
    const total = budgetTableTotal(t);
    if (!total) continue;
    const flags = t.confidence === 'high' ? [] : t.flags.length > 0 ? t.flags : ['sum-mismatch'];
    return {
      total: field(
        { amount: total.amount, currency: 'VND', text: `${total.text} ${t.unit ?? ''}`.trim(), words: null },
        tableRowSpan(doc, t, total.row),
        t.confidence,
        flags,
      ),
      fundingSources: sources,
    };
  }
  return { total: absent(), fundingSources: sources };
}
