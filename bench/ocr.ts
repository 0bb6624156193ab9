// OCR speed: seconds per page for the tesseract.js engine and the native binary, side by side on the same page
// images (the scanned Hải Phòng plan at 200 dpi and a 300 dpi TIFF page), with their ratio.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodePage } from '../src/ingest/image.js';
import { openEngine } from '../src/ingest/ocr/engine.js';
import { nativeTesseractAvailable } from '../src/ingest/ocr/native.js';
import { openPdfRenderer } from '../src/ingest/ocr/pdf-pages.js';
import { OCR_DEFAULTS } from '../src/ingest/ocr/read.js';
import type { OcrEngineName, PageImage } from '../src/ingest/ocr/types.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));

async function pageImages(): Promise<{ name: string; image: PageImage }[]> {
  const out: { name: string; image: PageImage }[] = [];
  const renderer = openPdfRenderer(fixture('corpus-B02-scan-pdf/input.pdf'), {
    dpi: OCR_DEFAULTS.dpi,
    maxImagePixels: 64e6,
  });
  for (const n of [1, 2]) out.push({ name: `B02 p${n} (200 dpi scan)`, image: await renderer.render(n) });
  await renderer.close();
  out.push({
    name: 'seed-004 TIFF p1 (300 dpi G4)',
    image: await decodePage(fixture('seed-004-scan-tiff/input.tif'), 0, 64e6),
  });
  return out;
}

async function secondsPerPage(
  name: OcrEngineName,
  pages: { image: PageImage }[],
): Promise<{ init: number; perPage: number }> {
  const engine = openEngine(name);
  const t0 = performance.now();
  // The first call also starts the engine (tesseract.js loads its wasm core and the model): timed apart.
  await engine.recognise(pages[0]?.image as PageImage);
  const init = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const p of pages) await engine.recognise(p.image);
  await engine.close();
  return { init, perPage: (performance.now() - t1) / 1000 / pages.length };
}

export async function benchOcr(): Promise<void> {
  const pages = await pageImages();
  console.log(`OCR: ${pages.length} page images (${pages.map((p) => p.name).join('; ')})`);
  const js = await secondsPerPage('js', pages);
  console.log(
    `  tesseract.js (npm, wasm): ${js.perPage.toFixed(2)} s/page (first page incl. start-up ${js.init.toFixed(2)} s)`,
  );
  if (!nativeTesseractAvailable()) {
    console.log('  native tesseract: not installed (apt-get install tesseract-ocr); tesseract.js is used');
    return;
  }
  const native = await secondsPerPage('native', pages);
  console.log(
    `  native tesseract:         ${native.perPage.toFixed(2)} s/page (first page ${native.init.toFixed(2)} s)`,
  );
  console.log(`  ratio js/native: ${(js.perPage / native.perPage).toFixed(2)}× (native is used when installed)`);
}
