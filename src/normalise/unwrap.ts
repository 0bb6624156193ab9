// Reassembles paragraphs from lines broken mid-phrase. A decision is taken for each pair of consecutive lines
// (the paragraph so far, the next line) from the rules in rules.ts; blank lines are paragraph breaks unless the
// next line plainly continues a sentence (starts in lower case after an unterminated line).
import { type Geo, mergeGeo } from '../doc/geometry.js';
import { isDecoration } from './clean.js';
import { breaksInsideName } from './names.js';
import {
  DASH_LOWER_RE,
  DASH_YEAR_START_RE,
  endsWithConnector,
  endsWithTerminal,
  HEADING_TAIL_RE,
  LABEL_ONLY_RE,
  LABEL_RE,
  NUMBER_START_RE,
  NUMBERED_LABEL_RE,
  OPENER_RE,
  STANDALONE_RE,
  YEAR_END_RE,
} from './patterns.js';

export interface BodyLine {
  text: string;
  page?: number;
  geo?: Geo;
  /** Paragraphs that a reader already delimited (DOCX/HTML) are never joined. */
  hard?: boolean;
}

export interface Paragraph {
  text: string;
  wrapped: boolean;
  page?: number;
  geo?: Geo;
}

export interface UnwrapOptions {
  /** Typical full line width of the source; a shorter line followed by a capital ends its paragraph. */
  wrapWidth: number;
  /** The source separates paragraphs with blank lines: line breaks inside a block are wraps. */
  blankSeparated: boolean;
  /**
   * Every item of the source opens after a blank line: a break inside a block is a wrap even after a full
   * stop (a copy re-wrapped at a sentence end). Optional: false when unmeasured.
   */
  blankItems?: boolean;
}

