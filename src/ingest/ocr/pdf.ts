// The OCR hook of the PDF reader: renders the pages without a text layer and reads them, then slots their
// blocks between the text-layer pages' blocks in page order.
import type { Diagnostic } from '../../contract/schema.js';
import type { Block } from '../../doc/types.js';
import { openPdfRenderer } from './pdf-pages.js';
import { OCR_DEFAULTS, type OcrRunOptions, ocrPages } from './read.js';

export interface ScannedPagesResult {
  blocks: Map<number, Block[]>;
  messages: Diagnostic[];
  /** Text-layer blocks (each with its page) and OCR blocks merged in page order. */
  merge(textBlocks: Block[]): Block[];
}

const PAGE_NUMBER_RE = /^[\s\-–—.]*(?:trang\s+)?(\d{1,4})[\s\-–—.]*$/i;

/** A bare page number printed at the top or bottom of a scanned page is furniture, not text. */
function stripPageNumber(blocks: Block[], page: number): Block[] {
  const isNumber = (b: Block | undefined) => {
    if (b?.type !== 'paragraph') return false;
    const m = PAGE_NUMBER_RE.exec(b.text);
    return m !== null && Math.abs(Number(m[1]) - page) <= 2;
  };
  let out = blocks;
  if (isNumber(out[0])) out = out.slice(1);
  if (isNumber(out[out.length - 1])) out = out.slice(0, -1);
  return out;
}

export async function ocrScannedPages(
  bytes: Uint8Array,
  scanned: readonly number[],
  totalPages: number,
  pdf: { maxImagePixels: number },
  options: OcrRunOptions,
): Promise<ScannedPagesResult> {
  const dpi = options.dpi ?? OCR_DEFAULTS.dpi;
  const renderer = openPdfRenderer(bytes, { dpi, maxImagePixels: pdf.maxImagePixels });
  let run: Awaited<ReturnType<typeof ocrPages>>;
  try {
    run = await ocrPages(scanned, (n, signal) => renderer.render(n, signal), options);
  } finally {
    await renderer.close();
  }
  const blocks = new Map([...run.blocks].map(([n, b]) => [n, stripPageNumber(b, n)]));
  const messages = [...run.messages];
  const words = run.pages.reduce((s, p) => s + p.words.length, 0);
  const all = scanned.length === totalPages;
  if (words === 0) {
    messages.unshift({
      code: all ? 'no-text-layer' : 'partial-text-layer',
      severity: 'warning',
      message: all
        ? `The PDF has no text layer on any of its ${totalPages} page(s) and OCR found no readable text on them.`
        : `Page(s) ${scanned.join(', ')} have no text layer and OCR found no readable text on them.`,
      source: null,
    });
  }
  return {
    blocks,
    messages,
    merge(textBlocks) {
      const byPage = new Map<number, Block[]>();
      for (const b of textBlocks) {
        const p = b.page ?? 0;
        byPage.set(p, [...(byPage.get(p) ?? []), b]);
      }
      for (const [n, bs] of blocks) byPage.set(n, bs);
      return [...byPage.keys()].sort((a, b) => a - b).flatMap((p) => byPage.get(p) ?? []);
    },
  };
}
