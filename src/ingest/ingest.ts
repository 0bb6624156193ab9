// Readers: bytes of any supported format → the format-neutral DocTree. The format is sniffed from
// the content unless the caller forces one. The readers of binary formats are loaded on their first document:
// their libraries (mammoth, sharp, hast, word-extractor, cfb) cost a parse worker some 0.7 s of CPU to load, which
// a batch of text plans would pay in every worker for nothing.
import type { DocumentFormat } from '../contract/schema.js';
import type { DocTree } from '../doc/types.js';
import type { OcrOptions } from './ocr/read.js';
import { type PdfOptions, readPdf } from './pdf.js';
import { readRtf } from './rtf.js';
import { type Sniffed, sniff } from './sniff.js';
import { readText } from './text.js';

export interface IngestOptions {
  fileName?: string | null;
  /** Force a format; otherwise it is sniffed from the bytes. */
  format?: DocumentFormat;
  pdf?: PdfOptions;
  /** OCR of scans and images; `false` turns it off (scanned PDF pages are then only reported). */
  ocr?: OcrOptions | false;
  /** Progress of long reads (OCR page by page, PDF pages), relayed to whoever waits for the document. */
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  phase: 'ocr' | 'pages';
  done: number;
  total: number;
  /** OCR only: its own time budget in ms (pages past it are reported, not read). */
  budgetMs?: number;
}

export async function ingest(bytes: Uint8Array, opts: IngestOptions = {}): Promise<DocTree> {
  const sniffed: Sniffed = opts.format ? { format: opts.format } : await sniff(bytes, opts.fileName);
  switch (sniffed.format) {
    case 'text':
      // The sniffer decoded the text already: not twice.
      return readText(bytes, sniffed.encoding);
    case 'html':
      return (await import('./html.js')).readHtml(bytes);
    case 'docx':
      return (await import('./docx.js')).readDocx(bytes);
    case 'pdf':
      return readPdf(bytes, { ...opts.pdf, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) }, ocrRun(opts));
    case 'doc':
      return (await import('./doc.js')).readDoc(bytes);
    case 'rtf':
      return readRtf(bytes);
    case 'image':
      return (await import('./image.js')).readImage(bytes, ocrRun(opts) ?? {});
  }
}

function ocrRun(opts: IngestOptions) {
  if (opts.ocr === false) return null;
  return { ...opts.ocr, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
}
