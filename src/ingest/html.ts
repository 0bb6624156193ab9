// HTML (and DOCX through mammoth's HTML) → DocTree. Block elements become paragraph blocks, <br>
// starts a new one, h1–h6 carry the heading hint, <table> becomes a TableBlock. Merged cells are
// REPEATED into every grid position they cover (colspan across, rowspan down): each row then stands on
// its own (a rowspanned agency belongs to every task row; a colspanned group header prefixes each leaf
// column), which is what the field extractors need.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Diagnostic } from '../contract/schema.js';
import type { Block, DocTree, TableBlock } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { win1252 } from './legacy/convert.js';
import { convertLegacyTree, detectLegacyEncoding } from './legacy/detect.js';

export const MAX_HTML_BYTES = 20 * 1024 * 1024;
/** The HTML spec caps colspan at 1000; real plan tables never need more than a few dozen. */
const MAX_COLSPAN = 100;
/**
 * Grid cells (rows × columns after colspan/rowspan expansion) per table and per document. Capping each span is
 * not enough: a 1.6 MB table of cells with large spans grows hundreds of millions of cells. The largest real
 * plan table seen has a few thousand cells.
 */
export const MAX_TABLE_CELLS = 250_000;
export const MAX_DOCUMENT_CELLS = 1_000_000;

function gridLimit(what: string, cells: number, limit: number): UnreadableDocumentError {
  return new UnreadableDocumentError(
    'resource-limit',
    `${what} expands to more than ${limit.toLocaleString('en')} cells after colspan/rowspan (limit ${limit.toLocaleString('en')} cells; reached ${cells.toLocaleString('en')}).`,
  );
}

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'select',
  'button',
]);

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'ul',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

interface SinkLine {
  text: string;
  heading: boolean;
}

/** Collects text into lines; the top level turns them into blocks, a table cell into its text. */
class LineSink {
  readonly lines: SinkLine[] = [];
  readonly blocks: Block[] = [];
  private current = '';
  /** A list label waiting for the first text of its item (the item may open with a <p>). */
  private prefix = '';
  private headingDepth = 0;
  private preDepth = 0;
  /** The last thing read was a <br>: a second one with nothing between them leaves a blank line. */
  private afterBr = false;
  /** Inside <pre>, a line has started since the element opened (a newline then ends a line, blank or not). */
  private preStarted = false;

  constructor(
    private readonly inCell: boolean,
    readonly cells: CellBudget = { left: MAX_DOCUMENT_CELLS },
  ) {}

  text(value: string): void {
    if (this.preDepth > 0) {
      const parts = value.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        if (i > 0) {
          if (this.preStarted && this.current.trim() === '') this.blank();
          else this.break();
          this.preStarted = true;
        }
        this.current += part.replace(/\u00a0/g, ' ');
        if (part !== '') this.preStarted = true;
      });
      return;
    }
    this.current += value.replace(/[\s\u00a0]+/g, ' ');
    if (/[^\s\u00a0]/u.test(value)) this.afterBr = false;
  }

  /** <br>: ends the line; a line holding nothing visible between two of them is a blank line. */
  lineBreak(): void {
    if (this.afterBr && this.current.trim() === '') this.blank();
    else this.break();
    this.afterBr = true;
  }

  /**
   * A blank line, as in plain text: an empty or "&nbsp;"-only paragraph, two <br> in a row, an empty line in
   * <pre>. The normaliser reads paragraph breaks from them. Table cells keep their lines only.
   */
  blank(): void {
    this.break();
    if (!this.inCell) this.blocks.push({ type: 'paragraph', text: '' });
  }

  /** Blocks emitted so far (to tell an element that produced nothing). */
  get emitted(): number {
    return this.blocks.length + this.lines.length;
  }

  break(): void {
    let text = this.current.replace(/ +$/, '').replace(/^ +/, '');
    this.current = '';
    this.afterBr = false;
    if (text === '') return;
    text = this.prefix + text;
    this.prefix = '';
    const line = { text, heading: this.headingDepth > 0 };
    if (this.inCell) this.lines.push(line);
    else this.blocks.push(line.heading ? { type: 'paragraph', text, heading: true } : { type: 'paragraph', text });
  }

  table(rows: string[][]): void {
    this.break();
    if (rows.length === 0) return;
    if (this.inCell) {
      // A table nested in a cell is flattened into the cell's lines, one row per line.
      for (const row of rows) {
        const text = row.filter((c) => c !== '').join(' ');
        if (text) this.lines.push({ text, heading: false });
      }
      return;
    }
    const block: TableBlock = { type: 'table', rows, origin: 'html' };
    this.blocks.push(block);
  }

  label(value: string): void {
    this.break();
    this.prefix = `${value} `;
  }

  enterHeading(): void {
    this.headingDepth++;
  }
  leaveHeading(): void {
    this.headingDepth--;
  }
  enterPre(): void {
    this.preDepth++;
    this.preStarted = false;
  }
  leavePre(): void {
    this.preDepth--;
  }
}

