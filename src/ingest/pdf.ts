// PDF → DocTree. Two engines behind one reader: pdf.js (from npm, always there; parsing in a worker thread with a
// deadline and a heap cap, or inline in a pool worker) and poppler's pdftotext (a child process with a deadline,
// an output cap and a memory cap), chosen by KEHOACH_PDF_ENGINE=auto|pdfjs|poppler (auto: poppler when
// installed, pdf.js in a pool worker where it is warm). Both give the same pages (text and tables); the layout clean-up (page furniture, tables) is pure
// and lives in pdf-layout.ts.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../contract/schema.js';
import type { DocTree } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import type { OcrRunOptions } from './ocr/read.js';
import { type PageText, pageBlocks, stripPageFurniture } from './pdf-layout.js';
import { layoutPage, PopplerError, popplerAvailable, runPdftotext } from './pdf-poppler.js';
import { mayHoldTable, type PdfScan, scanPdf } from './pdf-scan.js';
import type { PdfPage, PdfWorkerInput, PdfWorkerOutput } from './pdf-worker.js';

export type PdfEngineName = 'pdfjs' | 'poppler';

export interface PdfOptions {
  timeoutMs?: number;
  maxPages?: number;
  maxImagePixels?: number;
  /** Heap cap of the parsing worker (pdf.js); address-space cap of pdftotext (poppler). */
  maxHeapMb?: number;
  /** Default: KEHOACH_PDF_ENGINE, else auto (see choosePdfEngine). */
  engine?: PdfEngineName | 'auto';
}

export interface ReadPdfOptions extends PdfOptions {
  onProgress?: (p: { phase: 'pages'; done: number; total: number }) => void;
}

export const PDF_DEFAULTS: Required<Omit<PdfOptions, 'engine'>> = {
  timeoutMs: 60_000,
  maxPages: 300,
  maxImagePixels: 16 * 1024 * 1024,
  maxHeapMb: 1024,
};

type Limits = typeof PDF_DEFAULTS;

/** A scan carries at most a stamp or a signature block as text; fewer visible characters than this on
 * every page means there is no text layer. */
const MIN_PAGE_CHARS = 20;

let inThisThread = false;

/**
 * Parse PDFs in the calling thread from now on. For threads that are already kill-able and bounded (the parse
 * pool's workers): a nested thread per document would only add a cold pdf.js start. Library callers of
 * extract() on their main thread keep the isolated default.
 */
export function parsePdfInThisThread(): void {
  inThisThread = true;
}

/**
 * The engine for a read: the option, else KEHOACH_PDF_ENGINE, else (auto) pdf.js in a thread that parses inline
 * (a pool worker, where pdf.js stays warm from one document to the next and beats spawning pdftotext and then
 * pdf.js again for the pages with tables: `npm run bench pdf` prints both engines), otherwise poppler when
 * installed (a cold pdf.js thread per document costs seconds).
 */
export function choosePdfEngine(
  wanted: PdfOptions['engine'] = undefined,
  env: NodeJS.ProcessEnv = process.env,
): PdfEngineName {
  const forced = wanted ?? env.KEHOACH_PDF_ENGINE ?? 'auto';
  if (forced === 'pdfjs') return 'pdfjs';
  if (forced === 'poppler') {
    if (!popplerAvailable()) {
      throw new Error('KEHOACH_PDF_ENGINE=poppler but `pdftotext` is not installed (apt-get install poppler-utils)');
    }
    return 'poppler';
  }
  if (forced !== 'auto') throw new Error(`KEHOACH_PDF_ENGINE must be auto, pdfjs or poppler (got "${forced}")`);
  return !inThisThread && popplerAvailable() ? 'poppler' : 'pdfjs';
}

