// The document object that flows through every stage (like unified's vfile): readers produce a
// format-neutral DocTree; normalisation turns it into a Doc (normalised text, a line index built once,
// first-class tables, messages). Extractors only ever see a Doc and never know the source format.
import type { Diagnostic, DocumentFormat, Span } from '../contract/schema.js';

// ---------------------------------------------------------------------------------------------
// Geometry: where a piece of text stands on its page, kept from the reader (OCR, PDF) to the values.

/** A box as fractions 0–1 of the page's width and height, origin top-left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How sure OCR was of a line's words (Tesseract word confidences, 0–100). */
export interface OcrStats {
  words: { text: string; confidence: number }[];
}

export interface Geo {
  box: Box;
  /** Present when the text was read by OCR. */
  ocr?: OcrStats;
}

// ---------------------------------------------------------------------------------------------
// Stage 1: the neutral tree every reader (text, HTML, DOCX, PDF) produces.

export interface ParagraphBlock {
  type: 'paragraph';
  /** One paragraph as the reader saw it. Plain-text readers emit one block per raw line. */
  text: string;
  /** 1-based page number when the format has pages (PDF). */
  page?: number;
  /** Readers that know a paragraph is a heading (DOCX/HTML h1-h6) say so; a hint only. */
  heading?: boolean;
  /** Where the paragraph stands on its page (OCR lines; a single-line paragraph only). */
  geo?: Geo;
}

export interface TableBlock {
  type: 'table';
  /** rows[r][c] = cell text; a cell may contain newlines. Merged cells are repeated or left '' by the reader. */
  rows: string[][];
  origin: 'docx' | 'html' | 'pdf' | 'pipe' | 'tab';
  page?: number;
}

export type Block = ParagraphBlock | TableBlock;

export interface DocTree {
  format: DocumentFormat;
  blocks: Block[];
  pages: number | null;
  /** Problems readers noticed (e.g. `no-text-layer`); spans are null at this stage. */
  messages: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Stage 2: the normalised document.

export interface Line {
  /** 1-based line number in `Doc.text`. */
  number: number;
  text: string;
  /** Offsets of this line in `Doc.text`, end exclusive (the newline is not included). */
  start: number;
  end: number;
  kind: 'text' | 'table-row' | 'blank';
  /** For table rows: which table and row this line renders. */
  table?: number;
  row?: number;
  /** True when the line was reassembled from raw lines broken mid-phrase. */
  wrapped: boolean;
  page?: number;
  /** Union of the boxes of the raw lines joined into this line (same page), with their OCR confidences. */
  geo?: Geo;
}

export interface DocCell {
  text: string;
  span: Span;
}

export interface DocRow {
  cells: DocCell[];
  span: Span;
  /** 1-based line number of the row in Doc.text. */
  line: number;
}

export interface DocTable {
  index: number;
  origin: TableBlock['origin'];
  /** Header/signature blocks drawn as tables (the national motto, "Số:", "Nơi nhận", signer). */
  layout: boolean;
  /** How many leading rows are header rows (multi-level headers count each level). 0 when unknown. */
  headerRows: number;
  /** Leaf column headers, multi-level headers joined with " / "; null when the table has no recognisable header. */
  columns: string[] | null;
  rows: DocRow[];
  /** Lines of Doc.text covered by the table, [firstLine, lastLine] 1-based inclusive. */
  firstLine: number;
  lastLine: number;
  span: Span;
  /** Normaliser's own notes on the reconstruction, e.g. 'irregular-row'. */
  flags: string[];
  page?: number;
}

export interface Doc {
  format: DocumentFormat;
  sha256: string;
  fileName: string | null;
  pages: number | null;
  /** The normalised text: unwrapped paragraphs one per line, table rows one per line ("a | b | c"). */
  text: string;
  /** lines[i] is line number i + 1. */
  lines: Line[];
  tables: DocTable[];
  messages: Diagnostic[];
  /** Set by the segment stage (src/segment/): the document's zones. Absent before segmentation. */
  zones?: Zones;
}

// ---------------------------------------------------------------------------------------------
// Stage 3: zones. The outline is computed once and shared by every field extractor.

export interface OutlineItem {
  /** "1", "2.1", "a", "đ", "-", "+" */
  label: string;
  depth: number;
  /** The item's own head line, without its label. */
  text: string;
  /** Index into Doc.lines of the head line (0-based). */
  headLine: number;
  /** Exclusive end (0-based line index) of everything the item covers, its sub-items included. */
  endLine: number;
  span: Span;
  items: OutlineItem[];
}

export interface OutlineSection {
  numeral: string;
  number: number;
  title: string;
  /** Index into Doc.lines of the heading line (0-based). */
  headLine: number;
  /** Exclusive end (0-based line index). */
  endLine: number;
  span: Span;
  flags: string[];
  items: OutlineItem[];
}

export interface Outline {
  /** 0-based line index where the body (first section) starts; everything before is the header/preamble. */
  bodyStart: number;
  /** 0-based exclusive line index where the body ends (closing formula, signature, appendices). */
  bodyEnd: number;
  sections: OutlineSection[];
  /** Diagnostics found while segmenting (numbering gaps, repeated numerals). */
  messages: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Zones (src/segment/): line ranges of the document that field extractors read instead of the whole text.

/** Lines [from, to) of Doc.lines, 0-based, end exclusive; empty when from === to. */
export interface Zone {
  from: number;
  to: number;
}

/** One issued text: a plan, or the decision that issues an attached plan. */
export interface PartZones {
  /** The whole part. */
  range: Zone;
  /** Issuer block, national motto, "Số:", place and date: from the part's start to its type line. */
  header: Zone;
  /** The type line ("KẾ HOẠCH", "QUYẾT ĐỊNH"), 0-based, or null when the part has none. */
  typeLine: number | null;
  /** Type line, title lines and the "(Ban hành kèm theo …)" note. */
  title: Zone;
  /** "Căn cứ …", "Thực hiện …": from the title to the body. */
  preamble: Zone;
  /** Sections of a plan, articles ("Điều 1.") of a decision. */
  body: Zone;
  /** Closing, "Nơi nhận:" and signature block(s): from the body to the first appendix or the part's end. */
  tail: Zone;
  /** The "Nơi nhận:" list inside the tail, or null. */
  recipients: Zone | null;
  /** Each "PHỤ LỤC" to the next or to the part's end. */
  appendices: Zone[];
}

export interface Zones {
  /** The plan (for a plan issued by decision, the attached plan); for a non-plan, the whole document. */
  plan: PartZones;
  /** The decision issuing an attached plan, when its text is present. */
  decision: PartZones | null;
  /** Line of the "(Ban hành kèm theo Quyết định số …)" note under the attached plan's title, or null. */
  attachedBy: number | null;
}
