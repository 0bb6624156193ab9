// The values of an extraction that carry a judgement (a `confidence`), each with its JSON Pointer (RFC 6901):
// one walk for what a reviewer must look at (src/review.ts) and for what the extraction promises.
import type { Extraction } from './schema.js';

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Calls `visit` on every object under `root` that has a `confidence`, in document order (spans and flags skipped). */
export function forEachJudged(root: unknown, visit: (node: Record<string, unknown>, pointer: string) => void): void {
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${path}/${i}`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if ('confidence' in obj) visit(obj, path);
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'source' || k === 'flags') continue;
      walk(v, `${path}/${escapePointer(k)}`);
    }
  };
  walk(root, '');
}

/**
 * What an extraction promises: the pointers of every value marked high. A null is no value (a field "absent" may
 * be promised), and a section or table is one value (it has no `value` key of its own).
 */
export function promisedValues(extraction: Extraction): string[] {
  const out: string[] = [];
  forEachJudged(extraction, (node, pointer) => {
    if (node['confidence'] === 'high' && node['value'] !== null) out.push(pointer);
  });
  return out;
}