function attrNumber(el: Element, name: string, max: number): number {
  const raw = el.properties?.[name];
  const n = typeof raw === 'number' ? raw : Number.parseInt(String(raw ?? '1'), 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), max) : 1;
}

function listLabel(list: Element, index: number): string {
  if (list.tagName === 'ul') return '-';
  const start = attrNumber(list, 'start', Number.MAX_SAFE_INTEGER);
  const n = start + index;
  const type = String(list.properties?.['type'] ?? '1');
  if (type === 'a') return `${String.fromCharCode(96 + (((n - 1) % 26) + 1))})`;
  if (type === 'A') return `${String.fromCharCode(64 + (((n - 1) % 26) + 1))}.`;
  return `${n}.`;
}

function walkChildren(nodes: readonly (RootContent | ElementContent)[], sink: LineSink): void {
  for (const node of nodes) walk(node, sink);
}

function walk(node: RootContent | ElementContent, sink: LineSink): void {
  if (node.type === 'text') {
    sink.text(node.value);
    return;
  }
  if (node.type !== 'element') return;
  const tag = node.tagName;
  if (SKIPPED.has(tag)) return;
  if (tag === 'br') {
    sink.lineBreak();
    return;
  }
  if (tag === 'table') {
    sink.table(readTable(node, sink.cells));
    return;
  }
  if (tag === 'ol' || tag === 'ul') {
    sink.break();
    let index = 0;
    for (const child of node.children) {
      if (child.type === 'element' && child.tagName === 'li') {
        // Word's automatic numbering is not text in the document; mammoth turns it into <ol>/<ul>,
        // so the label is restored here to keep "1." / "-" items recognisable downstream.
        sink.label(listLabel(node, index++));
        walkChildren(child.children, sink);
        sink.break();
      } else walk(child, sink);
    }
    sink.break();
    return;
  }
  if (!BLOCKS.has(tag)) {
    walkChildren(node.children, sink);
    return;
  }
  const heading = HEADINGS.has(tag);
  sink.break();
  if (heading) sink.enterHeading();
  if (tag === 'pre') sink.enterPre();
  const before = sink.emitted;
  walkChildren(node.children, sink);
  sink.break();
  if (tag === 'pre') sink.leavePre();
  if (heading) sink.leaveHeading();
  // An empty paragraph ("<p>&nbsp;</p>", "<p><br></p>") is the HTML way of leaving a blank line.
  if (tag === 'p' && sink.emitted === before) sink.blank();
}

function cellText(cell: Element, cells: CellBudget): string {
  const sink = new LineSink(true, cells);
  walkChildren(cell.children, sink);
  sink.break();
  return sink.lines.map((l) => l.text).join('\n');
}

/** Rows of this table only (rows of nested tables belong to their cells). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element) => {
    for (const child of el.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') visit(child);
    }
  };
  visit(table);
  return rows;
}

/** The cells a document may still spend on table grids (shared by nested tables). */
interface CellBudget {
  left: number;
}

