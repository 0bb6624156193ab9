// One page image → words, lines, orientation and skew. Orientation is found by reading: a page that reads
// badly upright is tried at 90°, 180° and 270° and the best reading kept (Tesseract's OSD model is 10 MB and
// absent from tesseract.js; a wrong orientation reads as garbage with low confidence, which is the signal).
// Skew is measured on the recognised lines; a page skewed by more than MAX_TOLERATED_SKEW is straightened
// and read again.
import sharp from 'sharp';
import { findColumnZones, splitLines } from './columns.js';
import type { OcrEngine, OcrLine, OcrPage, OcrWord, PageImage, RecogniseOptions } from './types.js';

/** A page reading at least this well upright is not tried in other orientations. */
const UPRIGHT_OK_CONFIDENCE = 70;
const UPRIGHT_OK_WORDS = 8;
/** Tesseract's line finder copes with a small skew; beyond this many degrees the page is rotated and re-read. */
const MAX_TOLERATED_SKEW = 1.5;
/** Words Tesseract is this unsure of and which hold fewer than two letters or digits are specks, not text. */
const SPECK_CONFIDENCE = 30;

const ALNUM_RE = /[\p{L}\p{N}]/gu;
const HAS_ALNUM_RE = /[\p{L}\p{N}]/u;

/** A line of at most this many words, all read below SCRIBBLE_CONFIDENCE, is a pen stroke or a seal's remains. */
const SCRIBBLE_WORDS = 2;
const SCRIBBLE_CONFIDENCE = 50;

function dropSpecks(lines: OcrLine[]): OcrLine[] {
  const out: OcrLine[] = [];
  for (const l of lines) {
    const words = l.words.filter(
      (w) => !(w.confidence < SPECK_CONFIDENCE && (w.text.match(ALNUM_RE)?.length ?? 0) < 2),
    );
    if (words.length === 0) continue;
    // A signature between the signer's title and name reads as a line of marks ("⁄ „") or of a few unsure
    // letters ("NV", "#17."): not text. A line with real words in it is kept, however unsure (a handwritten day).
    if (!words.some((w) => HAS_ALNUM_RE.test(w.text))) continue;
    if (words.length <= SCRIBBLE_WORDS && words.every((w) => w.confidence < SCRIBBLE_CONFIDENCE)) continue;
    out.push({ ...l, words, text: words.map((w) => w.text).join(' ') });
  }
  return out;
}

function readsWell(lines: readonly OcrLine[]): boolean {
  const words = lines.flatMap((l) => l.words);
  return meanConfidence(words) >= UPRIGHT_OK_CONFIDENCE && words.length >= UPRIGHT_OK_WORDS;
}

