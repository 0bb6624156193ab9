// Page images → DocTree blocks, page by page, under a page cap and a time budget, reporting progress.
// Every recognised line becomes one paragraph block carrying its page, its box (fractions of the page) and its
// OCR word confidences, so geometry and OCR confidence survive normalisation into Doc lines.
import type { Diagnostic } from '../../contract/schema.js';
import type { Block, Geo } from '../../doc/types.js';
import { openEngine } from './engine.js';
import { recognisePage } from './page.js';
import type { OcrEngineName, OcrPage, PageImage } from './types.js';

export interface OcrOptions {
  /** Pages OCR'd at most per document; later pages are reported, not read. */
  maxPages?: number;
  /** Largest page image accepted, width × height in pixels; checked before decoding. */
  maxPixels?: number;
  /** Wall-clock budget for all OCR of one document, ms; pages after it are reported, not read. */
  timeBudgetMs?: number;
  /** Resolution PDF pages are rendered at. */
  dpi?: number;
  engine?: OcrEngineName;
}

export const OCR_DEFAULTS = {
  maxPages: 50,
  // An A4 page at 600 dpi is 35 Mpx; anything beyond 60 Mpx is not a page scan.
  maxPixels: 60_000_000,
  timeBudgetMs: 180_000,
  // The scans in the corpus are 200 ppi; rendering higher only upsamples them (and 300 dpi costs ~2× per page).
  dpi: 200,
} as const;

export interface Progress {
  phase: 'ocr';
  done: number;
  total: number;
  /** The OCR's own time budget (ms), so whoever bounds the whole parse can make room for it. */
  budgetMs?: number;
}

export interface OcrRunOptions extends OcrOptions {
  onProgress?: (p: Progress) => void;
}

export interface OcrRun {
  /** Blocks of the pages read, in page order. */
  blocks: Map<number, Block[]>;
  pages: OcrPage[];
  messages: Diagnostic[];
  engine: OcrEngineName;
}

const round = (n: number) => Math.round(n * 10000) / 10000;

export function pageBlocks(page: OcrPage, num: number): Block[] {
  return page.lines.map((l) => {
    const geo: Geo = {
      box: {
        x: round(l.box.x0 / page.width),
        y: round(l.box.y0 / page.height),
        width: round((l.box.x1 - l.box.x0) / page.width),
        height: round((l.box.y1 - l.box.y0) / page.height),
      },
      ocr: { words: l.words.map((w) => ({ text: w.text, confidence: Math.round(w.confidence) })) },
    };
    return { type: 'paragraph', text: l.text, page: num, geo };
  });
}

const info = (code: string, message: string, severity: Diagnostic['severity'] = 'info'): Diagnostic => ({
  code,
  severity,
  message,
  source: null,
});

/**
 * OCRs `pageNumbers` (1-based) with images from `image(n)`. Stops at the page cap or when the time budget runs
 * out, with an `ocr-truncated` diagnostic naming the pages not read. Errors of a single page are reported on
 * the document and the other pages still read; the caller decides what to do when no page could be read.
 */
export async function ocrPages(
  pageNumbers: readonly number[],
  image: (n: number, signal: AbortSignal) => Promise<PageImage>,
  options: OcrRunOptions = {},
): Promise<OcrRun> {
  const opts = { ...OCR_DEFAULTS, ...options };
  const engine = openEngine(opts.engine);
  const messages: Diagnostic[] = [];
  const blocks = new Map<number, Block[]>();
  const pages: OcrPage[] = [];
  const todo = pageNumbers.slice(0, opts.maxPages);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeBudgetMs);
  const failed: number[] = [];
  let done = 0;
  opts.onProgress?.({ phase: 'ocr', done, total: todo.length, budgetMs: opts.timeBudgetMs });
  try {
    for (const n of todo) {
      if (deadline.signal.aborted) break;
      try {
        const img = await image(n, deadline.signal);
        const page = await recognisePage(engine, img, { signal: deadline.signal });
        pages.push(page);
        blocks.set(n, pageBlocks(page, n));
        if (page.orientation !== 0) {
          messages.push(
            info(
              'ocr-rotated',
              `Page ${n} was scanned rotated by ${page.orientation}°; it was turned upright before reading.`,
            ),
          );
        }
      } catch (err) {
        if (deadline.signal.aborted) break;
        failed.push(n);
        messages.push(
          info(
            'ocr-page-failed',
            `Page ${n} could not be read by OCR: ${err instanceof Error ? err.message : String(err)}`,
            'warning',
          ),
        );
      }
      done++;
      opts.onProgress?.({ phase: 'ocr', done, total: todo.length });
    }
  } finally {
    clearTimeout(timer);
    await engine.close().catch(() => undefined);
  }
  const read = [...blocks.keys()];
  const notRead = pageNumbers.filter((n) => !blocks.has(n) && !failed.includes(n));
  if (notRead.length > 0) {
    const why = deadline.signal.aborted
      ? `the OCR time budget of ${Math.round(opts.timeBudgetMs / 1000)} s ran out`
      : `at most ${opts.maxPages} pages are OCR'd per document`;
    messages.push(
      info(
        'ocr-truncated',
        `Only ${read.length} of ${pageNumbers.length} scanned page(s) were read by OCR (${why}); ` +
          `page(s) ${describePages(notRead)} are missing from the extraction.`,
        'warning',
      ),
    );
  }
  if (pages.length > 0) {
    const mean = pages.reduce((s, p) => s + p.meanConfidence, 0) / pages.length;
    messages.push(
      info(
        'ocr',
        `${pages.length} page(s) read by OCR (Tesseract, Vietnamese model, ${engine.name === 'native' ? 'native binary' : 'tesseract.js'}; ` +
          `mean word confidence ${mean.toFixed(0)}/100).`,
      ),
    );
  }
  return { blocks, pages, messages, engine: engine.name };
}

/** "3, 5-9, 12" */
export function describePages(nums: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < nums.length) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === (nums[j] ?? 0) + 1) j++;
    out.push(j > i ? `${nums[i]}-${nums[j]}` : String(nums[i]));
    i = j + 1;
  }
  return out.join(', ');
}
