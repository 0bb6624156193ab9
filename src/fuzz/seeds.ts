// Seeds for the fuzzer: the real corpus, the non-plan archive, the fixtures and the test data, by format.
// HTML seeds are few, so text plans are also rendered as small HTML pages (paragraphs and pipe tables as
// <table>), the way a CMS export would carry them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { FuzzFormat, Seed } from './mutate.js';

const EXT: Record<string, FuzzFormat> = {
  '.txt': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
  '.gif': 'image',
  '.bmp': 'image',
  '.webp': 'image',
};

export const SEED_DIRS = [
  '/work/shared/seeds',
  '/work/shared/corpus',
  '/work/shared/corpus/binary',
  '/work/shared/mixed-archive',
  'fixtures',
  'test/ingest/data',
  'test/robustness/plans',
];

const MAX_SEED_BYTES = 8 * 1024 * 1024;

function walk(dir: string, depth: number, out: string[]): void {
  if (!existsSync(dir) || depth < 0) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, depth - 1, out);
    else if (st.size > 0 && st.size <= MAX_SEED_BYTES) out.push(p);
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A text plan as a simple HTML page: runs of "|"-lines become a table, other lines paragraphs. */
export function textToHtml(text: string): string {
  const out: string[] = ['<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'];
  let row: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (row.length > 0) rows.push(row);
    row = [];
    if (rows.length > 0)
      out.push(
        `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`,
      );
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('|')) {
      const cells = line.split('|').map((c) => c.trim());
      rows.push(cells.filter((c, i) => c !== '' || (i > 0 && i < cells.length - 1)));
    } else if (rows.length > 0 || row.length > 0) {
      flush();
      out.push(`<p>${escapeHtml(line)}</p>`);
    } else out.push(`<p>${escapeHtml(line)}</p>`);
  }
  flush();
  out.push('</body></html>');
  return out.join('\n');
}

/** A small valid grayscale PNG, so the image path is fuzzed even without image files in the corpus. */
export function syntheticPng(width: number, height: number, seed: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 13 + seed) % 256 > 128 ? 255 : 0;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
  );
}

/** Scanned pages (a scan PDF, a scanned TIFF): every input costs tens of CPU seconds of OCR. */
const SCAN_RE = /scan/i;

/**
 * `scans`: keep the scanned seeds. Off by default: each mutated scan is mostly OCR time (tesseract, ~30 s of CPU
 * a document), so a run would fuzz a few dozen inputs of the OCR engine instead of thousands of the readers.
 */
export function loadSeeds(
  dirs: readonly string[] = SEED_DIRS,
  opts: { scans?: boolean } = {},
): Record<FuzzFormat, Seed[]> {
  const files: string[] = [];
  for (const d of dirs) walk(d, 2, files);
  const seeds: Record<FuzzFormat, Seed[]> = { text: [], html: [], docx: [], pdf: [], image: [] };
  const seen = new Set<string>();
  for (const f of files) {
    const format = EXT[extname(f).toLowerCase()];
    if (!format || (!opts.scans && SCAN_RE.test(f))) continue;
    const bytes = new Uint8Array(readFileSync(f));
    // The same file under two folders (the corpus and its fixture) is one seed.
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (seen.has(sha)) continue;
    seen.add(sha);
    seeds[format].push({ name: f, format, bytes });
  }
  // Rendered HTML pages from windows of the text plans (not of the 1,500 short non-plans).
  const plans = seeds.text.filter((s) => !s.name.includes('mixed-archive'));
  for (const s of plans) {
    const ls = new TextDecoder().decode(s.bytes).split('\n');
    for (let i = 0; i < ls.length; i += 120) {
      seeds.html.push({
        name: `${s.name}#html${i}`,
        format: 'html',
        bytes: new TextEncoder().encode(textToHtml(ls.slice(i, i + 120).join('\n'))),
      });
    }
  }
  if (seeds.image.length === 0) {
    for (let k = 0; k < 4; k++)
      seeds.image.push({ name: `synthetic-${k}.png`, format: 'image', bytes: syntheticPng(64 + k * 32, 48, k) });
  }
  return seeds;
}
