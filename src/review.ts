// review.fields: JSON Pointers (RFC 6901) of every value whose confidence is medium or low — or, for a document
// nothing could be read from (diagnostic no-readable-text), the one item "/document": a reviewer looks at the
// file once, not at nine missing fields. Computed here so the machine extraction and the effective (corrected)
// one the service replays agree.
import type { Extraction } from './contract/schema.js';

/** The review item standing for the whole document when nothing could be read from it. */
export const WHOLE_DOCUMENT = '/document';

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function reviewFields(extraction: Omit<Extraction, 'review'>): string[] {
  if (extraction.diagnostics.some((d) => d.code === 'no-readable-text')) return [WHOLE_DOCUMENT];
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${path}/${i}`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.confidence === 'medium' || obj.confidence === 'low') out.push(path);
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'source' || k === 'flags') continue;
      walk(v, `${path}/${escapePointer(k)}`);
    }
  };
  walk(extraction, '');
  return out;
}
