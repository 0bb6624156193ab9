// DocTree → Doc: body text unwrapped into one line per paragraph, tables (pipe/tab layouts and reader tables)
// rebuilt as rows with header rows, leaf columns and a layout/content classification.
import type { Diagnostic } from '../contract/schema.js';
import { DocBuilder, type DocHeader } from '../doc/build.js';
import type { Doc, DocTree, TableBlock } from '../doc/types.js';
import { blockRows } from './blocks.js';
import { cleanLine, cleanSpaces, isDecoration, joinCellLines, stripMarkdown } from './clean.js';
import { isLayoutTable, layoutTableRows } from './layout.js';
import { type RawLine, splitRegions } from './regions.js';
import { layoutRows, type RowLayout } from './rows.js';
import { startsWithLabel, type UnwrapOptions, unwrap } from './unwrap.js';

const LINE_BREAK_RE = /\r\n|\r|\n/;
const TAB_START_RE = /^[ \u00A0]{0,3}\t/;

export type Unit = { kind: 'lines'; lines: RawLine[] } | { kind: 'block'; block: TableBlock };

/** The tree's paragraphs as raw lines, runs of lines cut by reader tables (exported for the robustness tests). */
export function toUnits(tree: DocTree): Unit[] {
  // Every reader's paragraphs go through the same unwrapping: DOCX/HTML files converted from text keep one
  // paragraph per raw line, and whole paragraphs end in punctuation or are headings, which the rules keep apart.
  // Only a paragraph the reader marked as a heading is never joined.
  const units: Unit[] = [];
  let lines: RawLine[] = [];
  let index = 0;
  for (const block of tree.blocks) {
    if (block.type === 'table') {
      if (lines.length > 0) units.push({ kind: 'lines', lines });
      lines = [];
      units.push({ kind: 'block', block });
      continue;
    }
    const hard = block.heading === true;
    // Most readers give one raw line per block: no break to split on.
    const raws =
      block.text.includes('\n') || block.text.includes('\r') ? block.text.split(LINE_BREAK_RE) : [block.text];
    for (const raw of raws) {
      const spaced = cleanSpaces(raw);
      const text = stripMarkdown(spaced); // cleanLine(raw), without cleaning the spaces twice
      const at = index++;
      // Lines holding only markdown markers ("**", "* *") are layout residue, not paragraph breaks.
      if (text === '' && spaced !== '' && !TAB_START_RE.test(raw)) continue;
      const line: RawLine = {
        text,
        pipe: spaced === '|',
        tab: TAB_START_RE.test(raw),
        index: at,
      };
      if (hard) line.hard = true;
      if (block.page !== undefined) line.page = block.page;
      if (block.geo !== undefined) line.geo = block.geo;
      lines.push(line);
    }
  }
  if (lines.length > 0) units.push({ kind: 'lines', lines });
  return units;
}

/** Source habits measured once per document: typical line width and blank-line paragraphing. */
export function measure(units: readonly Unit[], bodies: readonly (readonly RawLine[])[]): UnwrapOptions {
  let count = 0;
  for (const u of units) if (u.kind === 'lines') count += u.lines.length;
  // A typed array sorts numbers natively, without a comparator call per comparison.
  const all = new Int32Array(count);
  let n = 0;
  let blanks = 0;
  for (const u of units) {
    if (u.kind !== 'lines') continue;
    for (const l of u.lines) {
      if (l.pipe) continue;
      if (l.text === '') blanks++;
      else all[n++] = l.text.length;
    }
  }
  const lengths = all.subarray(0, n).sort();
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 80;
  const items = itemBlankShare(bodies);
  return {
    wrapWidth: Math.max(40, p90),
    blankSeparated: (blanks * 4 >= lengths.length && lengths.length > 0) || items >= BLANK_ITEMS_SHARE,
    blankItems: items >= BLANK_ITEMS_SHARE,
  };
}

