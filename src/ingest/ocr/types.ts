// The OCR engine interface: one page image in, words with confidences and pixel boxes out. Two engines
// implement it (tesseract.js in WebAssembly, always available; the native `tesseract` binary when installed).

/** Pixel box in the page image, origin top-left, x1/y1 exclusive. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** Tesseract's word confidence, 0–100. */
  confidence: number;
  box: PixelBox;
}

export interface OcrLine {
  text: string;
  words: OcrWord[];
  box: PixelBox;
}

/** A line made of `words` (at least one), in order: their text joined, their boxes' union. */
export function lineOfWords(words: OcrWord[]): OcrLine {
  return {
    text: words.map((w) => w.text).join(' '),
    words,
    box: {
      x0: Math.min(...words.map((w) => w.box.x0)),
      y0: Math.min(...words.map((w) => w.box.y0)),
      x1: Math.max(...words.map((w) => w.box.x1)),
      y1: Math.max(...words.map((w) => w.box.y1)),
    },
  };
}

/** A page image ready for an engine: 8-bit greyscale PNG bytes and their size. */
export interface PageImage {
  png: Buffer;
  width: number;
  height: number;
}

export interface OcrPage {
  width: number;
  height: number;
  words: OcrWord[];
  lines: OcrLine[];
  /** Clockwise rotation (degrees) applied to the input before recognition: 0, 90, 180 or 270. */
  orientation: 0 | 90 | 180 | 270;
  /** Skew of the text lines as scanned, degrees (positive = lines rise to the right), measured on the words;
   * beyond 1.5° the page was straightened before the reading kept. */
  skew: number;
  /** Mean word confidence 0–100 (0 for a page without words). */
  meanConfidence: number;
  engine: OcrEngineName;
}

export type OcrEngineName = 'js' | 'native';

export interface RecogniseOptions {
  /** Abort when this signal fires (time budget); the engine kills its process or worker. */
  signal?: AbortSignal;
  /**
   * 'page' (default): find the page's columns and blocks (Tesseract page segmentation mode 3); 'block': read the
   * image as one block of lines (mode 6), for a column cut out of a page.
   */
  layout?: 'page' | 'block';
}

/** The raw result of one engine pass: words grouped into lines, coordinates of the image given. */
export interface EngineResult {
  lines: OcrLine[];
}

export interface OcrEngine {
  readonly name: OcrEngineName;
  recognise(image: PageImage, opts?: RecogniseOptions): Promise<EngineResult>;
  /** Releases workers; the engine is unusable afterwards. */
  close(): Promise<void>;
}
