// The native `tesseract` binary (Debian: tesseract-ocr), used when installed: about twice as fast as the
// WebAssembly build on the same page (see `npm run bench`). It reads the PNG on stdin and writes TSV (one row
// per word with its box and confidence) on stdout. The Vietnamese model is the one shipped in assets/tessdata,
// so both engines read with the same model.
import { spawn, spawnSync } from 'node:child_process';
import {
  type EngineResult,
  lineOfWords,
  type OcrEngine,
  type OcrLine,
  type OcrWord,
  type PageImage,
  type RecogniseOptions,
} from './types.js';

let available: boolean | null = null;

/** True when a `tesseract` binary answers `--version` (checked once per process). */
export function nativeTesseractAvailable(): boolean {
  if (available === null) {
    const r = spawnSync('tesseract', ['--version'], { stdio: 'ignore', timeout: 10_000 });
    available = r.status === 0;
  }
  return available;
}

/** Parses tesseract's TSV output (level 5 rows are words) into lines of words. Exported for tests. */
export function parseTsv(tsv: string): OcrLine[] {
  const lines = new Map<string, OcrWord[]>();
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c[0] !== '5' || c.length < 12) continue;
    const text = (c.slice(11).join('\t') ?? '').trim();
    if (text === '') continue;
    const [left, top, width, height, conf] = c.slice(6, 11).map(Number) as [number, number, number, number, number];
    const key = `${c[1]}.${c[2]}.${c[3]}.${c[4]}`;
    const words = lines.get(key) ?? [];
    words.push({
      text,
      confidence: Math.max(0, Math.min(100, conf)),
      box: { x0: left, y0: top, x1: left + width, y1: top + height },
    });
    lines.set(key, words);
  }
  return [...lines.values()].map(lineOfWords);
}

export function nativeEngine(tessdataDir: string): OcrEngine {
  return {
    name: 'native',
    recognise(image: PageImage, opts: RecogniseOptions = {}): Promise<EngineResult> {
      return new Promise((resolve, reject) => {
        // One OpenMP thread: tesseract's own threading costs more than it gains on a shared 2-core machine,
        // and pages run one after another anyway.
        const child = spawn(
          'tesseract',
          [
            'stdin',
            'stdout',
            '-l',
            'vie',
            '--tessdata-dir',
            tessdataDir,
            '--psm',
            opts.layout === 'block' ? '6' : '3',
            '-c',
            'tessedit_create_tsv=1',
          ],
          { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] },
        );
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        const onAbort = () => child.kill('SIGKILL');
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout.on('data', (d: Buffer) => out.push(d));
        child.stderr.on('data', (d: Buffer) => err.push(d));
        child.stdin.on('error', () => undefined); // EPIPE when tesseract dies early; reported on close
        child.on('error', (e) => {
          opts.signal?.removeEventListener('abort', onAbort);
          reject(e);
        });
        child.on('close', (code) => {
          opts.signal?.removeEventListener('abort', onAbort);
          if (opts.signal?.aborted) return reject(new Error('OCR aborted: time budget exhausted'));
          if (code !== 0) {
            return reject(new Error(`tesseract exited with ${code}: ${Buffer.concat(err).toString().slice(0, 300)}`));
          }
          resolve({ lines: parseTsv(Buffer.concat(out).toString('utf8')) });
        });
        child.stdin.end(image.png);
      });
    },
    close: () => Promise.resolve(),
  };
}