/** pdf.js's text and tables per page, inline or in a kill-able thread with a deadline and a heap cap. */
async function parseWithPdfjs(
  bytes: Uint8Array,
  opts: Limits,
  pages: Pick<PdfWorkerInput, 'only' | 'tablePages'>,
): Promise<PdfWorkerOutput> {
  // pdf.js takes ownership of (detaches) the buffer it is given; OCR of scanned pages reads the bytes again.
  const input: PdfWorkerInput = {
    bytes: new Uint8Array(bytes),
    maxPages: opts.maxPages,
    maxImagePixels: opts.maxImagePixels,
    ...pages,
  };
  if (!inThisThread) return runWorker(input, opts);
  const { parsePdf } = await import('./pdf-worker.js');
  return parsePdf(input);
}

/** Pages that may hold a ruled table according to the raw scan (null: unknown, any page may). */
function tablePagesOf(scan: PdfScan | null): number[] | null {
  if (!scan) return null;
  return scan.pages.flatMap((p, i) => (mayHoldTable(p) ? [i + 1] : []));
}

/**
 * The poppler engine: pdftotext gives every page's words, laid out into pdf.js's lines; the pages that may hold a
 * ruled table (stroked lines, from the raw scan) or show annotation text (which pdf.js leaves out) are read by
 * pdf.js, only those. pdftotext failing on a file falls back to pdf.js for the whole file, whose verdict
 * (encrypted, corrupt) is the reader's.
 */
async function parseWithPoppler(bytes: Uint8Array, opts: Limits): Promise<PdfWorkerOutput> {
  const scan = scanPdf(bytes, { maxPages: opts.maxPages });
  let words: Awaited<ReturnType<typeof runPdftotext>>;
  try {
    words = await runPdftotext(bytes, {
      maxPages: opts.maxPages,
      timeoutMs: opts.timeoutMs,
      maxMemoryMb: opts.maxHeapMb,
    });
  } catch (err) {
    if (!(err instanceof PopplerError)) throw err;
    if (err.kind === 'timeout') {
      throw new UnreadableDocumentError('timeout', `Reading the PDF took longer than ${opts.timeoutMs / 1000} s.`);
    }
    if (err.kind === 'too-large')
      throw new UnreadableDocumentError('too-large', `The PDF's text is too large: ${err.message}.`);
    return parseWithPdfjs(bytes, opts, { tablePages: tablePagesOf(scan) });
  }
  const total = scan?.pages.length ?? null;
  // Both readers must agree on the pages; a file they see differently is pdf.js's alone.
  const agree = total !== null && (words.length === total || (words.length === opts.maxPages && total > opts.maxPages));
  if (!agree || words.length === 0) return parseWithPdfjs(bytes, opts, { tablePages: tablePagesOf(scan) });
  const laid = words.map((p, i) => layoutPage(p.words, scan?.pages[i]?.fontHeights ?? null));
  const pages: PdfPage[] = laid.map((p, i) => ({ num: i + 1, text: p.text, tables: [] }));
  // pdf.js reads a page with text that may hold a table, shows annotation text, has a font whose codes the two
  // readers could map differently, or whose layout depended on font proportions pdftotext does not give.
  const viaPdfjs = pages
    .filter((p, i) => {
      const s = scan?.pages[i];
      if (!/\S/.test(p.text)) return false;
      return !s || laid[i]!.uncertain || mayHoldTable(s) || s.annotationText || !s.fontsMapped;
    })
    .map((p) => p.num);
  if (viaPdfjs.length > 0) {
    const out = await parseWithPdfjs(bytes, opts, { only: viaPdfjs, tablePages: tablePagesOf(scan) });
    if (!out.ok) return out;
    for (const p of out.pages) pages[p.num - 1] = p;
  }
  return { ok: true, total, pages };
}

/**
 * From source (tests, tsx) the worker is TypeScript: a small ESM bootstrap registers tsx's loader in
 * the worker first (loader flags in a worker's execArgv are not honoured on Node 20). Built code starts
 * the compiled JS file directly.
 */