const LETTER_RE = /\p{L}/u;
const LOWER_START_RE = /^[\p{Ll}]/u;
const QUOTE_LOWER_RE = /^["“‘']\p{Ll}/u;
const UPPER_START_RE = /^[\p{Lu}\d"“]/u;
/** Share of the typical line width from which a line counts as filled (broken by the width, not the writer). */
const FULL_LINE = 0.9;

function isAllCaps(s: string): boolean {
  return LETTER_RE.test(s) && s === s.toUpperCase();
}

export function startsWithLabel(line: string): boolean {
  return LABEL_RE.test(line);
}

/** How many following lines an item head may look through to find its ":". */
const HEAD_LOOKAHEAD = 4;
const SENTENCE_END_RE = /[.;!?…](?=\s|$)/u;
const LIST_SPLIT_RE = /,|\svà\s/u;
const UPPER_CHUNK_RE = /^\p{Lu}/u;

/**
 * An item head without its ":" yet ("7. Đề nghị Ủy ban Mặt trận Tổ quốc"), whose next lines go on listing
 * bodies ("Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh, …") and reach the ":" before any sentence ends: the
 * subject of the item runs over the line. A head followed by a duty sentence ("Chủ trì, phối hợp với …;")
 * ends where it is.
 */
export function headRunsOn(b: string, ahead: readonly string[]): boolean {
  let text = b;
  for (const next of ahead.slice(0, HEAD_LOOKAHEAD)) {
    if (endsWithTerminal(text) || text.includes(':') || next === '' || startsWithLabel(next)) break;
    text = `${text} ${next}`;
  }
  const colon = text.indexOf(':');
  if (colon < 0) return false;
  const subject = text.slice(0, colon);
  if (SENTENCE_END_RE.test(subject)) return false;
  const names = subject.split(LIST_SPLIT_RE).filter((c) => UPPER_CHUNK_RE.test(c.trim()));
  return names.length >= 2;
}

/**
 * Should line `b` continue the paragraph whose last raw line is `a`? `afterBlank`: a blank line separates them.
 * `ahead`: the raw lines after `b` ('' for blank), for rules that need to see where a phrase ends.
 */
export function continues(
  a: string,
  b: string,
  opts: UnwrapOptions,
  afterBlank = false,
  ahead: readonly string[] = [],
): boolean {
  // A rule or elision line ("-------", "…......") stands alone: it is no part of a sentence.
  if (isDecoration(a) || isDecoration(b)) return false;
  // A labelled capital heading cut before a document-type word: "VII. CHẾ ĐỘ" / "BÁO CÁO".
  if (!afterBlank && HEADING_TAIL_RE.test(b) && isLabelledHeading(a)) return true;
  if (STANDALONE_RE.test(a) || STANDALONE_RE.test(b)) return false;
  if (OPENER_RE.test(b)) return false;
  // A label alone on its line ("2.2." / "Mục tiêu 2: Về bảo vệ trẻ em") takes the next line, unless that
  // line is itself numbered.
  if (LABEL_ONLY_RE.test(a)) return !NUMBERED_LABEL_RE.test(b);
  if (afterBlank) {
    // Only an unmistakable continuation crosses a blank line.
    return LOWER_START_RE.test(b) && !endsWithTerminal(a) && !isAllCaps(a) && !startsWithLabel(b);
  }
  if (DASH_YEAR_START_RE.test(b) && YEAR_END_RE.test(a)) return true;
  if (startsWithLabel(b)) {
    // "… từ sản xuất" / "- quản lý - tiêu thụ": a bullet never opens in lower case after an open phrase.
    return DASH_LOWER_RE.test(b) && !endsWithTerminal(a) && !isAllCaps(a);
  }
  if (LOWER_START_RE.test(b)) return true;
  if (endsWithTerminal(a)) return opts.blankItems === true && !isAllCaps(a) && !isAllCaps(b);
  // A quotation opening in lower case goes on the phrase ("Mở rộng các chương trình" / "\"học tập số\" để …").
  if (QUOTE_LOWER_RE.test(b)) return true;
  // A heading in capitals continues in capitals or figures ("… GIAI ĐOẠN" / "2026 - 2030").
  if (isAllCaps(a)) return !/\p{Ll}/u.test(b);
  if (endsWithConnector(a)) return true;
  // A figure that is not a label goes on the sentence ("Phấn đấu" / "100% các điểm …").
  if (NUMBER_START_RE.test(b)) return true;
  if (breaksInsideName(a, b)) return true;
  if (opts.blankSeparated) return true;
  if (!UPPER_START_RE.test(b)) return true;
  // A short labelled line is a heading ("3. Công an tỉnh" then "Chủ trì, phối hợp …"), unless its subject
  // plainly runs on to the item's ":".
  // An item filling the whole line is a wrapped sentence, not a heading ("- … thuộc top 03 vùng" / "Đồng bằng …",
  // "1. Kinh phí … vốn ngân sách" / "Nhà nước …"): a heading that long would break before a lower-case word.
  if (startsWithLabel(a) && a.length < opts.wrapWidth * FULL_LINE) {
    return !a.includes(':') && headRunsOn(b, ahead);
  }
  return a.length >= opts.wrapWidth * 0.75;
}

function isLabelledHeading(a: string): boolean {
  return isAllCaps(a) && NUMBERED_LABEL_RE.test(a) && !endsWithTerminal(a) && !LABEL_ONLY_RE.test(a);
}

/** Groups body lines (blank = '') into paragraphs. */
export function unwrap(lines: readonly BodyLine[], opts: UnwrapOptions): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: { parts: string[]; last: string; page?: number; geo?: Geo; hard: boolean } | null = null;
  let blank = false;
  const flush = () => {
    if (cur) {
      const p: Paragraph = { text: cur.parts.join(' '), wrapped: cur.parts.length > 1 };
      if (cur.page !== undefined) p.page = cur.page;
      if (cur.geo !== undefined) p.geo = cur.geo;
      out.push(p);
    }
    cur = null;
  };
  for (const [i, line] of lines.entries()) {
    if (line.text === '') {
      blank = true;
      continue;
    }
    const ahead = () => lines.slice(i + 1, i + 1 + HEAD_LOOKAHEAD).map((l) => l.text);
    if (cur && !cur.hard && !line.hard && continues(cur.last, line.text, opts, blank, ahead())) {
      cur.parts.push(line.text);
      cur.last = line.text;
      // A paragraph running onto the next page keeps the box of its first page.
      if (line.geo && cur.geo && line.page === cur.page) cur.geo = mergeGeo(cur.geo, line.geo);
    } else {
      flush();
      cur = { parts: [line.text], last: line.text, hard: line.hard === true };
      if (line.page !== undefined) cur.page = line.page;
      if (line.geo !== undefined) cur.geo = line.geo;
    }
    blank = false;
  }
  flush();
  return out;
}
