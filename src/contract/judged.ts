// What an extraction promises: the JSON Pointers of every value marked high. A null is no value (a field
// "absent" may be promised), and a section or table is one value (it has no `value` key of its own).
import type { Extraction } from './schema.js';

export function promisedValues(extraction: Extraction): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${path}/${i}`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o['confidence'] === 'high' && o['value'] !== null) out.push(path);
    for (const [k, v] of Object.entries(o)) if (k !== 'source' && k !== 'flags') walk(v, `${path}/${k}`);
  };
  walk(extraction, '');
  return out;
}
