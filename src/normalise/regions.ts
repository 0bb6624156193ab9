// Splits the raw line stream into body text, pipe-delimited tables and tab-indented layout blocks.
// Pipe layout: each cell is one or more lines terminated by a line holding only "|"; rows are not marked.
// Where a table starts and ends is decided on the gaps between "|" lines: a gap with a blank line, a table
// title/unit line or too many lines is body text followed by the next table's first cell.

import type { Geo } from '../doc/types.js';
import { LAYOUT_MARKERS, LEAF_HEADER_WORDS } from '../rules/normalise.js';
import { isDecoration } from './clean.js';
import { NUMBERED_LABEL_RE, OPENER_RE, STANDALONE_RE, TABLE_BREAK_RE } from './patterns.js';

export interface RawLine {
  /** Cleaned text ('' for blank). */
  text: string;
  pipe: boolean;
  tab: boolean;
  page?: number;
  geo?: Geo;
  hard?: boolean;
  /** 0-based index in the raw stream, for diagnostics. */
  index: number;
}

export type Region =
  | { type: 'body'; lines: RawLine[] }
  // first/last: raw-stream indices (RawLine.index) of the region's first and last lines.
  | { type: 'pipe'; cells: RawLine[][]; leading: boolean; first: number; last: number }
  | { type: 'tab'; cells: RawLine[][]; first: number; last: number };

/** A cell longer than this is not a cell: the gap holds body text. */
const MAX_CELL_LINES = 14;
const MAX_RECIPIENT_LINES = 40;
/** A header or signature cell (issuer, motto, number, place-date, signer) holds at most this many lines. */
const MAX_TAB_CELL_LINES = 6;
/** Header and signature cell lines are short: issuer name, motto, a title, a signer's name. */
const MAX_TAB_CELL_LINE_CHARS = 70;
/** The place-and-date line closes its cell: "Thừa Thiên Huế, ngày 26 tháng 02 năm 2016". */
const PLACE_DATE_RE = /ngày\s+\S{1,4}\s+tháng\s+\S{1,4}\s+năm\s+\d{4}\s*$/u;
const NOI_NHAN_RE = /^Nơi nhận\b/u;
/** The recipients heading itself ("Nơi nhận:", "Nơi nhận: - Như trên;"), not a sentence ("Nơi nhận hồ sơ: …"). */
const RECIPIENTS_HEAD_RE = /^Nơi nhận\s*:?\s*(?:[-–+•].*)?$/u;
const LOWER_START_RE = /^\p{Ll}/u;

function nonBlank(lines: readonly RawLine[]): RawLine[] {
  return lines.filter((l) => l.text !== '');
}

/** Does this gap between two "|" lines (or before the first) hold body text as well as a cell? */
export function isBreakGap(gap: readonly RawLine[]): boolean {
  // Pipe-layout cells never hold blank lines; paragraphs around tables are blank-separated.
  if (gap.some((l) => l.text === '')) return true;
  const lines = gap.filter((l) => !isDecoration(l.text));
  // The recipients cell of a signature block is long but is one cell.
  if (NOI_NHAN_RE.test(lines[0]?.text ?? '')) return lines.length > MAX_RECIPIENT_LINES;
  if (lines.length > MAX_CELL_LINES) return true;
  return lines.some(
    (l, i) => (i > 0 && NOI_NHAN_RE.test(l.text)) || (i < lines.length - 1 && TABLE_BREAK_RE.test(l.text)),
  );
}

const HEADER_PHRASES = new Set(LEAF_HEADER_WORDS.map((w) => w.toLowerCase()));

/** Do these lines, joined, spell a header phrase that is always one cell ("Số" + "TT", "Đơn vị" + "tính")? */
function isHeaderPhrase(lines: readonly RawLine[]): boolean {
  const text = lines
    .map((l) => l.text)
    .join(' ')
    .toLowerCase();
  return HEADER_PHRASES.has(text);
}

/** Splits a break gap into the body lines and the lines of the next table's first cell. */
export function splitGap(gap: readonly RawLine[]): { body: RawLine[]; cell: RawLine[] } {
  // The recipients list opens the signature table, whether or not a blank line sets it off from the body.
  const recipients = gap.findLastIndex((l) => RECIPIENTS_HEAD_RE.test(l.text));
  if (recipients >= 0 && nonBlank(gap.slice(recipients)).length <= MAX_RECIPIENT_LINES) {
    return { body: gap.slice(0, recipients), cell: gap.slice(recipients) };
  }
  let lastBlank = -1;
  for (let i = gap.length - 1; i >= 0; i--) {
    if (gap[i]?.text === '') {
      lastBlank = i;
      break;
    }
  }
  if (lastBlank >= 0) {
    const after = gap.slice(lastBlank + 1);
    // A title or "(Ban hành kèm theo …)" right above the table is text, not its first cell.
    if (after.some((l) => TABLE_BREAK_RE.test(l.text))) return { body: gap.slice(), cell: [] };
    return { body: gap.slice(0, lastBlank + 1), cell: after };
  }
  const noi = gap.findIndex((l) => NOI_NHAN_RE.test(l.text));
  if (noi >= 0) return { body: gap.slice(0, noi), cell: gap.slice(noi) };
  // A header cell is short: take the last line, and the lines above it that it plainly continues: a lower-case
  // continuation, or the first word of a header phrase broken in two ("Số" / "TT").
  let start = gap.length - 1;
  while (
    start > 0 &&
    gap.length - start < 3 &&
    (LOWER_START_RE.test(gap[start]?.text ?? '') || isHeaderPhrase(gap.slice(start - 1)))
  ) {
    start--;
  }
  return { body: gap.slice(0, Math.max(0, start)), cell: gap.slice(Math.max(0, start)) };
}

