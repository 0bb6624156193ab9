// The text-quality gate: garbled or mis-read text is never `high`. Runs after every extractor and only ever
// LOWERS confidence. The rule that decides what "reads as Vietnamese" lives in src/quality/syllable.ts.
//   - the document fails → every value drops to `low` with `garbled-text`, plus one diagnostic;
//   - a value's own source span fails (a garbled heading in an otherwise clean plan) → that value drops;
//   - nothing readable at all (no text, a scan without a text layer, only garbage) → `no-readable-text`,
//     and the pipeline sends the document to review as one item instead of one per missing field.
import type { Diagnostic, Extraction } from '../contract/schema.js';
import type { Doc } from '../doc/types.js';
import { spanFails, type TextScore, textFails, textScorer } from '../quality/syllable.js';

/** Fewer valid syllables than this in the whole document: nothing was read. */
const MIN_READABLE_SYLLABLES = 20;

type Draft = Omit<Extraction, 'review'>;

export interface QualityResult {
  draft: Draft;
  score: TextScore;
  /** Why nothing could be read, or null when the document has readable text. */
  unreadable: string | null;
}

function isSpan(v: unknown): v is { start: number; end: number } {
  return typeof v === 'object' && v !== null && typeof (v as { start?: unknown }).start === 'number';
}

export function qualityGate(doc: Doc, input: Draft): QualityResult {
  // One pass over the text scores the document and every span a value points at.
  const scorer = textScorer(doc.text);
  const score = scorer.total;
  const docFails = textFails(score);
  const spanScore = scorer.span;
  // Lowered in place, like the cross-checks: the draft is the pipeline's own freshly assembled object, so a deep
  // copy of every document's whole extraction bought nothing.
  const draft = input;
  let lowered = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const v of node) walk(v);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.confidence === 'string' && Array.isArray(obj.flags)) {
      const hasValue = !('value' in obj) || obj.value !== null;
      const span = isSpan(obj.source) ? obj.source : null;
      const fails = hasValue && (docFails || (span !== null && spanFails(spanScore(span.start, span.end))));
      if (fails) {
        obj.confidence = 'low';
        if (!obj.flags.includes('garbled-text')) (obj.flags as string[]).push('garbled-text');
        lowered++;
      }
    }
    for (const [k, v] of Object.entries(obj)) if (k !== 'source' && k !== 'flags') walk(v);
  };
  walk([draft.metadata, draft.sections, draft.targets, draft.responsibilities, draft.budget, draft.tables]);

  const diagnostics: Diagnostic[] = [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (docFails) {
    diagnostics.push({
      code: 'garbled-text',
      severity: 'error',
      message: `Only ${pct(score.share)} of the document's ${score.counted} words read as Vietnamese syllables (mojibake of an unconverted legacy encoding, or bad OCR); every value is low confidence.`,
      source: null,
    });
  } else if (lowered > 0) {
    diagnostics.push({
      code: 'garbled-text',
      severity: 'warning',
      message: `${lowered} value${lowered === 1 ? '' : 's'} read from text that does not read as Vietnamese; lowered to low confidence.`,
      source: null,
    });
  }
  const unreadable = unreadableReason(doc, score);
  if (unreadable) {
    diagnostics.push({ code: 'no-readable-text', severity: 'error', message: unreadable, source: null });
  }
  draft.diagnostics = [...draft.diagnostics, ...diagnostics];
  return { draft, score, unreadable };
}

function unreadableReason(doc: Doc, score: TextScore): string | null {
  if (score.valid >= MIN_READABLE_SYLLABLES) return null;
  const scan = doc.messages.some((m) => m.code === 'no-text-layer');
  if (scan) return 'No readable text: the PDF is a scan without a text layer, and no text could be recognised.';
  if (doc.text.trim() === '') return 'No readable text: the document contains no text at all.';
  return `No readable text: only ${score.valid} of ${score.counted} words read as Vietnamese (garbage, or text in an unknown encoding).`;
}
