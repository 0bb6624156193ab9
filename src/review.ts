// review.fields: JSON Pointers (RFC 6901) of every value whose confidence is medium or low — or, for a document
// nothing could be read from (diagnostic no-readable-text), the one item "/document": a reviewer looks at the
// file once, not at nine missing fields. Computed here so the machine extraction and the effective (corrected)
// one the service replays agree.
import { forEachJudged } from './contract/judged.js';
import type { Extraction } from './contract/schema.js';

/** The review item standing for the whole document when nothing could be read from it. */
export const WHOLE_DOCUMENT = '/document';

export function reviewFields(extraction: Omit<Extraction, 'review'>): string[] {
  if (extraction.diagnostics.some((d) => d.code === 'no-readable-text')) return [WHOLE_DOCUMENT];
  const out: string[] = [];
  forEachJudged(extraction, (node, pointer) => {
    if (node['confidence'] === 'medium' || node['confidence'] === 'low') out.push(pointer);
  });
  return out;
}