const LAYOUT_RE = new RegExp(LAYOUT_MARKERS.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');

function hasLayoutMarker(cells: RawLine[][]): boolean {
  return cells.some((c) => c.some((l) => LAYOUT_RE.test(l.text)));
}

/**
 * May an untabbed line continue a layout cell? Readers that drop blank lines (HTML <pre>, DOCX) leave the
 * title "KẾ HOẠCH" and the body right under the last header cell, so the cell's own shape decides: the
 * recipients list is long, every other cell is a few short lines and never holds a title, a numbered item or
 * a paragraph opener.
 */
export function continuesTabCell(cell: readonly RawLine[], text: string): boolean {
  if (cell.length === 0) return true;
  if (NOI_NHAN_RE.test(cell[0]!.text)) return cell.length < MAX_RECIPIENT_LINES && !STANDALONE_RE.test(text);
  if (isDecoration(text)) return cell.length < MAX_TAB_CELL_LINES;
  const last = cell.findLast((l) => !isDecoration(l.text));
  if (last && PLACE_DATE_RE.test(last.text)) return false;
  if (cell.length >= MAX_TAB_CELL_LINES || text.length > MAX_TAB_CELL_LINE_CHARS) return false;
  if (STANDALONE_RE.test(text) || NOI_NHAN_RE.test(text)) return false;
  if (OPENER_RE.test(text) && !LAYOUT_RE.test(text)) return false;
  return !NUMBERED_LABEL_RE.test(text);
}

/**
 * Tab layout starting at `i` (a line that began with a tab): its cells, or null when it is not a header/signature
 * block, and where the block ends either way. A block read from any later tab line before `end` ends at the same
 * line with a suffix of these cells (a cell's end depends only on the cell), so when this one is not a layout
 * block neither is that one: the caller skips them instead of reading the rest again from every tab line.
 */
function readTabBlock(lines: readonly RawLine[], i: number): { cells: RawLine[][] | null; end: number } {
  const cells: RawLine[][] = [];
  let j = i;
  while (j < lines.length) {
    const l = lines[j]!;
    if (l.pipe) break;
    if (l.tab) {
      cells.push(l.text === '' ? [] : [l]);
      j++;
      continue;
    }
    if (l.text === '') {
      let k = j;
      while (k < lines.length && lines[k]!.text === '' && !lines[k]!.tab) k++;
      if (k < lines.length && lines[k]!.tab) {
        j = k;
        continue;
      }
      break;
    }
    const cur = cells[cells.length - 1];
    if (!cur || !continuesTabCell(cur, l.text)) break;
    cur.push(l);
    j++;
  }
  const filled = cells.filter((c) => c.length > 0);
  if (filled.length === 0 || !hasLayoutMarker(filled)) return { cells: null, end: j };
  return { cells: filled, end: j };
}

/** Splits the stream into regions, in order. */
export function splitRegions(lines: readonly RawLine[]): Region[] {
  const regions: Region[] = [];
  let body: RawLine[] = [];
  const pushBody = (ls: readonly RawLine[]) => {
    for (const l of ls) body.push(l);
  };
  const flushBody = () => {
    if (body.length > 0) regions.push({ type: 'body', lines: body });
    body = [];
  };
  let i = 0;
  // Tab lines before this index belong to a block already read and found not to be a layout block.
  let notLayoutUntil = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.tab && i >= notLayoutUntil) {
      const block = readTabBlock(lines, i);
      if (block.cells) {
        flushBody();
        regions.push({ type: 'tab', cells: block.cells, first: l.index, last: lines[block.end - 1]!.index });
        i = block.end;
        continue;
      }
      notLayoutUntil = block.end;
    }
    if (!l.pipe) {
      body.push(l);
      i++;
      continue;
    }
    // A run of pipe-delimited cells starts at this "|" line. The lines collected as body since the last region
    // hold body text and the table's first cell.
    const pre = body;
    body = [];
    const first = isBreakGap(pre) ? splitGap(pre) : { body: [], cell: pre };
    pushBody(first.body);
    flushBody();
    const cells: RawLine[][] = [nonBlank(first.cell)];
    const startIndex = first.cell[0]?.index ?? l.index;
    let lastPipe = i;
    let j = i + 1;
    while (j < lines.length) {
      // Collect the gap up to the next "|"; a gap that cannot be a cell ends the table at the previous "|".
      const gap: RawLine[] = [];
      while (
        j < lines.length &&
        !lines[j]!.pipe &&
        !(lines[j]!.tab && gap.length === 0) &&
        gap.length <= MAX_RECIPIENT_LINES
      ) {
        gap.push(lines[j]!);
        j++;
      }
      if (j >= lines.length || !lines[j]!.pipe || isBreakGap(gap)) break;
      cells.push(gap);
      lastPipe = j;
      j++;
    }
    regions.push({
      type: 'pipe',
      cells,
      leading: cells[0]!.length === 0,
      first: startIndex,
      last: lines[lastPipe]!.index,
    });
    i = lastPipe + 1;
  }
  flushBody();
  return regions;
}
