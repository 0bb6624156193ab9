// Image uploads (JPEG, PNG, multi-page TIFF — what scanners produce) → OCR → DocTree. Images are decoded with
// sharp (libvips, prebuilt binaries from npm; it reads multi-page TIFF and can read an image's size from its
// header without decoding it, so an oversized image is refused before any pixel is allocated).
import sharp from 'sharp';
import type { DocTree } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { toOcrGrey } from './ocr/prepare.js';
import { OCR_DEFAULTS, type OcrRunOptions, ocrPages } from './ocr/read.js';
import type { PageImage } from './ocr/types.js';

/** Longest side a page image is read at: a 600 dpi A4 scan is brought down to ~300 dpi, where Tesseract reads best. */
const MAX_SIDE = 3600;

const corrupt = (message: string, cause?: unknown) =>
  new UnreadableDocumentError('corrupt-file', message, cause === undefined ? undefined : { cause });

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface ImageInfo {
  format: string;
  pages: number;
  width: number;
  height: number;
}

async function probe(bytes: Uint8Array): Promise<ImageInfo> {
  try {
    // metadata() reads the header only.
    const m = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!m.width || !m.height) throw new Error('no image size in the header');
    return { format: m.format ?? 'image', pages: m.pages ?? 1, width: m.width, height: m.height };
  } catch (err) {
    throw corrupt(`The image is damaged or not a readable JPEG/PNG/TIFF: ${describe(err)}.`, err);
  }
}

function checkPixels(width: number, height: number, maxPixels: number, where: string): void {
  if (width * height > maxPixels) {
    throw new UnreadableDocumentError(
      'too-large',
      `${where} is ${width}×${height} pixels (${Math.round((width * height) / 1e6)} megapixels); at most ` +
        `${Math.round(maxPixels / 1e6)} megapixels per page are read. Scan at 300 dpi or less.`,
    );
  }
}

/**
 * One page of an image file, upright by its EXIF orientation, grey with red seals dropped out, at most MAX_SIDE
 * pixels on its longest side.
 */
export async function decodePage(bytes: Uint8Array, page: number, maxPixels: number): Promise<PageImage> {
  const img = sharp(bytes, { page, limitInputPixels: maxPixels, failOn: 'error' });
  const meta = await img.metadata();
  checkPixels(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0, maxPixels, `Page ${page + 1} of the image`);
  return toOcrGrey(
    img.autoOrient().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }),
  );
}

export async function readImage(bytes: Uint8Array, opts: OcrRunOptions = {}): Promise<DocTree> {
  const maxPixels = opts.maxPixels ?? OCR_DEFAULTS.maxPixels;
  const info = await probe(bytes);
  checkPixels(info.width, info.height, maxPixels, `The ${info.format.toUpperCase()} image`);
  const pageNumbers = Array.from({ length: info.pages }, (_, i) => i + 1);
  const run = await ocrPages(pageNumbers, (n) => decodePage(bytes, n - 1, maxPixels), opts);
  if (run.pages.length === 0) {
    const why = run.messages.find((m) => m.code === 'ocr-page-failed')?.message ?? 'no page could be decoded';
    throw corrupt(`The ${info.format.toUpperCase()} image could not be read: ${why}`);
  }
  const blocks = pageNumbers.flatMap((n) => run.blocks.get(n) ?? []);
  return { format: 'image', blocks, pages: info.pages, messages: run.messages };
}
