// The review queue: every value of every stored extraction that still needs a person, with the source text
// around it, lowest confidence first.
import type { Span } from '../contract/schema.js';
import { activeClaims, type Claim } from './claims.js';
import { labelFor } from './labels.js';
import { getAt, isRecord, overlaps, parsePointer } from './pointer.js';
import { loadCorrectionsFor } from './records.js';
import { replay } from './replay.js';
import { type ReviewDeps, revisionOf } from './service.js';
import type { DocumentSummary } from './store.js';

export interface QueueFilters {
  documentId?: string | undefined;
  batch?: string | undefined;
  flag?: string | undefined;
  province?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface Excerpt {
  /** Text around the span; `start`/`end` locate the span inside `text`. */
  text: string;
  start: number;
  end: number;
  /** Offset of `text` in the document's normalised text. */
  offset: number;
}

export interface QueueItem {
  kind: 'field' | 'stale-correction';
  documentId: string;
  documentName: string | null;
  province: string | null;
  batch: string | null;
  pointer: string;
  label: string;
  value: unknown;
  confidence: 'high' | 'medium' | 'low';
  flags: string[];
  source: Span | null;
  excerpt: Excerpt | null;
  claim: Claim | null;
  /** For stale corrections whose field is gone: the correction to look at (revert it or redo it). */
  correctionId?: string;
}

export interface DocumentReviewSummary extends DocumentSummary {
  machineVersion: string;
  revision: string;
  toReview: number;
  stale: number;
  low: number;
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

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/^(tinh|thanh pho)\s+/, '')
    .trim();
}

const RANK = { low: 0, medium: 1, high: 2 } as const;

async function documentsFor(deps: ReviewDeps, filters: QueueFilters): Promise<DocumentSummary[]> {
  const docs = await deps.store.listDocuments({
    ...(filters.documentId ? { documentId: filters.documentId } : {}),
    ...(filters.batch ? { batch: filters.batch } : {}),
    ...(filters.province ? { province: filters.province } : {}),
  });
  return docs.filter(
    (d) => (!filters.documentId || d.id === filters.documentId) && (!filters.batch || d.batch === filters.batch),
  );
}

interface Collected {
  items: QueueItem[];
  summaries: DocumentReviewSummary[];
}

async function collect(deps: ReviewDeps, filters: QueueFilters, wantSummaries: boolean): Promise<Collected> {
  const docs = await documentsFor(deps, filters);
  const ids = docs.map((d) => d.id);
  const [corrections, claims] = await Promise.all([loadCorrectionsFor(deps.sql, ids), activeClaims(deps.sql, ids)]);
  const items: QueueItem[] = [];
  const summaries: DocumentReviewSummary[] = [];
  for (const doc of docs) {
    const records = corrections.get(doc.id) ?? [];
    // Nothing to review and no corrections (so nothing can be stale): no need to load the extraction.
    if (doc.needsReview === false && records.length === 0 && !wantSummaries) continue;
    const machine = await deps.store.getMachine(doc.id);
    if (!machine) continue;
    const { extraction, corrections: replayed } = replay(machine.extraction, records);
    const province = doc.province ?? extraction.metadata.province.value;
    if (filters.province && (!province || fold(province) !== fold(filters.province))) continue;
    const docClaims = claims.filter((c) => c.documentId === doc.id);
    const base = { documentId: doc.id, documentName: doc.name, province, batch: doc.batch };
    const docItems: QueueItem[] = [];
    for (const pointer of extraction.review.fields) {
      const hit = getAt(extraction, parsePointer(pointer) ?? []);
      if (!hit.found || !isRecord(hit.value)) continue;
      const node = hit.value;
      const source = isRecord(node.source) ? (node.source as unknown as Span) : null;
      docItems.push({
        ...base,
        kind: 'field',
        pointer,
        label: labelFor(extraction, pointer),
        value: Object.hasOwn(node, 'value') ? node.value : (node.text ?? node.title ?? null),
        confidence: node.confidence as QueueItem['confidence'],
        flags: Array.isArray(node.flags) ? (node.flags as string[]) : [],
        source,
        excerpt: excerptAround(machine.text, source),
        claim: docClaims.find((c) => overlaps(c.pointer, pointer)) ?? null,
      });
    }
    for (const r of replayed) {
      if (r.status !== 'stale' || r.resolved.some((p) => p !== null)) continue;
      const rec = records.find((x) => x.id === r.id)!;
      const pointer = rec.changes[0]?.path ?? '';
      docItems.push({
        ...base,
        kind: 'stale-correction',
        pointer,
        label: `Hiệu chỉnh #${r.id} không còn khớp`,
        value: rec.changes[0]?.after ?? null,
        confidence: 'low',
        flags: ['correction-stale'],
        source: null,
        excerpt: null,
        claim: docClaims.find((c) => overlaps(c.pointer, pointer)) ?? null,
        correctionId: r.id,
      });
    }
    const shown = filters.flag ? docItems.filter((i) => i.flags.includes(filters.flag!)) : docItems;
    items.push(...shown);
    summaries.push({
      ...doc,
      province,
      machineVersion: machine.version,
      revision: revisionOf(
        machine.version,
        records.reduce((m, r) => Math.max(m, r.seq), 0),
      ),
      toReview: shown.length,
      stale: shown.filter((i) => i.flags.includes('correction-stale')).length,
      low: shown.filter((i) => i.confidence === 'low').length,
    });
  }
  items.sort(
    (a, b) =>
      RANK[a.confidence] - RANK[b.confidence] ||
      a.documentId.localeCompare(b.documentId) ||
      (a.source?.start ?? Number.MAX_SAFE_INTEGER) - (b.source?.start ?? Number.MAX_SAFE_INTEGER) ||
      a.pointer.localeCompare(b.pointer),
  );
  return { items, summaries };
}

export async function listReviewQueue(
  deps: ReviewDeps,
  filters: QueueFilters = {},
): Promise<{ items: QueueItem[]; total: number }> {
  const { items } = await collect(deps, filters, false);
  const offset = Math.max(0, filters.offset ?? 0);
  const limit = Math.min(1000, Math.max(1, filters.limit ?? 100));
  return { items: items.slice(offset, offset + limit), total: items.length };
}

/** One line per document with how much is left to review (the review page's document list). */
export async function listReviewDocuments(
  deps: ReviewDeps,
  filters: QueueFilters = {},
): Promise<DocumentReviewSummary[]> {
  return (await collect(deps, filters, true)).summaries;
}
