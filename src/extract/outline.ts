// Zones: segments the normalised text into header, Roman-numeral sections with their item trees, and the tail
// (closing formula, signature, appendices). Computed once; every field extractor reads it.
import type { Doc, Outline } from '../doc/types.js';

export function buildOutline(doc: Doc): Outline {
  return { bodyStart: 0, bodyEnd: doc.lines.length, sections: [], messages: [] };
}
