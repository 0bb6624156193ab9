// Zones: segments the normalised text into header, Roman-numeral sections with their item trees, and the tail
// (closing formula, signature, appendices). Computed once; every field extractor reads it.
//
// Choices worth knowing:
// - Only text lines can be headings or items: Roman numerals inside tables are table rows, never sections.
// - The body ends at the first tail marker ("Nơi nhận:", "TM./KT. …", "PHỤ LỤC") after the first section, or
//   earlier at a closing formula ("Trên đây là Kế hoạch …") that follows the last section heading.
// - Documents split into parts ("PHẦN I … PHẦN II …") usually review past results in the first part and plan in
//   the next; sections are read from the parts that plan (titles without "kết quả", "đánh giá", …), or from
//   the last part with sections when every part looks like a review. The skipped parts get an info diagnostic.
// - Numerals are accepted in sequence: the next number, a repeat of the last one (flag `repeated-numeral`),
//   or a skip of up to two (flag `numbering-gap`). Anything else (a smaller numeral, a big jump) is prose.
// - On OCR'd lines a numeral may be misread the way Tesseract misreads strokes: "III" as "II" (a stroke dropped
//   or doubled), "Il"/"1I" (I, l, 1 and | look alike). Such a numeral is repaired to the one the sequence expects
//   only when the sequence proves it — the read numeral breaks the sequence (a repeat, a jump or a step back),
//   it differs from the expected one by I-like strokes alone (at most one stroke more or fewer), and the next
//   heading, if any, continues from the repaired number — and the section keeps the flag `numeral-repaired`
//   (never high). Born-digital text is never repaired: there a repeated numeral is the document's own.
import type { Diagnostic } from '../contract/schema.js';
import { lineSpan, linesSpan } from '../doc/build.js';
import type { Doc, Line, Outline, OutlineItem, OutlineSection } from '../doc/types.js';
import { CLOSING_OPENERS, LETTER_ORDER, PART_PATTERN, REVIEW_PART_PHRASES, TAIL_PATTERNS } from '../rules/sections.js';
import { cleanText } from '../text/clean.js';

const ROMAN_RE = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

/** Value of a strict Roman numeral from I to XXXIX, else null. */
export function romanValue(s: string): number | null {
  if (s === '' || !ROMAN_RE.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i] as string] ?? 0;
    const next = ROMAN_VALUES[s[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

// "I. MỤC TIÊU", "III.KINH PHÍ", "IV - TỔ CHỨC", "II/ NHIỆM VỤ", "III." (title on the next line).
const HEADING_RE = /^([IVX]{1,6})\s*(?:[.:)/]|\s?[-–—])\s*(.*)$/u;
// On an OCR'd line the numeral may hold look-alikes of I ("Il.", "1L", "|II.", "TT." on a bilevel scan, "1." for
// "I."). Its separator may be read as a comma or lost ("1L ĐỐI TƯỢNG"); such a heading must have an upper-case
// title, and a numeral holding look-alikes must be proved by the sequence (see sequence()).
const OCR_HEADING_RE = /^([IVXlLT1|]{1,6})(?:\s*[.:)/,]|\s[-–—]|(?=\s\p{Lu}))\s*(.*)$/u;
const I_LIKE_RE = /[lLT1|]/g;

interface Candidate {
  line: number;
  /** Last line of the heading (the title may sit on the next line when the numeral stands alone). */
  titleEnd: number;
  numeral: string;
  /** The numeral as written (read). */
  written: string;
  /** Null for an OCR'd numeral that is no valid Roman numeral once its look-alikes are read as I. */
  number: number | null;
  title: string;
  /** The line was read by OCR (its numeral may be repaired from the sequence). */
  ocr: boolean;
  /** The numeral was read with look-alikes of I ("1", "l", "L", "|"): taken only when the sequence proves it. */
  lookAlike?: boolean;
}

function letters(s: string): string {
  return s.replace(/[^\p{L}]/gu, '');
}

function isUpper(s: string): boolean {
  const l = letters(s);
  return l.length > 0 && l === l.toUpperCase();
}

