// OCR-aware confidence, a post-pass that only ever lowers: a value whose source span was read by OCR carries
// the flag `ocr`, and stays `high` only when every OCR word of its span was read with high confidence
// (the extractors' own cross-checks already decided whether it could be high at all).
import type { Confidence } from '../contract/schema.js';
import { linesOf } from '../doc/geometry.js';
import type { Doc } from '../doc/types.js';
import { baseLetter } from '../rules/fuzzy.js';

/**
 * Tesseract word confidences (0–100) at or above which a word counts as read reliably. Measured on the
 * rendered seed fixtures (fixtures/seed-*-scan*, ground truth known): see README "OCR" for the table.
 */
export const OCR_HIGH_CONFIDENCE = 90;
/** Below this the word is more likely misread than not: the value drops to low. */
export const OCR_LOW_CONFIDENCE = 60;

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

interface Scored {
  confidence: Confidence;
  flags: string[];
  source: { start: number; end: number; line: number } | null;
}

function isScored(v: unknown): v is Scored {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.confidence === 'string' && o.confidence in RANK && Array.isArray(o.flags) && 'source' in o;
}

const norm = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();

/** Confidences of the OCR words inside a span, or null when the span was not read by OCR. */
export function spanWordConfidences(doc: Doc, span: { start: number; end: number; line: number }): number[] | null {
  const lines = linesOf(doc, span).filter((l) => l.geo?.ocr);
  if (lines.length === 0) return null;
  const words = lines.flatMap((l) => l.geo?.ocr?.words ?? []);
  const tokens = doc.text
    .slice(span.start, span.end)
    .split(/\s+/)
    .map(norm)
    .filter((t) => t !== '');
  const used = new Set<number>();
  const out: number[] = [];
  for (const t of tokens) {
    const i = words.findIndex(
      (w, j) => !used.has(j) && norm(w.text) !== '' && (t.includes(norm(w.text)) || norm(w.text).includes(t)),
    );
    if (i < 0) continue;
    used.add(i);
    out.push(words[i]?.confidence ?? 0);
  }
  // Text the normaliser rewrote beyond recognition: judge by the whole lines.
  return out.length > 0 ? out : words.map((w) => w.confidence);
}

const base = (w: string) => [...w].map(baseLetter).join('');

/**
 * Words OCR read confidently but probably wrongly: Tesseract drops or swaps a diacritic at full confidence
 * ("thành phô", "Triên khai", "một sô" on the 200 dpi Hải Phòng scan read 92-96). Such a word is a rare form
 * of a letter sequence the same document reads far more often with other marks ("phô" 3× vs "phố" 20×):
 * suspect when another form is at least 3 times as frequent (and seen 3 times or more). Real minimal pairs
 * ("Nam"/"năm") are caught too; that only sends a value to review, which is the safe side.
 */
export function suspectWords(doc: Doc): Set<string> {
  const counts = new Map<string, Map<string, number>>();
  for (const l of doc.lines) {
    for (const w of l.geo?.ocr?.words ?? []) {
      const t = norm(w.text);
      if (t.length < 2 || /\d/.test(t)) continue;
      const forms = counts.get(base(t)) ?? new Map<string, number>();
      forms.set(t, (forms.get(t) ?? 0) + 1);
      counts.set(base(t), forms);
    }
  }
  const out = new Set<string>();
  for (const forms of counts.values()) {
    const top = Math.max(...forms.values());
    if (top < 3) continue;
    for (const [form, n] of forms) if (top >= 3 * n) out.add(form);
  }
  return out;
}

export function ocrConfidence<T>(value: T, doc: Doc): T {
  if (!doc.lines.some((l) => l.geo?.ocr)) return value;
  const suspects = suspectWords(doc);
  // Pages read by OCR: a span on one whose lines carry no OCR words (lines joined across a page break, where
  // their boxes could not be united) was still read by OCR, with confidences unknown.
  const ocrPages = new Set(doc.lines.filter((l) => l.geo?.ocr).map((l) => l.page));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    if (!isScored(out) || out.source === null) return out;
    const page = (out.source as { page?: number }).page;
    const confs =
      spanWordConfidences(doc, out.source) ?? (page !== undefined && ocrPages.has(page) ? [OCR_LOW_CONFIDENCE] : null);
    if (confs === null) return out;
    const spanText = doc.text.slice(out.source.start, out.source.end).split(/\s+/).map(norm);
    if (spanText.some((t) => suspects.has(t))) confs.push(OCR_LOW_CONFIDENCE);
    const flags = out.flags.includes('ocr') ? [...out.flags] : [...out.flags, 'ocr'];
    const min = Math.min(...confs);
    const cap: Confidence = min >= OCR_HIGH_CONFIDENCE ? 'high' : min >= OCR_LOW_CONFIDENCE ? 'medium' : 'low';
    let confidence = out.confidence;
    if (RANK[cap] < RANK[confidence]) {
      confidence = cap;
      if (!flags.includes('ocr-low-confidence')) flags.push('ocr-low-confidence');
    }
    return { ...out, confidence, flags };
  };
  return walk(value) as T;
}
