// tesseract.js (Tesseract compiled to WebAssembly), the engine that always works: its core comes from the
// npm package tesseract.js-core and the Vietnamese model from assets/tessdata, so nothing is fetched from a
// CDN (langPath is a local folder, cacheMethod 'none' keeps it from writing a cache file into the cwd).
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { EngineResult, OcrEngine, OcrLine, PageImage, RecogniseOptions } from './types.js';

interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface JsWord {
  text: string;
  confidence: number;
  bbox: Bbox;
}
interface JsLine {
  text: string;
  bbox: Bbox;
  words: JsWord[];
}
interface JsBlock {
  paragraphs: { lines: JsLine[] }[];
}

export function jsEngine(tessdataDir: string): OcrEngine {
  let worker: Promise<Worker> | null = null;
  const get = () => {
    worker ??= createWorker('vie', OEM.LSTM_ONLY, {
      langPath: tessdataDir,
      gzip: false,
      cacheMethod: 'none',
      logger: () => undefined,
      errorHandler: () => undefined,
    });
    return worker;
  };
  return {
    name: 'js',
    async recognise(image: PageImage, opts: RecogniseOptions = {}): Promise<EngineResult> {
      const w = await get();
      if (opts.signal?.aborted) throw new Error('OCR aborted: time budget exhausted');
      // The wasm worker cannot be interrupted mid-page: on abort it is terminated, which rejects the call.
      const onAbort = () => {
        void w.terminate();
        worker = null;
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        // Set on every call: the worker is shared by whole pages and by columns cut out of them.
        await w.setParameters({ tessedit_pageseg_mode: opts.layout === 'block' ? PSM.SINGLE_BLOCK : PSM.AUTO });
        const r = await w.recognize(image.png, {}, { blocks: true, text: false });
        const blocks = (r.data.blocks ?? []) as unknown as JsBlock[];
        const lines: OcrLine[] = [];
        for (const b of blocks) {
          for (const p of b.paragraphs) {
            for (const l of p.lines) {
              const words = l.words
                .filter((wd) => wd.text.trim() !== '')
                .map((wd) => ({ text: wd.text.trim(), confidence: wd.confidence, box: { ...wd.bbox } }));
              if (words.length === 0) continue;
              lines.push({ text: words.map((wd) => wd.text).join(' '), words, box: { ...l.bbox } });
            }
          }
        }
        return { lines };
      } catch (e) {
        if (opts.signal?.aborted) throw new Error('OCR aborted: time budget exhausted');
        throw e;
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await (await w).terminate();
    },
  };
}
