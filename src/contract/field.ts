// Small constructors for Field<T> so every extractor states confidence and flags the same way.
import type { Confidence, Field, Span } from './schema.js';

export function field<T>(
  value: T | null,
  source: Span | null,
  confidence: Confidence = 'high',
  flags: string[] = [],
): Field<T> {
  return { value, confidence, flags: [...new Set(flags)], source };
}

/** A value the document does not state. `flags` say why a reviewer should look, if they should. */
export function absent<T>(
  flags: string[] = [],
  confidence: Confidence = flags.length > 0 ? 'medium' : 'high',
): Field<T> {
  return { value: null, confidence, flags: [...new Set(flags)], source: null };
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** The lower of two confidences. */
export function minConfidence(a: Confidence, b: Confidence): Confidence {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Lowers a field's confidence to at most `to`, adding a flag that says why. */
export function demote<T extends { confidence: Confidence; flags: string[] }>(f: T, to: Confidence, flag: string): T {
  f.confidence = minConfidence(f.confidence, to);
  if (!f.flags.includes(flag)) f.flags.push(flag);
  return f;
}