/** Expands the table into a rectangular grid, repeating merged cells (see the file comment). */
export function readTable(table: Element, budget: CellBudget = { left: MAX_DOCUMENT_CELLS }): string[][] {
  const grid: string[][] = [];
  let cells = 0;
  // Counted as each cell is written, so the check stops the expansion before memory is spent on it.
  const spend = () => {
    cells++;
    if (cells > MAX_TABLE_CELLS) throw gridLimit('A table', cells, MAX_TABLE_CELLS);
    if (--budget.left < 0) throw gridLimit("The document's tables", MAX_DOCUMENT_CELLS + 1, MAX_DOCUMENT_CELLS);
  };
  // pending[c] = text and remaining rows of a rowspan reaching down into column c.
  const pending: ({ text: string; rows: number } | undefined)[] = [];
  for (const tr of tableRows(table)) {
    const row: string[] = [];
    let col = 0;
    const fillPending = () => {
      for (let p = pending[col]; p && p.rows > 0; p = pending[col]) {
        spend();
        row[col] = p.text;
        p.rows--;
        col++;
      }
    };
    for (const cell of tr.children) {
      if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      fillPending();
      const text = cellText(cell, budget);
      const colspan = attrNumber(cell, 'colSpan', MAX_COLSPAN);
      const rowspan = attrNumber(cell, 'rowSpan', 65_534);
      for (let k = 0; k < colspan; k++) {
        spend();
        row[col] = text;
        pending[col] = rowspan > 1 ? { text, rows: rowspan - 1 } : undefined;
        col++;
      }
    }
    fillPending();
    // Rowspans reaching past the cells this row defines still occupy their columns.
    for (let c = col; c < pending.length; c++) {
      const p = pending[c];
      if (p && p.rows > 0) {
        spend();
        row[c] = p.text;
        p.rows--;
      }
    }
    for (let c = 0; c < row.length; c++) row[c] ??= '';
    if (row.some((c) => c.trim() !== '')) grid.push(row);
  }
  let width = 0;
  for (const r of grid) width = Math.max(width, r.length);
  // Padding ragged rows to the widest one is grid growth too (one wide row × many short ones).
  if (grid.length * width > MAX_TABLE_CELLS) throw gridLimit('A table', grid.length * width, MAX_TABLE_CELLS);
  for (const r of grid) while (r.length < width) r.push('');
  return grid;
}

/** Charset from a BOM or a <meta> in the first KiB; UTF-8 otherwise. */
function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = /<meta[^>]{0,200}?charset\s*=\s*["']?([\w-]{1,40})/i.exec(head)?.[1]?.toLowerCase();
  let label = 'utf-8';
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      new TextDecoder(declared);
      label = declared;
    } catch {
      // An unknown charset name: UTF-8 is the only sane default.
    }
  }
  if (label === 'utf-8') {
    // Undeclared and not UTF-8: old pages typed in VNI/TCVN3 fonts; their Windows-1252 reading is what the
    // legacy-encoding detection (readHtml) converts.
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const legacy = win1252(bytes);
      if (detectLegacyEncoding(legacy.split('\n'))) return legacy;
    }
  }
  return new TextDecoder(label).decode(bytes);
}

/** Reads an HTML string already decoded (the DOCX reader passes mammoth's output here). */
export function htmlToTree(html: string, format: 'html' | 'docx', messages: Diagnostic[] = []): DocTree {
  const sink = new LineSink(false);
  try {
    const root: Root = fromHtml(html);
    walkChildren(root.children, sink);
  } catch (err) {
    // The HTML-to-tree step and our walk are recursive; nesting thousands of elements deep is an attack
    // or a broken export, never a plan.
    if (err instanceof RangeError) {
      throw new UnreadableDocumentError('corrupt-file', 'The HTML is nested too deeply to read.', { cause: err });
    }
    throw err;
  }
  sink.break();
  // Blank lines before the first text and after the last carry no paragraph break.
  const first = sink.blocks.findIndex((b) => b.type === 'table' || b.text !== '');
  let last = sink.blocks.length - 1;
  while (last >= 0 && sink.blocks[last]?.type === 'paragraph' && (sink.blocks[last] as { text: string }).text === '')
    last--;
  const kept = first < 0 ? [] : sink.blocks.slice(first, last + 1);
  const blocks = format === 'html' ? kept : kept.map((b): Block => (b.type === 'table' ? { ...b, origin: 'docx' } : b));
  return { format, blocks, pages: null, messages };
}

export function readHtml(bytes: Uint8Array): DocTree {
  if (bytes.byteLength > MAX_HTML_BYTES) {
    throw new UnreadableDocumentError(
      'too-large',
      `The HTML file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB (limit ${MAX_HTML_BYTES / 1024 / 1024} MB).`,
    );
  }
  return convertLegacyTree(htmlToTree(decodeHtml(bytes), 'html'));
}
