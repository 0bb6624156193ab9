// Page images as OCR wants them: one grey channel, with red ink dropped out. Plans are signed and sealed in red:
// the seal sits over the signer's title ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), a second seal over the header, and
// read as grey they are dark blobs that make Tesseract merge or lose the lines under them. A pixel clearly
// redder than it is green or blue is set to white before OCR ("colour dropout", as forms scanners do);
// black print and blue or black handwriting (the issue number and day filled in by hand) are kept.
import sharp, { type Sharp } from 'sharp';
import type { PageImage } from './types.js';

/** How much redder than its green and blue a pixel must be to count as seal ink (0–255). */
export const RED_DROPOUT = 20;

/** Grey PNG of an image, red ink dropped out. Images without colour are only converted. */
export async function toOcrGrey(image: Sharp): Promise<PageImage> {
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const grey = Buffer.allocUnsafe(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += channels) {
    const r = data[p] as number;
    if (channels < 3) {
      grey[i] = r;
      continue;
    }
    const g = data[p + 1] as number;
    const b = data[p + 2] as number;
    grey[i] = r - (g > b ? g : b) > RED_DROPOUT ? 255 : (r * 299 + g * 587 + b * 114 + 500) / 1000;
  }
  const png = await sharp(grey, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { png, width, height };
}
