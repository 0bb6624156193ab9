// The pdf.js engine of the PDF reader. Either in a worker thread of its own, one document per worker, so the
// caller can kill it (pdf.js has had infinite loops and runaway allocations on corrupt files), or inline in a
// thread that is already kill-able (a parse-pool worker).
//
// Per page: one text content, laid out as pdf-parse v2's getText lays it out; then table detection only where a
// table can be — a page with text whose drawing has stroked lines. The operator list (which for a scanned page
// means decoding its images) is fetched only for pages with text that the raw scan (pdf-scan.ts) did not rule
// out, and pdf-parse's grid detection runs only when that list strokes lines or rectangles. Cells are filled from
// the same text content (pdf-parse's getTable fetched it a second time). The output is pdf-parse's getText +
// getTable output, page for page.
import { parentPort, workerData } from 'node:worker_threads';
import type { LineStore } from 'pdf-parse';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfjs } from './pdfjs.js';

// pdf.js and pdf-parse's geometry classes, loaded on the first PDF (src/ingest/pdfjs.ts says why never at import).
let pdfjs: typeof PdfjsModule;
let geometry: Awaited<ReturnType<typeof loadPdfjs>>['pdfParse'];

export interface PdfWorkerInput {
  bytes: Uint8Array;
  maxPages: number;
  /** Largest image pdf.js will decode, in pixels (width × height). */
  maxImagePixels: number;
  /** Read only these pages (1-based); default: the first maxPages. */
  only?: number[];
  /**
   * Pages (1-based) that may hold a ruled table, from the raw scan; null or absent: any page with text may.
   * Other pages get no operator list and no table detection.
   */
  tablePages?: number[] | null;
}

export interface PdfPage {
  num: number;
  text: string;
  tables: string[][][];
}

export type PdfWorkerOutput =
  | { ok: true; total: number; pages: PdfPage[] }
  | { ok: false; reason: 'encrypted' | 'corrupt-file'; message: string };

/** What pdf.js was asked to do in this thread (tests check that scanned pages cost no table detection). */
export const pdfjsWork = { documents: 0, textContents: 0, operatorLists: 0, tableDetections: 0 };

// pdf-parse's getPageText parameters (its defaults, which readPdf always used).
const LINE_THRESHOLD = 4.6;
const CELL_THRESHOLD = 7;
const CELL_SEPARATOR = '\t';

interface TextItem {
  str: string;
  width: number;
  height: number;
  transform: number[];
  hasEOL: boolean;
}

type Viewport = ReturnType<PdfjsModule.PDFPageProxy['getViewport']>;

/** pdf-parse's getPageText (lineEnforce, cellSeparator), without mutating the items (the tables read them too). */
function pageText(items: readonly TextItem[], viewport: Viewport): string {
  const buf: string[] = [];
  let lastX: number | undefined;
  let lastY: number | undefined;
  let lineHeight = 0;
  for (const item of items) {
    const [x, y] = viewport.convertToViewportPoint(item.transform[4]!, item.transform[5]!) as [number, number];
    let str = item.str;
    if (lastY !== undefined && Math.abs(lastY - y) > LINE_THRESHOLD) {
      const last = buf.length ? buf[buf.length - 1] : undefined;
      const startsNewLine = str.startsWith('\n') || (str.trim() === '' && item.hasEOL);
      if (last?.endsWith('\n') === false && !startsNewLine) {
        if (Math.abs(lastY - y) - 1 > lineHeight) {
          buf.push('\n');
          lineHeight = 0;
        }
      }
    }
    if (lastY !== undefined && Math.abs(lastY - y) < LINE_THRESHOLD) {
      if (lastX !== undefined && Math.abs(lastX - x) > CELL_THRESHOLD) str = `${CELL_SEPARATOR}${str}`;
    }
    buf.push(str);
    lastX = x + item.width;
    lastY = y;
    lineHeight = Math.max(lineHeight, item.height);
    if (item.hasEOL) buf.push('\n');
    if (item.hasEOL || str.endsWith('\n')) lineHeight = 0;
  }
  return buf.join('');
}

/** pdf-parse's getPathGeometry. */
function pathKind(mm: ArrayLike<number>): 'rectangle' | 'line' | null {
  if (mm[0] === Number.POSITIVE_INFINITY) return null;
  const width = mm[2]! - mm[0]!;
  const height = mm[3]! - mm[1]!;
  if (width > 5 && height > 5) return 'rectangle';
  if ((width > 5 && height === 0) || (width === 0 && height > 5)) return 'line';
  return null;
}

