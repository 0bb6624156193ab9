// Readers: bytes of any supported format → the format-neutral DocTree. The format is sniffed from
// the content unless the caller forces one.
import type { DocumentFormat } from '../contract/schema.js';
import type { DocTree } from '../doc/types.js';
import { readDoc } from './doc.js';
import { readDocx } from './docx.js';
import { readHtml } from './html.js';
import { type PdfOptions, readPdf } from './pdf.js';
import { readRtf } from './rtf.js';
import { sniffFormat } from './sniff.js';
import { readText } from './text.js';

export interface IngestOptions {
  fileName?: string | null;
  /** Force a format; otherwise it is sniffed from the bytes. */
  format?: DocumentFormat;
  pdf?: PdfOptions;
}

export async function ingest(bytes: Uint8Array, opts: IngestOptions = {}): Promise<DocTree> {
  const format = opts.format ?? (await sniffFormat(bytes, opts.fileName));
  switch (format) {
    case 'text':
      return readText(bytes);
    case 'html':
      return readHtml(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'pdf':
      return readPdf(bytes, opts.pdf);
    case 'doc':
      return readDoc(bytes);
    case 'rtf':
      return readRtf(bytes);
  }
}
