// OCR of scans and images: both engines behind one interface, orientation, limits and bad input.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';
import { chooseEngineName, openEngine } from '../../src/ingest/ocr/engine.js';
import { nativeTesseractAvailable, parseTsv } from '../../src/ingest/ocr/native.js';
import { measureSkew, recognisePage, rotateImage } from '../../src/ingest/ocr/page.js';
import { describePages, ocrPages } from '../../src/ingest/ocr/read.js';
import type { OcrEngine, PageImage } from '../../src/ingest/ocr/types.js';
import { readFixture } from '../helpers/fixtures.js';

async function reason(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    return [(err as UnreadableDocumentError).reason, (err as Error).message];
  }
  return ['resolved', ''];
}

/** The header block of the first page of the 300 dpi TIFF rendering of seed 004 (issuer, motto, number). */
async function headerCrop(): Promise<PageImage> {
  const { data, info } = await sharp(readFixture('seed-004-scan-tiff'), { page: 0 })
    .extract({ left: 0, top: 120, width: 2480, height: 700 })
    .greyscale()
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** A PNG that declares its size in the header and holds no pixels: enough to be refused before decoding. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(16))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const engines: OcrEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

function engineTests(name: 'js' | 'native') {
  it(`${name}: reads words with confidences and boxes inside the image`, async () => {
    const engine = openEngine(name);
    engines.push(engine);
    const img = await headerCrop();
    const page = await recognisePage(engine, img);
    expect(page.engine).toBe(name);
    expect(page.orientation).toBe(0);
    const text = page.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/THỪA THIÊN HUẾ/);
    expect(text).toMatch(/26\/KH-UBND/);
    expect(page.meanConfidence).toBeGreaterThan(80);
    for (const w of page.words) {
      expect(w.confidence).toBeGreaterThanOrEqual(0);
      expect(w.confidence).toBeLessThanOrEqual(100);
      expect(w.box.x0).toBeGreaterThanOrEqual(0);
      expect(w.box.x1).toBeLessThanOrEqual(img.width);
      expect(w.box.y1).toBeLessThanOrEqual(img.height);
    }
  }, 60_000);

  it(`${name}: turns an upside-down page upright`, async () => {
    const engine = openEngine(name);
    engines.push(engine);
    const upsideDown = await rotateImage(await headerCrop(), 180);
    const page = await recognisePage(engine, upsideDown);
    expect(page.orientation).toBe(180);
    expect(page.lines.map((l) => l.text).join('\n')).toMatch(/26\/KH-UBND/);
  }, 120_000);
}

describe('OCR engines behind one interface', () => {
  engineTests('js');
  if (nativeTesseractAvailable()) {
    engineTests('native');
    it('the native binary is chosen when installed, unless KEHOACH_OCR_ENGINE says otherwise', () => {
      expect(chooseEngineName({})).toBe('native');
      expect(chooseEngineName({ KEHOACH_OCR_ENGINE: 'js' })).toBe('js');
    });
  } else {
    it('without the native binary, tesseract.js is chosen and forcing native fails clearly', () => {
      expect(chooseEngineName({})).toBe('js');
      expect(() => chooseEngineName({ KEHOACH_OCR_ENGINE: 'native' })).toThrow(/apt-get install tesseract-ocr/);
    });
  }

  it("parses tesseract's TSV into lines of words", () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '4\t1\t1\t1\t1\t0\t10\t10\t200\t30\t-1\t',
      '5\t1\t1\t1\t1\t1\t10\t10\t50\t30\t96.5\tKẾ',
      '5\t1\t1\t1\t1\t2\t70\t12\t140\t28\t91.2\tHOẠCH',
      '5\t1\t1\t1\t2\t1\t10\t50\t40\t30\t42\tSố:',
    ].join('\n');
    const lines = parseTsv(tsv);
    expect(lines.map((l) => l.text)).toEqual(['KẾ HOẠCH', 'Số:']);
    expect(lines[0]?.box).toEqual({ x0: 10, y0: 10, x1: 210, y1: 40 });
    expect(lines[1]?.words[0]?.confidence).toBe(42);
  });

  it('measures skew from word baselines', () => {
    const words = [0, 1, 2, 3, 4].map((i) => ({
      text: 'chữ',
      confidence: 95,
      // y grows downward: bottoms going up by 5 px per 100 px rise to the right (~2.9°).
      box: { x0: i * 100, y0: 100 - i * 5, x1: i * 100 + 80, y1: 130 - i * 5 },
    }));
    expect(measureSkew([{ text: '', words, box: { x0: 0, y0: 0, x1: 0, y1: 0 } }])).toBeCloseTo(2.86, 1);
  });
});

describe('OCR limits and bad input', () => {
  it('refuses a 30,000 × 30,000 image before decoding it', async () => {
    const t0 = Date.now();
    const [why, message] = await reason(ingest(pngHeaderOnly(30_000, 30_000), { fileName: 'huge.png' }));
    expect(why).toBe('too-large');
    expect(message).toMatch(/30000×30000 pixels \(900 megapixels\)/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a corrupt TIFF is a corrupt file with a clear message', async () => {
    const tiff = readFixture('seed-004-scan-tiff');
    const [why, message] = await reason(ingest(tiff.subarray(0, 4000), { fileName: 'scan.tif' }));
    expect(why).toBe('corrupt-file');
    expect(message).toMatch(/TIFF|image/);
    const [why2] = await reason(ingest(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]), {}));
    expect(why2).toBe('corrupt-file');
  });

  it('stops at the page cap and at the time budget, naming the pages left out', async () => {
    const engine = 'js' as const;
    const img = await headerCrop();
    const capped = await ocrPages([1, 2, 3, 4, 5], async () => img, { maxPages: 1, engine });
    expect(capped.pages).toHaveLength(1);
    const cut = capped.messages.find((m) => m.code === 'ocr-truncated');
    expect(cut?.message).toMatch(/Only 1 of 5 .*at most 1 pages .*page\(s\) 2-5/);

    const progress: number[] = [];
    const timed = await ocrPages(
      Array.from({ length: 2000 }, (_, i) => i + 1),
      async () => img,
      {
        timeBudgetMs: 1,
        maxPages: 2000,
        engine,
        onProgress: (p) => progress.push(p.done),
      },
    );
    expect(timed.pages.length).toBeLessThan(2);
    expect(timed.messages.find((m) => m.code === 'ocr-truncated')?.message).toMatch(/time budget of 0 s ran out/);
    expect(progress[0]).toBe(0);
  }, 60_000);

  it('describes page ranges compactly', () => {
    expect(describePages([2, 3, 4, 7, 9, 10])).toBe('2-4, 7, 9-10');
  });
});