const NO_BOX = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** pdf-parse's getPageTables: stroked lines and rectangles of the operator list, in page coordinates. */
function strokedLines(ops: { fnArray: number[]; argsArray: unknown[][] }, viewport: Viewport): LineStore {
  const store = new geometry.LineStore();
  let matrix = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === pdfjs.OPS.constructPath) {
      if ((args?.[0] ?? 0) !== pdfjs.OPS.stroke) continue;
      const mm = (args?.[2] ?? NO_BOX) as ArrayLike<number>;
      const kind = pathKind(mm);
      if (kind === 'rectangle') {
        const rect = new geometry.Rectangle(new geometry.Point(mm[0]!, mm[1]!), mm[2]! - mm[0]!, mm[3]! - mm[1]!);
        rect.transform(matrix);
        rect.transform(viewport.transform);
        store.addRectangle(rect);
      } else if (kind === 'line') {
        const line = new geometry.Line(new geometry.Point(mm[0]!, mm[1]!), new geometry.Point(mm[2]!, mm[3]!));
        line.transform(matrix);
        line.transform(viewport.transform);
        store.add(line);
      }
    } else if (fn === pdfjs.OPS.save) stack.push(matrix);
    else if (fn === pdfjs.OPS.restore) matrix = stack.pop() ?? matrix;
    else if (fn === pdfjs.OPS.transform) matrix = pdfjs.Util.transform(matrix, args as number[]) as number[];
  }
  return store;
}

/** pdf-parse's grid detection + fillPageTables, on the page's one text content. */
function detectTables(store: LineStore, items: readonly TextItem[], viewport: Viewport): string[][][] {
  pdfjsWork.tableDetections++;
  store.normalize();
  const tables = store.getTableData();
  if (tables.length === 0) return [];
  for (const item of items) {
    const tx = pdfjs.Util.transform(pdfjs.Util.transform(viewport.transform, item.transform), [1, 0, 0, -1, 0, 0]);
    for (const table of tables) {
      const cell = table.findCell(tx[4]!, tx[5]!);
      if (cell) {
        cell.text.push(item.str);
        if (item.hasEOL) cell.text.push('\n');
        break;
      }
    }
  }
  return tables.map((t) => t.toArray());
}

function pageNumbers(total: number, input: PdfWorkerInput): number[] {
  const last = Math.min(total, input.maxPages);
  if (input.only) return input.only.filter((n) => n >= 1 && n <= last);
  return Array.from({ length: last }, (_, i) => i + 1);
}

export async function parsePdf(input: PdfWorkerInput): Promise<PdfWorkerOutput> {
  let doc: PdfjsModule.PDFDocumentProxy | null = null;
  ({ pdfjs, pdfParse: geometry } = await loadPdfjs());
  try {
    pdfjsWork.documents++;
    doc = await pdfjs.getDocument({
      data: input.bytes,
      // pdf.js compiles fonts with `new Function` when allowed (CVE-2024-4367 was in that path).
      isEvalSupported: false,
      maxImageSize: input.maxImagePixels,
      canvasMaxAreaInBytes: input.maxImagePixels * 4,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      stopAtErrors: false,
    }).promise;
    const tablePages = input.tablePages ? new Set(input.tablePages) : null;
    const pages: PdfPage[] = [];
    for (const num of pageNumbers(doc.numPages, input)) {
      const page = await doc.getPage(num);
      const viewport = page.getViewport({ scale: 1 });
      pdfjsWork.textContents++;
      const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      const items = content.items.filter((i): i is TextItem & (typeof content.items)[number] => 'str' in i);
      const text = pageText(items, viewport);
      let tables: string[][][] = [];
      // A table needs text in its cells (a scanned page has none) and lines to draw its grid.
      if (/\S/.test(text) && (tablePages === null || tablePages.has(num))) {
        pdfjsWork.operatorLists++;
        const store = strokedLines(await page.getOperatorList(), viewport);
        if (store.hLines.length + store.vLines.length > 0) tables = detectTables(store, items, viewport);
      }
      pages.push({ num, text, tables });
      page.cleanup();
    }
    return { ok: true, total: doc.numPages, pages };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if ((err as { name?: string })?.name === 'PasswordException') {
      return { ok: false, reason: 'encrypted', message: `The PDF is password-protected: ${message}` };
    }
    return { ok: false, reason: 'corrupt-file', message: `The PDF could not be parsed: ${message}` };
  } finally {
    await doc?.destroy().catch(() => undefined);
  }
}

const isInput = (d: unknown): d is PdfWorkerInput =>
  typeof d === 'object' && d !== null && (d as PdfWorkerInput).bytes instanceof Uint8Array;

// Only when started as the PDF thread (readPdf's runWorker): imported inline by a pool worker it must stay quiet.
if (parentPort && isInput(workerData)) {
  const port = parentPort;
  parsePdf(workerData as PdfWorkerInput).then(
    (out) => port.postMessage(out),
    (err: unknown) =>
      port.postMessage({ ok: false, reason: 'corrupt-file', message: String(err) } satisfies PdfWorkerOutput),
  );
}
