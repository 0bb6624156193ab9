// The poppler engine of the PDF reader: `pdftotext -raw -bbox` (every word with its box, in the order the page's
// content draws them) run as a child process with a deadline, an output cap and a memory cap, and the words laid
// out into lines by the same rules pdf.js's text content and pdf-parse's line joining follow, so that both engines
// give the same text. Used when poppler-utils is installed (KEHOACH_PDF_ENGINE=auto|pdfjs|poppler).
import { spawn, spawnSync } from 'node:child_process';

export interface PopplerWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PopplerPage {
  num: number;
  width: number;
  height: number;
  words: PopplerWord[];
}

export interface PopplerOptions {
  maxPages: number;
  timeoutMs: number;
  /** Cap on pdftotext's output (its XHTML); past it the process is killed. */
  maxOutputBytes?: number;
  /** Address-space cap of the process (ulimit -v), in MB. */
  maxMemoryMb?: number;
}

export const POPPLER_DEFAULTS = {
  maxOutputBytes: 256 * 1024 * 1024,
  maxMemoryMb: 1024,
} as const;

/** Why pdftotext gave no pages: `failed` (its exit status; the caller falls back to pdf.js), or a limit. */
export class PopplerError extends Error {
  override readonly name = 'PopplerError';
  constructor(
    readonly kind: 'failed' | 'timeout' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

let available: boolean | null = null;

/** True when `pdftotext` runs (through `sh`, which applies the memory cap); checked once per process. */
export function popplerAvailable(): boolean {
  if (available === null) {
    const r = spawnSync('sh', ['-c', 'exec pdftotext -v'], { stdio: 'ignore', timeout: 10_000 });
    available = r.status === 0;
  }
  return available;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (s: string) =>
  s.includes('&')
    ? s.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (m, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : (ENTITIES[e] ?? m),
      )
    : s;

const TOKEN_RE =
  /<page width="([-\d.]+)" height="([-\d.]+)">|<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g;

/** pdftotext's `-bbox` XHTML → pages of words. Exported for tests. */
export function parseBbox(xhtml: string): PopplerPage[] {
  const pages: PopplerPage[] = [];
  let page: PopplerPage | null = null;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(xhtml); m; m = TOKEN_RE.exec(xhtml)) {
    if (m[1] !== undefined) {
      page = { num: pages.length + 1, width: Number(m[1]), height: Number(m[2]), words: [] };
      pages.push(page);
      continue;
    }
    page?.words.push({
      text: decodeXml(m[7] ?? ''),
      x0: Number(m[3]),
      y0: Number(m[4]),
      x1: Number(m[5]),
      y1: Number(m[6]),
    });
  }
  return pages;
}

/** Runs `pdftotext -raw -bbox` on the bytes (stdin → stdout) under the limits. */
export function runPdftotext(bytes: Uint8Array, opts: PopplerOptions): Promise<PopplerPage[]> {
  const maxOutput = opts.maxOutputBytes ?? POPPLER_DEFAULTS.maxOutputBytes;
  const memoryKb = (opts.maxMemoryMb ?? POPPLER_DEFAULTS.maxMemoryMb) * 1024;
  return new Promise((resolve, reject) => {
    // `sh` applies the address-space cap, then becomes pdftotext ($0 is the cap, "$@" pdftotext's arguments).
    const child = spawn(
      'sh',
      [
        '-c',
        'ulimit -v "$0" 2>/dev/null; exec pdftotext "$@"',
        String(memoryKb),
        '-raw',
        '-bbox',
        '-enc',
        'UTF-8',
        '-q',
        '-l',
        String(Math.max(1, opts.maxPages)),
        '-',
        '-',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: PopplerError | null = null;
    const stop = (e: PopplerError) => {
      failure ??= e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new PopplerError('timeout', `pdftotext took longer than ${opts.timeoutMs / 1000} s`)),
      opts.timeoutMs,
    );
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.byteLength;
      if (outBytes > maxOutput) stop(new PopplerError('too-large', `pdftotext wrote more than ${maxOutput} bytes`));
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 2000) err += d.toString();
    });
    child.stdin.on('error', () => undefined); // EPIPE when pdftotext stops reading early; reported on close
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new PopplerError('failed', `pdftotext could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        return reject(new PopplerError('failed', `pdftotext exited with ${code ?? signal}: ${err.slice(0, 300)}`));
      }
      resolve(parseBbox(Buffer.concat(out).toString('utf8')));
    });
    child.stdin.end(bytes);
  });
}

// pdf.js's text-content rules (pdfjs-dist's evaluator, getTextContent) are written in the font size of the run;
// pdftotext gives no font size, only the word box, whose height is the font's ascent-to-descent height times the
// size (poppler's GfxFont: the descriptor's Ascent and Descent, 0.95 and -0.35 when missing): 1.107 for Times New
// Roman, 1.3 for a font without metrics, 0.89 for TeX's CM. The raw scan gives the page's fonts' heights; each
// rule is checked at both ends of that range (of 0.85-1.4 when unknown). Where both ends agree the layout is
// pdf.js's; where they do not (a line that moves forward and down by about a line, a gap of about a tenth of a
// size), the page is uncertain and readPdf has pdf.js read it.
const HEIGHTS_UNKNOWN: readonly [number, number] = [0.85, 1.4];
/** Slack around the fonts' heights (rounding in the descriptor, the box's rounding). */
const HEIGHT_SLACK = 0.02;
/** pdf.js ends a line when the pen moves back (more than 0.2 sizes) and down more than half a size… */
const BACK = 0.2;
const WRAP_DROP = 0.5;
/** …or down (or up) more than a whole size, whichever way it moved. */
const LINE_DROP = 1;
/** A gap wider than 0.102 sizes is a space (poppler splits words at 0.1 sizes, at a space, or at a font change). */
const SPACE = 0.102;
/** pdf-parse's cell separator: a tab between runs on one line that jump more than 7 units apart. */
const CELL_JUMP = 7;
const CELL_JUMP_SLACK = 0.5;

export interface LaidOutPage {
  text: string;
  /** A line break, space or tab depended on the font's proportions, which pdftotext does not give. */
  uncertain: boolean;
}

/**
 * The words of one page as pdf.js + pdf-parse would lay them out: words in drawing order, a line break where
 * pdf.js ends a line, a space where it sees one, nothing where a run only changes font, a tab where the pen
 * jumps back along the same line.
 */
export function layoutPage(
  words: readonly PopplerWord[],
  fontHeights: readonly [number, number] | null = null,
): LaidOutPage {
  const [lo, hi] = fontHeights ?? HEIGHTS_UNKNOWN;
  const min = lo * (1 - HEIGHT_SLACK);
  const max = hi * (1 + HEIGHT_SLACK);
  /** Which side of `threshold` font sizes `value` (in box heights) is, for every height in the range: 1 above,
   * -1 at or below, 0 when it depends on the font. */
  const side = (value: number, threshold: number): 1 | -1 | 0 =>
    value > threshold / min ? 1 : value <= threshold / max ? -1 : 0;
  const parts: string[] = [];
  let uncertain = false;
  let prev: PopplerWord | null = null;
  for (const w of words) {
    if (prev) {
      const size = prev.y1 - prev.y0;
      if (!(size > 0)) uncertain = true;
      const dy = Math.abs(w.y1 - prev.y1) / size;
      const dx = (w.x0 - prev.x1) / size;
      // pdf.js: moved back → a new line past half a size down; otherwise past a whole size.
      const back = side(-dx, BACK);
      const eol =
        back === 1 ? side(dy, WRAP_DROP) : back === -1 ? side(dy, LINE_DROP) : side(dy, LINE_DROP) === 1 ? 1 : 0;
      if (eol === 0) uncertain = true;
      if (eol === 1 || (eol === 0 && side(dy, WRAP_DROP) === 1)) parts.push('\n');
      else if (back === 1) {
        // Back along the same line: a new run; pdf-parse puts a tab before it when it jumps more than 7 units.
        const jump = prev.x1 - w.x0;
        if (Math.abs(jump - CELL_JUMP) <= CELL_JUMP_SLACK) uncertain = true;
        if (jump > CELL_JUMP) parts.push('\t');
      } else {
        const gap = side(dx, SPACE);
        if (gap === 0) uncertain = true;
        if (gap === 1) parts.push(' ');
      }
    }
    parts.push(w.text);
    // pdf.js measures the next gap from the last glyph that advanced the pen: a zero-width word (a combining
    // mark drawn on its own) does not move it.
    if (w.x1 > w.x0 || !prev) prev = w;
  }
  return { text: parts.join(''), uncertain };
}
