// Pure layout clean-up of per-page PDF text: page numbers and running headers/footers removed,
// lines covered by a detected table replaced by the table itself. No pdf.js here, so it is unit-testable.
import type { Block } from '../doc/types.js';

export interface PageText {
  num: number;
  lines: string[];
  tables: string[][][];
}

/** Lines at the top or bottom of a page that are looked at as possible headers/footers. */
const EDGE = 2;
const BARE_PAGE_NUMBER = /^[\s\-–—]*(?:trang\s+)?(\d{1,4})(?:\s*\/\s*\d{1,4})?[\s\-–—]*$/i;

function edgeIndexes(lines: string[]): number[] {
  const idx: number[] = [];
  const nonEmpty = lines.flatMap((l, i) => (l.trim() ? [i] : []));
  idx.push(...nonEmpty.slice(0, EDGE), ...nonEmpty.slice(-EDGE));
  return [...new Set(idx)];
}

/**
 * Page numbers: bare numbers at a page edge whose value follows the page index with one common offset
 * (printed numbering may start at 1 on the second sheet). A lone number that does not follow the
 * sequence stays, because it may be content.
 */
function pageNumberLines(pages: PageText[]): Set<string> {
  const votes = new Map<number, number>();
  const candidates: { key: string; offset: number }[] = [];
  for (const [p, page] of pages.entries()) {
    for (const i of edgeIndexes(page.lines)) {
      const m = BARE_PAGE_NUMBER.exec(page.lines[i] ?? '');
      if (!m) continue;
      const offset = Number(m[1]) - page.num;
      candidates.push({ key: `${p}:${i}`, offset });
      votes.set(offset, (votes.get(offset) ?? 0) + 1);
    }
  }
  const needed = Math.max(2, Math.ceil(pages.length * 0.4));
  const drop = new Set<string>();
  for (const c of candidates) if ((votes.get(c.offset) ?? 0) >= needed) drop.add(c.key);
  return drop;
}

/** Running headers/footers: the same edge line (digits ignored) on most pages. */
function runningLines(pages: PageText[]): Set<string> {
  if (pages.length < 3) return new Set();
  const shape = (l: string) => l.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const pagesWith = new Map<string, Set<number>>();
  for (const [p, page] of pages.entries()) {
    for (const i of edgeIndexes(page.lines)) {
      const s = shape(page.lines[i] ?? '');
      // Only lines with words: a bare figure at a page edge is a table cell, not furniture.
      if ((s.match(/\p{L}/gu)?.length ?? 0) < 3) continue;
      if (!pagesWith.has(s)) pagesWith.set(s, new Set());
      pagesWith.get(s)!.add(p);
    }
  }
  const needed = Math.max(3, Math.ceil(pages.length * 0.6));
  const drop = new Set<string>();
  for (const [p, page] of pages.entries()) {
    for (const i of edgeIndexes(page.lines)) {
      if ((pagesWith.get(shape(page.lines[i] ?? ''))?.size ?? 0) >= needed) drop.add(`${p}:${i}`);
    }
  }
  return drop;
}

export function stripPageFurniture(pages: PageText[]): PageText[] {
  const drop = new Set([...pageNumberLines(pages), ...runningLines(pages)]);
  return pages.map((page, p) => ({ ...page, lines: page.lines.filter((_, i) => !drop.has(`${p}:${i}`)) }));
}

/** pdf-parse's grid detection also finds boxes drawn around header blocks; only grids with content count. */
export function isRealTable(rows: string[][]): boolean {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const filled = rows.reduce((n, r) => n + r.filter((c) => c.trim() !== '').length, 0);
  return rows.length >= 2 && width >= 2 && filled >= 4;
}

const tokens = (s: string) => s.split(/\s+/).filter(Boolean);
/** Share of a line's words that must come from the table for the line to be the table's rendering. */
const COVERED = 0.8;

/**
 * Replaces the run of text lines that render a table with the table. getText renders a table row by
 * row, cells side by side, so those lines' words are drawn from the table's words; we consume them from
 * a bag so prose after the table (which reuses the same vocabulary) does not match once they are spent.
 */
export function pageBlocks(page: PageText): Block[] {
  const blocks: Block[] = [];
  let cursor = 0;
  const pushLines = (to: number) => {
    for (; cursor < to; cursor++) blocks.push({ type: 'paragraph', text: page.lines[cursor] ?? '', page: page.num });
  };
  for (const rows of page.tables.filter(isRealTable)) {
    const bag = new Map<string, number>();
    for (const t of rows.flatMap((r) => r.flatMap(tokens))) bag.set(t, (bag.get(t) ?? 0) + 1);
    const covers = (line: string, consume: boolean): boolean => {
      const words = tokens(line);
      if (words.length === 0) return false;
      const local = new Map<string, number>();
      let hit = 0;
      for (const w of words) {
        const left = (bag.get(w) ?? 0) - (local.get(w) ?? 0);
        if (left > 0) {
          hit++;
          local.set(w, (local.get(w) ?? 0) + 1);
        }
      }
      const ok = hit / words.length >= COVERED;
      if (ok && consume) for (const [w, n] of local) bag.set(w, (bag.get(w) ?? 0) - n);
      return ok;
    };
    let start = cursor;
    while (start < page.lines.length && !covers(page.lines[start] ?? '', false)) start++;
    if (start >= page.lines.length) {
      // No rendering found among the remaining lines: keep the table after them rather than lose it.
      continue;
    }
    let end = start;
    while (end < page.lines.length && (page.lines[end]?.trim() === '' || covers(page.lines[end] ?? '', true))) end++;
    pushLines(start);
    blocks.push({ type: 'table', rows, origin: 'pdf', page: page.num });
    cursor = end;
  }
  pushLines(page.lines.length);
  // Tables whose rendering was not found are appended at the end of the page.
  const placed = new Set(blocks.filter((b) => b.type === 'table').map((b) => (b as { rows: string[][] }).rows));
  for (const rows of page.tables.filter(isRealTable)) {
    if (!placed.has(rows)) blocks.push({ type: 'table', rows, origin: 'pdf', page: page.num });
  }
  return blocks;
}
