// Reassembles paragraphs from lines broken mid-phrase. A decision is taken for each pair of consecutive lines
// (the paragraph so far, the next line) from the rules in rules.ts; blank lines are paragraph breaks unless the
// next line plainly continues a sentence (starts in lower case after an unterminated line).
import {
  DASH_YEAR_START_RE,
  endsWithConnector,
  endsWithTerminal,
  LABEL_ONLY_RE,
  LABEL_RE,
  OPENER_RE,
  STANDALONE_RE,
  YEAR_END_RE,
} from './patterns.js';

export interface BodyLine {
  text: string;
  page?: number;
  /** Paragraphs that a reader already delimited (DOCX/HTML) are never joined. */
  hard?: boolean;
}

export interface Paragraph {
  text: string;
  wrapped: boolean;
  page?: number;
}

export interface UnwrapOptions {
  /** Typical full line width of the source; a shorter line followed by a capital ends its paragraph. */
  wrapWidth: number;
  /** The source separates paragraphs with blank lines: line breaks inside a block are wraps. */
  blankSeparated: boolean;
}

const LETTER_RE = /\p{L}/u;
const LOWER_START_RE = /^[\p{Ll}]/u;
const UPPER_START_RE = /^[\p{Lu}\d"“]/u;

function isAllCaps(s: string): boolean {
  return LETTER_RE.test(s) && s === s.toLocaleUpperCase('vi');
}

export function startsWithLabel(line: string): boolean {
  return LABEL_RE.test(line);
}

/** Should line `b` continue the paragraph whose last raw line is `a`? `afterBlank`: a blank line separates them. */
export function continues(a: string, b: string, opts: UnwrapOptions, afterBlank = false): boolean {
  if (STANDALONE_RE.test(a) || STANDALONE_RE.test(b)) return false;
  if (OPENER_RE.test(b)) return false;
  if (afterBlank) {
    // Only an unmistakable continuation crosses a blank line.
    return LOWER_START_RE.test(b) && !endsWithTerminal(a) && !isAllCaps(a) && !startsWithLabel(b);
  }
  if (DASH_YEAR_START_RE.test(b) && YEAR_END_RE.test(a)) return true;
  if (startsWithLabel(b)) return false;
  if (LABEL_ONLY_RE.test(a)) return true;
  if (LOWER_START_RE.test(b)) return true;
  if (endsWithTerminal(a)) return false;
  // A heading in capitals continues in capitals or figures ("… GIAI ĐOẠN" / "2026 - 2030").
  if (isAllCaps(a)) return !/\p{Ll}/u.test(b);
  if (endsWithConnector(a)) return true;
  if (opts.blankSeparated) return true;
  if (!UPPER_START_RE.test(b)) return true;
  // A short labelled line is a heading ("3. Công an tỉnh" then "Chủ trì, phối hợp …").
  if (startsWithLabel(a)) return false;
  return a.length >= opts.wrapWidth * 0.75;
}

/** Groups body lines (blank = '') into paragraphs. */
export function unwrap(lines: readonly BodyLine[], opts: UnwrapOptions): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: { parts: string[]; last: string; page?: number; hard: boolean } | null = null;
  let blank = false;
  const flush = () => {
    if (cur) {
      const p: Paragraph = { text: cur.parts.join(' '), wrapped: cur.parts.length > 1 };
      if (cur.page !== undefined) p.page = cur.page;
      out.push(p);
    }
    cur = null;
  };
  for (const line of lines) {
    if (line.text === '') {
      blank = true;
      continue;
    }
    if (cur && !cur.hard && !line.hard && continues(cur.last, line.text, opts, blank)) {
      cur.parts.push(line.text);
      cur.last = line.text;
    } else {
      flush();
      cur = { parts: [line.text], last: line.text, hard: line.hard === true };
      if (line.page !== undefined) cur.page = line.page;
    }
    blank = false;
  }
  flush();
  return out;
}