function headingCandidate(lines: readonly Line[], texts: readonly string[], i: number): Candidate | null {
  const line = lines[i];
  if (line?.kind !== 'text') return null;
  const ocr = line.geo?.ocr !== undefined;
  const strict = HEADING_RE.exec(texts[i] ?? '');
  const m = strict ?? (ocr ? OCR_HEADING_RE.exec(texts[i] ?? '') : null);
  if (!m) return null;
  const numeral = (m[1] as string).replace(I_LIKE_RE, 'I');
  const number = romanValue(numeral);
  if (number === null && !ocr) return null;
  let title = (m[2] ?? '').trim();
  let titleEnd = i;
  if (title === '') {
    // The numeral stands alone: its title is the next non-blank text line.
    for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
      const next = lines[j];
      if (!next || next.kind === 'blank') continue;
      if (next.kind !== 'text') break;
      title = texts[j] ?? '';
      titleEnd = j;
      break;
    }
  }
  if (!plausibleTitle(title)) return null;
  // An upper-case title broken across lines ("VII. CHẾ ĐỘ" / "BÁO CÁO") continues on short capital lines.
  while (isUpper(title)) {
    const next = lines[titleEnd + 1];
    if (next?.kind !== 'text') break;
    const t = texts[titleEnd + 1] ?? '';
    if (t.length > 120 || !isUpper(t) || /\p{Ll}/u.test(t) || HEADING_RE.test(t) || parseLabel(t)) break;
    if (/^(?:PHỤ LỤC|PHẦN|TM\.|KT\.|NƠI NHẬN)/u.test(t)) break;
    title = `${title} ${t}`;
    titleEnd++;
  }
  // An OCR'd look-alike numeral must head an upper-case title, as section headings do.
  const lookAlike = numeral !== m[1];
  if ((number === null || lookAlike || !strict) && !isUpper(title)) return null;
  return {
    line: i,
    titleEnd,
    numeral,
    written: m[1] as string,
    number,
    title: title.replace(/\s*:$/, ''),
    ocr,
    lookAlike,
  };
}

