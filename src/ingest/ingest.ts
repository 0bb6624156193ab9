// Readers: bytes of any supported format → the format-neutral DocTree. The format is sniffed from
// the content unless the caller forces one.
import type { DocumentFormat } from '../contract/schema.js';
import type { DocTree } from '../doc/types.js';
import { readDoc } from './doc.js';
import { readDocx } from './docx.js';
import { readHtml } from './html.js';
import { readImage } from './image.js';
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
}

export async function ingest(bytes: Uint8Array, opts: IngestOptions = {}): Promise<DocTree> {
  const sniffed: Sniffed = opts.format ? { format: opts.format } : await sniff(bytes, opts.fileName);
  switch (sniffed.format) {
    case 'text':
      // The sniffer decoded the text already: not twice.
      return readText(bytes, sniffed.encoding);
    case 'html':
      return readHtml(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'pdf':
      return readPdf(bytes, { ...opts.pdf, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) }, ocrRun(opts));
    case 'doc':
      return readDoc(bytes);
    case 'rtf':
      return readRtf(bytes);
    case 'image':
      return readImage(bytes, ocrRun(opts) ?? {});
  }
}

function ocrRun(opts: IngestOptions) {
  if (opts.ocr === false) return null;
  return { ...opts.ocr, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
}
