// What the review pages read, derived once per write instead of once per read: the effective extraction
// (machine extraction + corrections replayed), its revision, and one item per value that still needs a person.
// The store writes the result in the same transaction as the machine result or the correction that caused it
// (src/store/review.ts), so the queue and the document list are plain indexed queries.
import type { Extraction, Span } from '../contract/schema.js';
import { reviewFields, WHOLE_DOCUMENT } from '../review.js';
import { orderLike } from './apply.js';
import { labelFor } from './labels.js';
import { deepEqual, getAt, isRecord, parsePointer } from './pointer.js';
import type { CorrectionRecord } from './records.js';
import { type ReplayedCorrection, type ReplayResult, replay } from './replay.js';

export interface MachineExtraction {
  /** The latest machine extraction of the document (the contract JSON). */
  extraction: Extraction;
  /** The normalised text every span points into. */
  text: string;
  /** Extractor version that produced it. */
  version: string;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Excerpt {
  /** Text around the span; `start`/`end` locate the span inside `text`. */
  text: string;
  start: number;
  end: number;
  /** Offset of `text` in the document's normalised text. */
  offset: number;
}

/** One value that still needs a person (a row of review_items). */
export interface ReviewItem {
  kind: 'field' | 'stale-correction';
  pointer: string;
  label: string;
  value: unknown;
  confidence: Confidence;
  flags: string[];
  source: Span | null;
  excerpt: Excerpt | null;
  /** For stale corrections whose field is gone: the correction to look at (revert it or redo it). */
  correctionId: string | null;
}

export interface DerivedReview {
  machineVersion: string;
  /** The last correction folded in (0: none). */
  seq: number;
  /** Opaque revision (also sent as ETag): changes with every correction and every new machine extraction. */
  revision: string;
  /** The effective extraction. */
  extraction: Extraction;
  /** Whether `extraction` differs from the machine extraction as stored (only then is it stored again). */
  changed: boolean;
  corrections: ReplayedCorrection[];
  /** The machine extraction's province, else the effective one's; and its folded form for filters. */
  province: string | null;
  provinceKey: string | null;
  machineNeedsReview: boolean;
  items: ReviewItem[];
}

export const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function revisionOf(machineVersion: string, seq: number): string {
  return `${machineVersion.replace(/[^A-Za-z0-9.+-]/g, '_')}~${seq}`;
}

export function lastSeq(records: readonly CorrectionRecord[]): number {
  return records.reduce((m, r) => Math.max(m, r.seq), 0);
}

const CONTEXT = 90;

export function excerptAround(text: string, span: Span | null): Excerpt | null {
  if (!span || span.start > text.length) return null;
  const end = Math.min(span.end, text.length);
  let from = Math.max(0, span.start - CONTEXT);
  let to = Math.min(text.length, end + CONTEXT);
  // Start and stop at a word boundary so the excerpt does not open mid-word.
  if (from > 0) {
    const sp = text.indexOf(' ', from);
    if (sp >= 0 && sp < span.start) from = sp + 1;
  }
  if (to < text.length) {
    const cut = text.lastIndexOf(' ', to);
    if (cut > end) to = cut;
  }
  return { text: text.slice(from, to), start: span.start - from, end: end - from, offset: from };
}

/** A province as the filters compare it: no accents, lower case, without "Tỉnh"/"Thành phố". */
export function foldProvince(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/^(tinh|thanh pho)\s+/, '')
    .trim();
}

function confidenceOf(node: Record<string, unknown>): Confidence {
  const c = node.confidence;
  // The whole-document item (nothing could be read) carries no confidence of its own: it is as low as it gets.
  return c === 'high' || c === 'medium' || c === 'low' ? c : 'low';
}

function fieldItems(extraction: Extraction, text: string): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const pointer of extraction.review.fields) {
    const hit = getAt(extraction, parsePointer(pointer) ?? []);
    if (!hit.found || !isRecord(hit.value)) continue;
    const node = hit.value;
    const source = isRecord(node.source) ? (node.source as unknown as Span) : null;
    items.push({
      kind: 'field',
      pointer,
      label: pointer === WHOLE_DOCUMENT ? 'Cả văn bản (không đọc được nội dung)' : labelFor(extraction, pointer),
      value: Object.hasOwn(node, 'value') ? node.value : (node.text ?? node.title ?? null),
      confidence: confidenceOf(node),
      flags: Array.isArray(node.flags) ? (node.flags as string[]) : [],
      source,
      excerpt: excerptAround(text, source),
      correctionId: null,
    });
  }
  return items;
}

function staleItems(records: readonly CorrectionRecord[], corrections: readonly ReplayedCorrection[]): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const r of corrections) {
    // A stale correction whose field is still there flags that field; only one with nowhere to land is listed.
    if (r.status !== 'stale' || r.resolved.some((p) => p !== null)) continue;
    const rec = records.find((x) => x.id === r.id);
    if (!rec) continue;
    items.push({
      kind: 'stale-correction',
      pointer: rec.changes[0]?.path ?? '',
      label: `Hiệu chỉnh #${r.id} không còn khớp`,
      value: rec.changes[0]?.after ?? null,
      confidence: 'low',
      flags: ['correction-stale'],
      source: null,
      excerpt: null,
      correctionId: r.id,
    });
  }
  return items;
}

/**
 * Derives the review state of one document from its machine extraction and its corrections (oldest first).
 * `replayed` may be passed when the caller has already replayed them.
 */
export function deriveReview(
  machine: MachineExtraction,
  records: readonly CorrectionRecord[],
  replayed?: ReplayResult,
): DerivedReview {
  let extraction: Extraction;
  let corrections: ReplayedCorrection[];
  let changed: boolean;
  if (records.length === 0 && !replayed) {
    // No correction: the effective extraction is the machine one with review recomputed (as replay would do),
    // which the pipeline already did; nothing is copied unless an older stored result disagrees.
    const prior = machine.extraction.review;
    const { review: _r, ...rest } = machine.extraction;
    const fields = orderLike(reviewFields(rest), prior.fields);
    const review = { needed: fields.length > 0, fields };
    changed = !deepEqual(review, prior);
    extraction = changed ? { ...machine.extraction, review } : machine.extraction;
    corrections = [];
  } else {
    const result = replayed ?? replay(machine.extraction, records);
    extraction = result.extraction;
    corrections = result.corrections;
    changed = true;
  }
  const province = machine.extraction.metadata.province.value ?? extraction.metadata.province.value ?? null;
  const seq = lastSeq(records);
  return {
    machineVersion: machine.version,
    seq,
    revision: revisionOf(machine.version, seq),
    extraction,
    changed,
    corrections,
    province,
    provinceKey: province === null ? null : foldProvince(province),
    machineNeedsReview: machine.extraction.review.needed,
    items: [...fieldItems(extraction, machine.text), ...staleItems(records, corrections)],
  };
}