function spawnWorker(input: PdfWorkerInput, maxHeapMb: number): Worker {
  const options = {
    workerData: input,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    stdout: true,
    stderr: true,
  };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pdf-worker.js', import.meta.url), options);
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./pdf-worker.ts', import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}

function runWorker(input: PdfWorkerInput, opts: Limits): Promise<PdfWorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(input, opts.maxHeapMb);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new UnreadableDocumentError('timeout', `Reading the PDF took longer than ${opts.timeoutMs / 1000} s.`),
          ),
        ),
      opts.timeoutMs,
    );
    worker.on('message', (out: PdfWorkerOutput) => settle(() => resolve(out)));
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new UnreadableDocumentError('too-large', `Reading the PDF needed more than ${opts.maxHeapMb} MB.`, {
                cause: err,
              })
            : new UnreadableDocumentError('corrupt-file', `The PDF reader failed: ${err.message}`, { cause: err }),
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          new UnreadableDocumentError('corrupt-file', `The PDF reader stopped (exit code ${code}) without a result.`),
        ),
      ),
    );
  });
}

const visibleChars = (s: string) => s.replace(/\s+/g, '').length;

export async function readPdf(
  bytes: Uint8Array,
  options: ReadPdfOptions = {},
  ocr: OcrRunOptions | null = null,
): Promise<DocTree> {
  const { onProgress, engine, ...limits } = options;
  const opts = { ...PDF_DEFAULTS, ...limits };
  const out =
    choosePdfEngine(engine) === 'poppler'
      ? await parseWithPoppler(bytes, opts)
      : await parseWithPdfjs(bytes, opts, { tablePages: tablePagesOf(scanPdf(bytes, { maxPages: opts.maxPages })) });
  if (!out.ok) throw new UnreadableDocumentError(out.reason, out.message);
  onProgress?.({ phase: 'pages', done: out.pages.length, total: out.pages.length });

  const messages: Diagnostic[] = [];
  const warn = (code: string, message: string, severity: Diagnostic['severity'] = 'warning') =>
    messages.push({ code, severity, message, source: null });

  const chars = out.pages.map((p) => visibleChars(p.text));
  // Pages without a text layer are read by OCR (all of a scan; only those pages of a mixed PDF).
  // A page with a few characters in a PDF that otherwise has text keeps them (a signature-only last page).
  const allScanned = chars.every((n) => n < MIN_PAGE_CHARS);
  const scanned = out.pages.filter((_p, i) => (allScanned ? true : chars[i] === 0)).map((p) => p.num);
  // OCR (sharp, tesseract) is loaded on the first scan, not by every worker that reads text.
  const ocred =
    ocr && scanned.length > 0
      ? await (await import('./ocr/pdf.js')).ocrScannedPages(bytes, scanned, out.total, opts, ocr)
      : null;
  if (ocred) {
    messages.push(...ocred.messages);
  } else if (out.pages.length > 0 && chars.every((n) => n < MIN_PAGE_CHARS)) {
    warn(
      'no-text-layer',
      `The PDF has no text layer on any of its ${out.total} page(s): it is a scanned image, so nothing could be ` +
        'extracted. Run OCR on it (for example `ocrmypdf -l vie input.pdf output.pdf`) and submit the result.',
    );
  } else {
    // An empty page inside the document (the last one often holds only a signature) means a scanned
    // insert, e.g. a signed annex page.
    const empty = out.pages.filter((_p, i) => chars[i] === 0 && i < out.pages.length - 1).map((p) => p.num);
    if (empty.length > 0) {
      warn(
        'partial-text-layer',
        `Page(s) ${empty.join(', ')} have no text layer (scanned?); their content is missing.`,
      );
    }
  }
  if (out.total > out.pages.length) {
    warn('pages-truncated', `Only the first ${out.pages.length} of ${out.total} pages were read.`);
  }

  const pages: PageText[] = out.pages
    .filter((p) => !ocred?.blocks.has(p.num))
    .map((p) => ({
      num: p.num,
      lines: p.text.split(/\r\n|\r|\n/).map((l) => l.replace(/\s+$/, '')),
      tables: p.tables,
    }));
  let blocks = stripPageFurniture(pages).flatMap(pageBlocks);
  if (ocred) blocks = ocred.merge(blocks);
  return { format: 'pdf', blocks, pages: out.total, messages };
}
