// Geometry of the text: which page and where on it. Readers attach a Geo to the lines they know the position
// of (OCR lines, PDF text); normalisation merges them into Doc lines; `locate` maps any span of Doc.text back
// to its page and box, and the final pass `attachGeometry` writes them onto every value's source.
import type { Span } from '../contract/schema.js';
import type { Box, Doc, Geo, Line } from './types.js';

export type { Box, Geo } from './types.js';

export function unionBox(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const r = Math.max(a.x + a.width, b.x + b.width);
  const btm = Math.max(a.y + a.height, b.y + b.height);
  return { x, y, width: round(r - x), height: round(btm - y) };
}

const round = (n: number) => Math.round(n * 10000) / 10000;

/** Two raw lines joined into one paragraph: boxes united, OCR words concatenated. */
export function mergeGeo(a: Geo, b: Geo): Geo {
  const out: Geo = { box: unionBox(a.box, b.box) };
  if (a.ocr || b.ocr) out.ocr = { words: [...(a.ocr?.words ?? []), ...(b.ocr?.words ?? [])] };
  return out;
}

/** Lines of the document overlapping [start, end) (the span's own line when it is empty). */
export function linesOf(doc: Doc, span: Pick<Span, 'start' | 'end' | 'line'>): Line[] {
  if (span.end <= span.start) {
    const l = doc.lines[span.line - 1];
    return l ? [l] : [];
  }
  // Binary search for the first line ending after start; lines are in text order.
  let lo = 0;
  let hi = doc.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((doc.lines[mid]?.end ?? 0) < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Line[] = [];
  for (let i = lo; i < doc.lines.length; i++) {
    const l = doc.lines[i];
    if (!l || l.start >= span.end) break;
    if (l.end >= span.start) out.push(l);
  }
  return out;
}

export interface Location {
  page?: number;
  box?: Box;
}

/** The page of a span's first positioned line, and the union of the boxes of its lines on that page. */
export function locate(doc: Doc, span: Pick<Span, 'start' | 'end' | 'line'>): Location {
  const lines = linesOf(doc, span);
  const first = lines.find((l) => l.page !== undefined);
  if (!first) return {};
  const page = first.page as number;
  let box: Box | undefined;
  for (const l of lines) {
    if (l.page !== page || !l.geo) continue;
    box = box ? unionBox(box, l.geo.box) : l.geo.box;
  }
  return box ? { page, box } : { page };
}

function isSpan(v: unknown): v is Span {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.start === 'number' && typeof s.end === 'number' && typeof s.line === 'number';
}

/**
 * Returns a copy of `value` in which every `source` span carries `page` and `box` where the document knows them.
 * Generic over the extraction's shape, so new fields get geometry without touching this pass.
 */
export function attachGeometry<T>(value: T, doc: Doc): T {
  if (!doc.lines.some((l) => l.page !== undefined)) return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'source' && isSpan(x)) {
        const loc = locate(doc, x);
        out[k] = { ...x, ...(loc.page !== undefined ? { page: loc.page } : {}), ...(loc.box ? { box: loc.box } : {}) };
      } else {
        out[k] = walk(x);
      }
    }
    return out;
  };
  return walk(value) as T;
}