/** Share of a source's item lines ("1.", "a)", "-") that open after a blank line; 0 with too few items to tell. */
const BLANK_ITEMS_SHARE = 0.95;
const MIN_ITEMS = 8;
function itemBlankShare(bodies: readonly (readonly RawLine[])[]): number {
  let items = 0;
  let afterBlank = 0;
  for (const lines of bodies) {
    let prev: RawLine | null = null;
    for (const l of lines) {
      if (prev && l.text !== '' && startsWithLabel(l.text) && !isDecoration(l.text)) {
        items++;
        if (prev.text === '') afterBlank++;
      }
      prev = l;
    }
  }
  return items >= MIN_ITEMS ? afterBlank / items : 0;
}

interface TableInput {
  layout: RowLayout;
  origin: TableBlock['origin'];
  isLayout: boolean;
  page?: number;
}

function addTable(b: DocBuilder, t: TableInput, diagnostics: Diagnostic[]): void {
  const flags = t.layout.irregular.length > 0 ? ['irregular-row'] : [];
  const table = b.addTable(t.layout.rows, {
    origin: t.origin,
    layout: t.isLayout,
    headerRows: t.layout.headerRows,
    columns: t.layout.columns,
    flags,
    ...(t.page !== undefined ? { page: t.page } : {}),
  });
  for (const r of t.layout.irregular) {
    const row = table.rows[r];
    if (!row) continue;
    diagnostics.push({
      code: 'irregular-row',
      severity: 'warning',
      message: `Table ${table.index + 1}, row ${r + 1}: ${row.cells.length} cells do not fit the table's ${
        t.layout.columns?.length ?? 'inferred'
      } columns.`,
      source: row.span,
    });
  }
}

function layoutOnly(cells: string[][]): RowLayout {
  return { rows: cells, headerRows: 0, columns: null, irregular: [] };
}

export function normalise(tree: DocTree, header: Omit<DocHeader, 'format' | 'pages'>): Doc {
  const b = new DocBuilder({ ...header, format: tree.format, pages: tree.pages });
  const diagnostics: Diagnostic[] = [];
  const units = toUnits(tree);
  const regions = units.map((u) => (u.kind === 'lines' ? splitRegions(u.lines) : []));
  const opts = measure(
    units,
    regions.flat().flatMap((r) => (r.type === 'body' ? [r.lines] : [])),
  );
  for (const [u, unit] of units.entries()) {
    if (unit.kind === 'block') {
      const rows = unit.block.rows.map((r) => r.map((c) => joinCellLines(c.split(LINE_BREAK_RE).map(cleanLine))));
      const isLayout = isLayoutTable(rows.flat());
      addTable(
        b,
        {
          layout: isLayout ? layoutOnly(rows) : blockRows(rows),
          origin: unit.block.origin,
          isLayout,
          ...(unit.block.page !== undefined ? { page: unit.block.page } : {}),
        },
        diagnostics,
      );
      continue;
    }
    for (const region of regions[u] ?? []) {
      if (region.type === 'body') {
        for (const p of unwrap(region.lines, opts)) {
          b.addText(p.text, {
            wrapped: p.wrapped,
            ...(p.page !== undefined ? { page: p.page } : {}),
            ...(p.geo !== undefined ? { geo: p.geo } : {}),
          });
        }
        continue;
      }
      const cells = region.cells.map((c) => joinCellLines(c.map((l) => l.text)));
      const page = region.cells.find((c) => c.length > 0)?.[0]?.page;
      const leading = region.type === 'pipe' && region.leading;
      const isLayout = region.type === 'tab' || isLayoutTable(cells);
      const layout = isLayout ? layoutOnly(layoutTableRows(cells, leading)) : layoutRows(cells, leading);
      addTable(b, { layout, origin: region.type, isLayout, ...(page !== undefined ? { page } : {}) }, diagnostics);
    }
  }
  return b.build([...tree.messages, ...diagnostics]);
}
