// Picks the OCR engine: the native `tesseract` binary when it is installed (faster), tesseract.js otherwise;
// KEHOACH_OCR_ENGINE=js|native forces one. Both read with the Vietnamese model shipped in assets/tessdata.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsEngine } from './js.js';
import { nativeEngine, nativeTesseractAvailable } from './native.js';
import type { EngineResult, OcrEngine, OcrEngineName } from './types.js';

const MODEL = 'vie.traineddata';

/**
 * The folder holding vie.traineddata: KEHOACH_TESSDATA, else assets/tessdata found by walking up from this
 * file (src/ingest/ocr from source, dist/src/ingest/ocr when built).
 */
export function tessdataDir(): string {
  const forced = process.env.KEHOACH_TESSDATA;
  if (forced) return forced;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'assets', 'tessdata');
    if (existsSync(path.join(candidate, MODEL))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`OCR model ${MODEL} not found (looked for assets/tessdata above ${import.meta.url})`);
}

export function chooseEngineName(env: NodeJS.ProcessEnv = process.env): OcrEngineName {
  const forced = env.KEHOACH_OCR_ENGINE;
  if (forced === 'js') return 'js';
  if (forced === 'native') {
    if (!nativeTesseractAvailable()) {
      throw new Error(
        'KEHOACH_OCR_ENGINE=native but no `tesseract` binary is installed (apt-get install tesseract-ocr)',
      );
    }
    return 'native';
  }
  return nativeTesseractAvailable() ? 'native' : 'js';
}

export function openEngine(name: OcrEngineName = chooseEngineName()): OcrEngine {
  const dir = tessdataDir();
  const engine = name === 'native' ? nativeEngine(dir) : jsEngine(dir);
  const cache = process.env.KEHOACH_OCR_CACHE;
  return cache ? cachedEngine(engine, cache) : engine;
}

/**
 * A development aid (KEHOACH_OCR_CACHE=/tmp/dir): engine results kept on disk, keyed by the engine and the page
 * image's bytes, so work on the rules after OCR does not re-run OCR. Never set in production.
 */
function cachedEngine(engine: OcrEngine, dir: string): OcrEngine {
  return {
    name: engine.name,
    async recognise(image, opts) {
      const key = createHash('sha256')
        .update(`${engine.name}:${opts?.layout ?? 'page'}:`)
        .update(image.png)
        .digest('hex');
      const file = path.join(dir, `${key}.json`);
      if (existsSync(file)) {
        // Yield as an engine would, so the time budget's timer can fire between cached pages.
        await new Promise((r) => setImmediate(r));
        if (opts?.signal?.aborted) throw new Error('OCR aborted: time budget exhausted');
        return JSON.parse(readFileSync(file, 'utf8')) as EngineResult;
      }
      const r = await engine.recognise(image, opts);
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, JSON.stringify(r));
      return r;
    },
    close: () => engine.close(),
  };
}
