// Page images of a PDF for OCR: poppler's `pdftoppm` when installed (fast, a separate kill-able process),
// otherwise pdf-parse v2's screenshot renderer (pdf.js drawing on @napi-rs/canvas, shipped through npm).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadPdfParse } from '../pdfjs.js';
import { toOcrGrey } from './prepare.js';
import type { PageImage } from './types.js';

export interface PdfRenderer {
  render(page: number, signal?: AbortSignal): Promise<PageImage>;
  close(): Promise<void>;
}

let pdftoppm: boolean | null = null;
export function pdftoppmAvailable(): boolean {
  if (pdftoppm === null) pdftoppm = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  return pdftoppm;
}

function run(cmd: string, args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(signal ? { signal } : {}) });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.slice(0, 300)}`)),
    );
  });
}

function popplerRenderer(bytes: Uint8Array, dpi: number): PdfRenderer {
  let dir: Promise<string> | null = null;
  const setup = () => {
    dir ??= mkdtemp(path.join(tmpdir(), 'kehoach-ocr-')).then(async (d) => {
      await writeFile(path.join(d, 'in.pdf'), bytes);
      return d;
    });
    return dir;
  };
  return {
    async render(page, signal) {
      const d = await setup();
      const root = path.join(d, `p${page}`);
      await run(
        'pdftoppm',
        [
          '-r',
          String(dpi),
          '-png',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          path.join(d, 'in.pdf'),
          root,
        ],
        signal,
      );
      const png = await readFile(`${root}.png`);
      await rm(`${root}.png`, { force: true });
      // In colour, so that the red seals can be dropped out before OCR.
      return toOcrGrey(sharp(png));
    },
    async close() {
      if (dir) await rm(await dir, { recursive: true, force: true });
    },
  };
}

function pdfjsRenderer(bytes: Uint8Array, dpi: number, maxImagePixels: number): PdfRenderer {
  // pdf.js detaches the buffer it is given: hand it a copy.
  const opening = loadPdfParse().then(
    ({ PDFParse }) =>
      new PDFParse({
        data: new Uint8Array(bytes),
        isEvalSupported: false,
        maxImageSize: maxImagePixels,
        canvasMaxAreaInBytes: maxImagePixels * 4,
        verbosity: 0,
      }),
  );
  return {
    async render(page) {
      const parser = await opening;
      const shot = await parser.getScreenshot({
        partial: [page],
        scale: dpi / 72,
        imageBuffer: true,
        imageDataUrl: false,
      });
      const data = shot.pages[0]?.data;
      if (!data) throw new Error(`page ${page} could not be rendered`);
      return toOcrGrey(sharp(data));
    },
    close: () => opening.then((parser) => parser.destroy()).catch(() => undefined),
  };
}

export function openPdfRenderer(bytes: Uint8Array, opts: { dpi: number; maxImagePixels: number }): PdfRenderer {
  const forced = process.env.KEHOACH_PDF_RENDERER;
  const usePoppler = forced === 'pdfjs' ? false : pdftoppmAvailable();
  return usePoppler ? popplerRenderer(bytes, opts.dpi) : pdfjsRenderer(bytes, opts.dpi, opts.maxImagePixels);
}
