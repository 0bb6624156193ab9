export { readDocx } from './docx.js';
export { htmlToTree, readHtml } from './html.js';
export { type IngestOptions, ingest } from './ingest.js';
export { PDF_DEFAULTS, type PdfOptions, parsePdfInThisThread, type ReadPdfOptions, readPdf } from './pdf.js';
export { sniffFormat } from './sniff.js';
export { readText } from './text.js';