function plausibleTitle(title: string): boolean {
  if (letters(title).length < 2 || title.length > 250) return false;
  // A title starts with a letter (or an opening quote); "I.1" or "V. 5%" are not headings.
  if (!/^["“(]?\p{L}/u.test(title)) return false;
  if (isUpper(title)) return true;
  // Mixed-case headings ("II. Chương trình bồi dưỡng") are short and do not end like a sentence.
  return title.length <= 150 && !/[;,]$/.test(title);
}

/** `t` is a line's cleanText. */
function isTail(t: string): boolean {
  return TAIL_PATTERNS.some((re) => re.test(t));
}

/** `t` is a line's cleanText. */
function isClosing(t: string): boolean {
  return CLOSING_OPENERS.some((o) => t.startsWith(o));
}

function isReviewPart(title: string): boolean {
  const t = title.toLowerCase();
  return REVIEW_PART_PHRASES.some((p) => t.includes(p));
}

/** Keeps the candidates of the parts that plan; see the file comment. */
function selectParts(
  lines: readonly Line[],
  texts: readonly string[],
  cands: Candidate[],
  messages: Diagnostic[],
  from = 0,
): Candidate[] {
  const parts: { line: number; title: string }[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.kind !== 'text' || i < from) continue;
    const t = texts[i] ?? '';
    if (PART_PATTERN.test(t)) parts.push({ line: i, title: t });
  }
  if (parts.length === 0) return cands;
  const groups = new Map<number, Candidate[]>();
  for (const c of cands) {
    let owner = -1;
    for (const [k, part] of parts.entries()) if (part.line < c.line) owner = k;
    const list = groups.get(owner) ?? [];
    list.push(c);
    groups.set(owner, list);
  }
  const withSections = [...groups.keys()].filter((k) => k >= 0).sort((a, b) => a - b);
  if (withSections.length === 0) return cands;
  let chosen = withSections.filter((k) => !isReviewPart(parts[k]?.title ?? ''));
  if (chosen.length === 0) chosen = [withSections[withSections.length - 1] as number];
  for (const k of withSections) {
    if (chosen.includes(k)) continue;
    const part = parts[k];
    const line = part ? lines[part.line] : undefined;
    if (!part || !line) continue;
    messages.push({
      code: 'part-skipped',
      severity: 'info',
      message: `"${part.title.slice(0, 80)}" reviews past results; its Roman-numeral headings are not plan sections.`,
      source: lineSpan(line),
    });
  }
  return chosen.flatMap((k) => groups.get(k) ?? []);
}

/** Accepts candidates that continue the numbering; flags repeats and small skips. */
function sequence(
  lines: readonly Line[],
  cands: Candidate[],
  messages: Diagnostic[],
): { section: OutlineSection; titleEnd: number }[] {
  const sections: { section: OutlineSection; titleEnd: number }[] = [];
  let prev = 0;
  for (const [k, read] of cands.entries()) {
    const flags: string[] = [];
    const next = cands[k + 1];
    const repaired = repairedNumeral(read, prev, next);
    const c = repaired ?? read;
    // "1. MỤC TIÊU", "1L ĐỐI TƯỢNG": a look-alike numeral is a section only when the next heading continues it.
    // "1V." (IV with its I read as 1) mixes a V or X with the strokes: no Arabic number is written so, and when it
    // is the very numeral the sequence expects next it is proven without a next heading (the last section).
    const provenHere = read.number === prev + 1 && prev > 0 && /[VX]/.test(read.written);
    if (
      !repaired &&
      read.lookAlike &&
      !provenHere &&
      (read.number === null || !continues(next, read.number + 1, false))
    )
      continue;
    if (repaired || read.lookAlike) flags.push('numeral-repaired');
    if (c.number === null) continue;
    if (sections.length === 0) {
      if (c.number > 3) continue;
    } else if (c.number === prev) {
      flags.push('repeated-numeral');
    } else if (c.number <= prev || c.number > prev + 3) {
      continue;
    }
    if (c.number > prev + 1) flags.push('numbering-gap');
    const head = lines[c.line] as Line;
    const span = linesSpan(lines, c.line, c.titleEnd);
    if (flags.includes('repeated-numeral')) {
      messages.push({
        code: 'repeated-numeral',
        severity: 'warning',
        message: `Section numeral ${c.numeral} is used twice; sections are kept in document order.`,
        source: lineSpan(head),
      });
    }
    if (flags.includes('numbering-gap')) {
      messages.push({
        code: 'numbering-gap',
        severity: 'warning',
        message:
          prev === 0
            ? `The first section is numbered ${c.numeral}.`
            : `Sections jump from ${toRoman(prev)} to ${c.numeral}; text may be missing.`,
        source: lineSpan(head),
      });
    }
    if (flags.includes('numeral-repaired')) {
      messages.push({
        code: 'numeral-repaired',
        severity: 'info',
        message:
          `Section numeral read by OCR as "${read.written}" was taken as ${c.numeral}, as the numbering requires ` +
          `(${prev === 0 ? 'the first section' : `${toRoman(prev)} before it`}, ${next ? `${next.written} after it` : 'none after it'}).`,
        source: lineSpan(head),
      });
    }
    const section: OutlineSection = {
      numeral: c.numeral,
      number: c.number,
      title: c.title,
      headLine: c.line,
      endLine: c.titleEnd + 1,
      span,
      flags,
      items: [],
    };
    sections.push({ section, titleEnd: c.titleEnd });
    prev = c.number;
  }
  return sections;
}

/** "II" and "III", "V" and "IV": the same numeral up to one I-like stroke (OCR drops or doubles strokes). */
function strokeConfusable(read: string, expected: string): boolean {
  const rest = (s: string) => s.replace(/I/g, '');
  const strokes = (s: string) => s.length - rest(s).length;
  if (rest(read) !== rest(expected)) return false;
  // The strokes must stand where the expected numeral has them: "VI" for "IV" is no dropped stroke.
  const shape = (s: string) => s.replace(/I+/g, 'I');
  return (
    Math.abs(strokes(read) - strokes(expected)) <= 1 &&
    (shape(read) === shape(expected) || strokes(read) === 0 || strokes(expected) === 0)
  );
}

/**
 * The candidate with the numeral the sequence expects after `prev`, when OCR misread it (see the file comment),
 * else null. `next` is the following candidate: it must continue from the repaired number, if there is one.
 */
function repairedNumeral(c: Candidate, prev: number, next: Candidate | undefined): Candidate | null {
  if (!c.ocr || prev === 0 || c.number === prev + 1) return null;
  const expected = toRoman(prev + 1);
  if (!strokeConfusable(c.numeral, expected)) return null;
  if (!continues(next, prev + 2, true)) return null;
  return { ...c, numeral: expected, number: prev + 1 };
}

/** The next heading candidate is numbered `n`, or is an OCR'd numeral that may be repaired to `n`. */
function continues(next: Candidate | undefined, n: number, lastOk: boolean): boolean {
  if (!next) return lastOk;
  return next.number === n || (next.ocr && strokeConfusable(next.numeral, toRoman(n)));
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Items.

type LabelKind = 'dec' | 'paren' | 'letter' | 'dash' | 'plus' | 'star' | 'dot' | 'named';

interface Label {
  kind: LabelKind;
  /** Number of components for decimal labels ("1.2.3" → 3). */
  level: number;
  label: string;
  text: string;
}

const DEC_RE = /^(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\)|-(?=\s))?(?=\s|\p{L}|$)\s*(.*)$/u;
const LETTER_RE = /^([a-zđ])\s*(\)|\.(?=\s))\s*(.*)$/u;
const NAMED_RE = /^((?:Chỉ tiêu|Mục tiêu|Nhiệm vụ)\s+(?:số\s+)?\d{1,3})\s*[:.)]\s*(.*)$/u;
const BULLET_RE = /^([-–—+•·●▪○◦]|\*(?=\s))\s*(.*)$/u;
/** "(1) Tốc độ tăng trưởng …": numbered targets of a list of "chỉ tiêu chủ yếu"; the number is a label, not a value. */
const PAREN_RE = /^\((\d{1,2})\)\s*(\p{L}.*)$/u;

