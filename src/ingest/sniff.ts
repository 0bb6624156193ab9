// Format detection from the bytes, never from the file name: a PDF named .txt is read as a PDF.
// The name only makes error messages clearer.
import type { DocumentFormat } from '../contract/schema.js';
import { UnreadableDocumentError } from '../errors.js';
import { detectTextEncoding, type TextEncodingInfo } from './decode.js';
import { win1252 } from './legacy/convert.js';
import { detectLegacyEncoding } from './legacy/detect.js';

const PDF_MAGIC = '%PDF-';
/** The PDF spec tolerates junk before the header; readers look within the first KiB. */
const PDF_HEADER_WINDOW = 1024;
/** Scanner output read by OCR: JPEG, PNG, TIFF (little- and big-endian, classic and BigTIFF). */
const IMAGE_MAGICS: readonly (readonly number[])[] = [
  [0xff, 0xd8, 0xff],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
  [0x49, 0x49, 0x2b, 0x00],
  [0x4d, 0x4d, 0x00, 0x2b],
];

export function isScanImage(bytes: Uint8Array): boolean {
  return IMAGE_MAGICS.some((m) => startsWith(bytes, m));
}

/** OLE2 / Compound File Binary (legacy Office): read by cfb.ts, loaded only for such a file. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

function isCfb(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE_MAGIC);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_HEADER_WINDOW));
  return head.includes(PDF_MAGIC, 0, 'latin1');
}

const unsupported = (message: string) => new UnreadableDocumentError('unsupported-format', message);

function named(fileName?: string | null): string {
  return fileName ? `"${fileName}"` : 'The file';
}

/** What a non-DOCX ZIP is, for a message people can act on. */
function describeZip(names: Set<string>): string {
  if (names.has('xl/workbook.xml')) return 'an Excel workbook (.xlsx)';
  if (names.has('ppt/presentation.xml')) return 'a PowerPoint presentation (.pptx)';
  if (names.has('mimetype') && names.has('content.xml')) return 'an OpenDocument file (.odt/.ods)';
  if (names.has('[Content_Types].xml')) return 'an Office Open XML package without a Word document';
  return 'a ZIP archive';
}

// HTML is recognised by how it starts (like the WHATWG MIME sniffing algorithm), not by a tag
// appearing somewhere: a plain-text plan quoting "<p>" is still text.
const HTML_START =
  /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|br|style|script|\?xml[^>]*>\s*<(?:!doctype\s+html|html))[\s>/]/i;

export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 4096).replace(/^\uFEFF?\s+/, ''));
}

/**
 * Detects the format from content. Throws UnreadableDocumentError('unsupported-format' | 'empty' |
 * 'not-text' | 'corrupt-file') with a message that names what the file actually is.
 */
export async function sniffFormat(bytes: Uint8Array, fileName?: string | null): Promise<DocumentFormat> {
  return (await sniff(bytes, fileName)).format;
}

export interface Sniffed {
  format: DocumentFormat;
  /** The decoded text, when the format was told from it: the text reader need not decode the bytes again. */
  encoding?: TextEncodingInfo;
}

/** sniffFormat, keeping the text it decoded on the way. */
export async function sniff(bytes: Uint8Array, fileName?: string | null): Promise<Sniffed> {
  if (bytes.byteLength === 0) throw new UnreadableDocumentError('empty', `${named(fileName)} is empty (0 bytes).`);
  if (hasPdfHeader(bytes)) return { format: 'pdf' };
  if (isScanImage(bytes)) return { format: 'image' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const { findWordMainPart, listZipEntries } = await import('./zip.js');
    const names = new Set((await listZipEntries(bytes)).map((e) => e.name));
    // A Word main part may have another name (word/document2.xml): the package relationships say which it is.
    if (names.has('word/document.xml') || (await findWordMainPart(bytes)) !== null) return { format: 'docx' };
    throw unsupported(
      `${named(fileName)} is ${describeZip(names)}; only Word .docx, PDF, HTML, text and scanned images (JPEG, PNG, TIFF) are supported.`,
    );
  }
  if (isCfb(bytes)) return { format: await cfbFormat(bytes, fileName) };
  const encoding = detectTextEncoding(bytes);
  if (encoding === null) {
    const legacy = legacyText(bytes);
    if (legacy !== null) return { format: looksLikeHtml(legacy) ? 'html' : 'text' };
    const { fileTypeFromBuffer } = await import('file-type');
    const type = await fileTypeFromBuffer(bytes);
    if (type) {
      const hint = type.mime.startsWith('image/') ? ' (scans are read from JPEG, PNG or TIFF; convert it to one)' : '';
      throw unsupported(`${named(fileName)} is ${type.mime} (.${type.ext})${hint}; not a supported document.`);
    }
    throw new UnreadableDocumentError(
      'not-text',
      `${named(fileName)} is neither PDF, DOCX, HTML nor UTF-8/UTF-16 text (binary or an unknown encoding).`,
    );
  }
  const text = encoding.text.slice(0, 8192);
  if (text.trimStart().startsWith('{\\rtf')) return { format: 'rtf', encoding };
  return { format: looksLikeHtml(text) ? 'html' : 'text', encoding };
}

/**
 * Bytes that are not UTF-8 but read as Vietnamese in a legacy encoding (TCVN3, VNI, VISCII, Windows-1258):
 * their Windows-1252 reading (the start of it), or null. A NUL byte means binary, never text.
 */
function legacyText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 65_536);
  if (head.includes(0)) return null;
  const text = win1252(head);
  return detectLegacyEncoding(text.split(/\r?\n/)) ? text : null;
}

/** A legacy Office container is accepted only when it holds a readable Word document. */
async function cfbFormat(bytes: Uint8Array, fileName?: string | null): Promise<DocumentFormat> {
  const verdict = (await import('./cfb.js')).inspectCfb(bytes, fileName);
  if (verdict.kind === 'word') return 'doc';
  throw new UnreadableDocumentError(verdict.reason, verdict.message);
}
