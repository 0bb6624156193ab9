// review.fields: JSON Pointers (RFC 6901) of every value whose confidence is medium or low.
import type { Extraction } from './contract/schema.js';

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function reviewFields(extraction: Omit<Extraction, 'review'>): string[] {
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