/** The label of an item line, or null for an unlabelled paragraph. `cleaned` is cleanText(raw) when known. */
export function parseLabel(raw: string, cleaned?: string): Label | null {
  // Bullets first: "*" and "+" are meaningful here, so strip emphasis only after checking them.
  const lead = raw.replace(/^\s+/, '');
  const bullet = BULLET_RE.exec(lead);
  if (bullet && !lead.startsWith('**')) {
    const mark = bullet[1] as string;
    const text = cleanText(bullet[2] ?? '');
    if (text === '') return null;
    const kind: LabelKind = mark === '+' ? 'plus' : mark === '*' ? 'star' : /[-–—]/.test(mark) ? 'dash' : 'dot';
    return { kind, level: 0, label: kind === 'dash' ? '-' : mark, text };
  }
  const t = cleaned ?? cleanText(raw);
  const named = NAMED_RE.exec(t);
  if (named) return { kind: 'named', level: 0, label: named[1] as string, text: named[2] ?? '' };
  const dec = DEC_RE.exec(t);
  if (dec) {
    const label = dec[1] as string;
    const sep = dec[2];
    const text = dec[3] ?? '';
    const level = label.split('.').length;
    // "1" needs its separator ("1." or "1)"); "2.1 triệu" is a quantity unless a capital opens the text.
    const ok = level === 1 ? sep !== undefined : sep !== undefined || /^\p{Lu}/u.test(text);
    if (ok && !/^\d/.test(text)) return { kind: 'dec', level, label, text };
  }
  const paren = PAREN_RE.exec(t);
  if (paren) return { kind: 'paren', level: 0, label: `(${paren[1]})`, text: paren[2] ?? '' };
  const letter = LETTER_RE.exec(t);
  if (letter && LETTER_ORDER.includes(letter[1] as string)) {
    return { kind: 'letter', level: 0, label: letter[1] as string, text: letter[3] ?? '' };
  }
  return null;
}

/**
 * A dash line that opens in lower case right after an unfinished line ("… từ sản xuất" / "- quản lý - tiêu
 * thụ …") is the rest of a sentence broken before a hyphen, not a bullet: bullets open with a capital.
 */
function continuesPrevious(lines: readonly Line[], texts: readonly string[], i: number): boolean {
  const prev = lines[i - 1];
  if (prev?.kind !== 'text') return false;
  return !/[.;:!?…)”"]\s*$/u.test(texts[i - 1] ?? '');
}

interface Open {
  label: Label;
  node: OutlineItem;
}

function buildItems(lines: readonly Line[], texts: readonly string[], from: number, to: number): OutlineItem[] {
  const root: OutlineItem[] = [];
  const stack: Open[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'blank') continue;
    let label = line.kind === 'text' ? parseLabel(line.text, texts[i]) : null;
    if (label?.kind === 'dash' && /^\p{Ll}/u.test(label.text) && continuesPrevious(lines, texts, i)) label = null;
    if (label) {
      if (label.kind === 'dec') {
        while (stack.length > 0) {
          const top = stack[stack.length - 1] as Open;
          if (top.label.kind === 'dec' && top.label.level < label.level) break;
          stack.pop();
        }
      } else {
        const same = stack.findLastIndex((o) => o.label.kind === label.kind);
        if (same >= 0) stack.length = same;
      }
      const node: OutlineItem = {
        label: label.label,
        depth: stack.length + 1,
        text: label.text,
        headLine: i,
        endLine: i + 1,
        span: lineSpan(line),
        items: [],
      };
      const parent = stack[stack.length - 1];
      (parent ? parent.node.items : root).push(node);
      stack.push({ label, node });
    }
    for (const open of stack) open.node.endLine = i + 1;
  }
  return root;
}

function orderKey(item: OutlineItem): number | null {
  const paren = /^\((\d+)\)$/.exec(item.label);
  if (paren) return Number.parseInt(paren[1] as string, 10);
  if (/^\d/.test(item.label)) {
    const last = item.label.split('.').pop() ?? '';
    return Number.parseInt(last, 10);
  }
  const idx = LETTER_ORDER.indexOf(item.label);
  return idx >= 0 ? idx + 1 : null;
}

