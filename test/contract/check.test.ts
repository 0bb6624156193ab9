// The pipeline returns its result as it is when compileValueCheck proves that zod would return an equal copy.
// The proof must never be wrong: on every golden result it holds and zod's copy serialises to the same JSON, and
// on hundreds of mutated results, whenever it holds, zod accepts the value and returns the same JSON, and no object
// is left in two places.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileValueCheck } from '../../src/contract/check.js';
import { ExtractionSchema } from '../../src/contract/schema.js';
import { fixtureCases } from '../helpers/fixtures.js';

const check = compileValueCheck(ExtractionSchema);
const goldens = fixtureCases()
  .filter((c) => existsSync(c.expected))
  .map((c) => ({ name: c.name, json: readFileSync(c.expected, 'utf8') }));

type Node = Record<string, unknown> | unknown[];

/** Every object and array inside `v`, with its parent and the key it sits at. */
function nodes(v: unknown, out: { parent: Node; key: string | number; value: unknown }[] = []) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push({ parent: v, key: i, value: x });
      nodes(x, out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push({ parent: v as Node, key: k, value: x });
      nodes(x, out);
    }
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  0,
  1.5,
  2 ** 60,
  '',
  'x',
  'Not A Flag',
  'high',
  'lead',
  '2025-13-45',
  '2025-01-01',
  true,
  [],
  {},
  [1],
  ['a'],
];

describe('compileValueCheck(ExtractionSchema)', () => {
  it('holds on every golden result, and zod returns the same JSON', () => {
    expect(goldens.length).toBeGreaterThan(40);
    for (const g of goldens) {
      const value = JSON.parse(g.json);
      expect(check(value), g.name).toBe(true);
      expect(JSON.stringify(ExtractionSchema.parse(value)), g.name).toBe(JSON.stringify(value));
    }
  }, 120_000);

  it('never holds where zod would refuse or change the value', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let held = 0;
    let refused = 0;
    for (let k = 0; k < 800; k++) {
      const g = goldens[rand(goldens.length)]!;
      const value = JSON.parse(g.json) as Record<string, unknown>;
      const all = nodes(value);
      const at = all[rand(all.length)]!;
      const parent = at.parent as Record<string | number, unknown>;
      const kind = rand(6);
      if (kind === 0) parent[at.key] = REPLACEMENTS[rand(REPLACEMENTS.length)];
      else if (kind === 1 && !Array.isArray(parent)) delete parent[at.key];
      else if (kind === 2 && !Array.isArray(parent)) parent.extra = 1;
      else if (kind === 3 && !Array.isArray(parent)) {
        // Same members, another order.
        const entries = Object.entries(parent).reverse();
        for (const [key] of entries) delete parent[key];
        for (const [key, x] of entries) parent[key] = x;
      } else if (kind === 4) {
        // One object in two places.
        const other = all[rand(all.length)]!;
        if (other.value !== null && typeof other.value === 'object') parent[at.key] = other.value;
      } else if (kind === 5 && Array.isArray(parent)) parent.length += 1;
      const proven = check(value);
      const parsed = ExtractionSchema.safeParse(value);
      if (proven) {
        held++;
        // Objects met twice were parted: each object and array now appears once.
        const objects = nodes(value)
          .map((n) => n.value)
          .filter((x) => x !== null && typeof x === 'object');
        expect(new Set(objects).size).toBe(objects.length);
        expect(parsed.success, `${g.name} ${String(at.key)} kind ${kind}`).toBe(true);
        expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(value));
      } else refused++;
    }
    // Both outcomes occur (many mutations keep the value valid: a string for a string, a key that is optional).
    expect(held).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  }, 300_000);
});