export function meanConfidence(words: readonly OcrWord[]): number {
  if (words.length === 0) return 0;
  return words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

/** A reading's quality: confident words weigh more, so a page of a few lucky specks never wins. */
function score(lines: readonly OcrLine[]): number {
  const words = lines.flatMap((l) => l.words);
  return words.reduce((s, w) => s + (w.confidence >= 60 ? w.confidence * Math.min(w.text.length, 8) : 0), 0);
}

/**
 * Skew in degrees from the word boxes: the median slope of the bottoms of words along each line of at least
 * four words (positive = lines rise to the right, as seen in the image).
 */
export function measureSkew(lines: readonly OcrLine[]): number {
  const angles: number[] = [];
  for (const l of lines) {
    if (l.words.length < 4) continue;
    const pts = l.words.map((w) => ({ x: (w.box.x0 + w.box.x1) / 2, y: w.box.y1 }));
    const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
    const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
    let num = 0;
    let den = 0;
    for (const p of pts) {
      num += (p.x - mx) * (p.y - my);
      den += (p.x - mx) ** 2;
    }
    if (den > 0) angles.push((-Math.atan(num / den) * 180) / Math.PI);
  }
  if (angles.length === 0) return 0;
  angles.sort((a, b) => a - b);
  return Math.round((angles[Math.floor(angles.length / 2)] ?? 0) * 100) / 100;
}

/** Rotates a page image clockwise by `degrees` on a white background. */
export async function rotateImage(image: PageImage, degrees: number): Promise<PageImage> {
  const { data, info } = await sharp(image.png)
    .rotate(degrees, { background: '#ffffff' })
    // An alpha channel (added by rotating) makes tesseract.js's leptonica stall; the corners are white anyway.
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Margin around a column zone when it is cut out, in line heights: room for diacritics, not for the next line. */
const ZONE_MARGIN_LINE_HEIGHTS = 0.3;

async function crop(image: PageImage, left: number, top: number, width: number, height: number): Promise<PageImage> {
  const png = await sharp(image.png).extract({ left, top, width, height }).png({ compressionLevel: 1 }).toBuffer();
  return { png, width, height };
}

const shift = (lines: OcrLine[], dx: number, dy: number): OcrLine[] =>
  lines.map((l) => ({
    text: l.text,
    box: { x0: l.box.x0 + dx, y0: l.box.y0 + dy, x1: l.box.x1 + dx, y1: l.box.y1 + dy },
    words: l.words.map((w) => ({
      ...w,
      box: { x0: w.box.x0 + dx, y0: w.box.y0 + dy, x1: w.box.x1 + dx, y1: w.box.y1 + dy },
    })),
  }));

/**
 * Two-column zones (header, signature; see columns.ts) read again column by column, each cut out of the page
 * and read as one block, and set in reading order: the left column's lines, then the right one's. A column whose
 * re-read scores below the words the page reading put on its side keeps those words.
 */
async function readColumns(
  engine: OcrEngine,
  image: PageImage,
  lines: OcrLine[],
  opts: RecogniseOptions,
): Promise<OcrLine[]> {
  const zones = findColumnZones(lines);
  if (zones.length === 0) return lines;
  const h = [...lines.map((l) => l.box.y1 - l.box.y0)].sort((a, b) => a - b)[Math.floor(lines.length / 2)] ?? 0;
  const replacement = new Map<number, OcrLine[]>();
  const inZone = new Set<number>();
  for (const z of zones) {
    const top = Math.max(0, Math.floor(z.top - ZONE_MARGIN_LINE_HEIGHTS * h));
    const bottom = Math.min(image.height, Math.ceil(z.bottom + ZONE_MARGIN_LINE_HEIGHTS * h));
    const fallback = splitLines(lines, z);
    const reread = async (x0: number, x1: number, kept: OcrLine[]): Promise<OcrLine[]> => {
      if (x1 - x0 < 8 || bottom - top < 8) return kept;
      const cut = await crop(image, x0, top, x1 - x0, bottom - top);
      const read = shift(dropSpecks((await engine.recognise(cut, { ...opts, layout: 'block' })).lines), x0, top);
      return score(read) >= score(kept) ? read : kept;
    };
    const left = await reread(0, z.split, fallback.left);
    const right = await reread(z.split, image.width, fallback.right);
    for (const i of z.lines) inZone.add(i);
    replacement.set(Math.min(...z.lines), [...left, ...right]);
  }
  return lines.flatMap((l, i) => replacement.get(i) ?? (inZone.has(i) ? [] : [l]));
}

export async function recognisePage(
  engine: OcrEngine,
  image: PageImage,
  opts: RecogniseOptions = {},
): Promise<OcrPage> {
  let best = {
    image,
    orientation: 0 as OcrPage['orientation'],
    lines: dropSpecks((await engine.recognise(image, opts)).lines),
  };
  if (!readsWell(best.lines)) {
    let bestScore = score(best.lines);
    for (const orientation of [180, 90, 270] as const) {
      const rotated = await rotateImage(image, orientation);
      const lines = dropSpecks((await engine.recognise(rotated, opts)).lines);
      const s = score(lines);
      if (s > bestScore * 1.2) {
        best = { image: rotated, orientation, lines };
        bestScore = s;
        // A reading as good as an upright page would need is the answer: no need to try the rest.
        if (readsWell(lines)) break;
      }
    }
  }
  const skew = measureSkew(best.lines);
  if (Math.abs(skew) > MAX_TOLERATED_SKEW) {
    // sharp rotates clockwise; lines rising to the right (positive skew) need a clockwise turn.
    const straight = await rotateImage(best.image, skew);
    const lines = dropSpecks((await engine.recognise(straight, opts)).lines);
    if (score(lines) >= score(best.lines)) best = { ...best, image: straight, lines };
  }
  const lines = await readColumns(engine, best.image, best.lines, opts);
  const words = lines.flatMap((l) => l.words);
  return {
    width: best.image.width,
    height: best.image.height,
    words,
    lines,
    orientation: best.orientation,
    skew,
    meanConfidence: Math.round(meanConfidence(words) * 10) / 10,
    engine: engine.name,
  };
}
