// Runs pdf.js (through pdf-parse). Either in a worker thread of its own, one document per worker, so the caller
// can kill it (pdf.js has had infinite loops and runaway allocations on corrupt files), or inline in a thread that
// is already kill-able (a parse-pool worker).
import { parentPort, workerData } from 'node:worker_threads';
import { loadPdfParse } from './pdfjs.js';

export interface PdfWorkerInput {
  bytes: Uint8Array;
  maxPages: number;
  /** Largest image pdf.js will decode, in pixels (width × height). */
  maxImagePixels: number;
}

export interface PdfPage {
  num: number;
  text: string;
  tables: string[][][];
}

export type PdfWorkerOutput =
  | { ok: true; total: number; pages: PdfPage[] }
  | { ok: false; reason: 'encrypted' | 'corrupt-file'; message: string };

export async function parsePdf(input: PdfWorkerInput): Promise<PdfWorkerOutput> {
  const { PasswordException, PDFParse } = await loadPdfParse();
  const parser = new PDFParse({
    data: input.bytes,
    // pdf.js compiles fonts with `new Function` when allowed (CVE-2024-4367 was in that path).
    isEvalSupported: false,
    maxImageSize: input.maxImagePixels,
    canvasMaxAreaInBytes: input.maxImagePixels * 4,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    const info = await parser.getInfo();
    const first = Math.min(info.total, input.maxPages);
    const text = await parser.getText({ first, pageJoiner: '' });
    // Table detection walks each page's drawing operators, which for a scanned page means decoding its
    // images: only pages with a text layer can hold a table we could read.
    const withText = text.pages.filter((p) => /\S/.test(p.text)).map((p) => p.num);
    const tables = withText.length > 0 ? await parser.getTable({ partial: withText }) : { pages: [] };
    const tablesByPage = new Map(tables.pages.map((p) => [p.num, p.tables]));
    return {
      ok: true,
      total: info.total,
      pages: text.pages.map((p) => ({ num: p.num, text: p.text, tables: tablesByPage.get(p.num) ?? [] })),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PasswordException || (err as { name?: string })?.name === 'PasswordException') {
      return { ok: false, reason: 'encrypted', message: `The PDF is password-protected: ${message}` };
    }
    return { ok: false, reason: 'corrupt-file', message: `The PDF could not be parsed: ${message}` };
  } finally {
    await parser.destroy().catch(() => undefined);
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