function labelFamily(item: OutlineItem): string {
  if (/^\(\d+\)$/.test(item.label)) return 'paren';
  if (/^\d/.test(item.label)) return `dec${item.label.split('.').length}`;
  return LETTER_ORDER.includes(item.label) ? 'letter' : 'other';
}

/** Reports items that skip in their numbering (9 → 12, a → c). Returns true when any gap was found. */
function checkGaps(items: readonly OutlineItem[], section: OutlineSection, lines: readonly Line[], out: Diagnostic[]) {
  let found = false;
  const last = new Map<string, OutlineItem>();
  for (const item of items) {
    const key = orderKey(item);
    const family = labelFamily(item);
    if (key !== null && family !== 'other') {
      const prev = last.get(family);
      const prevKey = prev ? (orderKey(prev) ?? 0) : 0;
      // Many drafters letter "d) … e)" with the Latin alphabet, skipping the Vietnamese "đ": not a gap.
      const latinSkip = prev?.label === 'd' && item.label === 'e';
      if (key > prevKey + 1 && !latinSkip) {
        found = true;
        const head = lines[item.headLine];
        out.push({
          code: 'numbering-gap',
          severity: 'warning',
          message: prev
            ? `Section ${section.numeral}: item ${prev.label} is followed by ${item.label}; text may be missing.`
            : `Section ${section.numeral}: the first item is numbered ${item.label}.`,
          source: head ? lineSpan(head) : null,
        });
      }
      last.set(family, item);
    }
    if (checkGaps(item.items, section, lines, out)) found = true;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

/**
 * The outline of `doc`, or of the line range [from, to) of it: a plan issued as the attachment of a decision is
 * outlined from its own type line on, so the decision's articles and tail stay out of its body.
 */
export function buildOutline(doc: Doc, range?: { from: number; to: number }): Outline {
  const lines = doc.lines;
  const from = Math.max(0, range?.from ?? 0);
  const to = Math.min(lines.length, range?.to ?? lines.length);
  const messages: Diagnostic[] = [];
  // Every pass below reads lines cleaned: clean each once.
  const texts = lines.map((l) => cleanText(l.text));
  const all: Candidate[] = [];
  for (let i = from; i < to; i++) {
    const c = headingCandidate(lines, texts, i);
    if (c) all.push(c);
  }

  const firstLine = all[0]?.line ?? from;
  let hardEnd = to;
  for (let i = firstLine + 1; i < to; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'blank' && isTail(texts[i] ?? '')) {
      hardEnd = i;
      break;
    }
  }
  const inBody = all.filter((c) => c.line < hardEnd);
  const heads = sequence(lines, selectParts(lines, texts, inBody, messages, from), messages);
  const sections = heads.map((h) => h.section);

  let bodyEnd = hardEnd;
  const lastHead = sections[sections.length - 1]?.headLine ?? firstLine;
  for (let i = lastHead + 1; i < hardEnd; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'text' && isClosing(texts[i] ?? '')) {
      bodyEnd = i;
      break;
    }
  }
  while (bodyEnd > lastHead + 1 && lines[bodyEnd - 1]?.kind === 'blank') bodyEnd--;

  for (const [k, { section: s, titleEnd }] of heads.entries()) {
    const next = sections[k + 1];
    s.endLine = next ? next.headLine : bodyEnd;
    s.items = buildItems(lines, texts, titleEnd + 1, s.endLine);
    if (checkGaps(s.items, s, lines, messages) && !s.flags.includes('numbering-gap')) s.flags.push('numbering-gap');
  }

  const bodyStart = sections[0]?.headLine ?? bodyEnd;
  // A document without any text (a scan) is reported by its reader; "no sections" would only repeat it.
  if (sections.length === 0 && lines.slice(from, to).some((l) => l.kind !== 'blank' && l.text.trim() !== '')) {
    messages.push({
      code: 'no-sections',
      severity: 'warning',
      message: 'No Roman-numeral sections were found; the document may not be a plan or its headings are unusual.',
      source: null,
    });
  }
  return { bodyStart, bodyEnd, sections, messages };
}

/** The section containing a 0-based line index, or null. */
export function sectionAt(outline: Outline, line: number): OutlineSection | null {
  return outline.sections.find((s) => s.headLine <= line && line < s.endLine) ?? null;
}

/** Every item of a tree, depth first, parents before children. */
export function flattenItems(items: readonly OutlineItem[]): OutlineItem[] {
  return items.flatMap((it) => [it, ...flattenItems(it.items)]);
}
