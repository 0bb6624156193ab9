// Finds every fixture that has a gold.json, runs the pipeline on its input and scores it (core.ts).
// Fixtures live in fixtures/<case>/ (walked by the golden runner too) or fixtures/gold-only/<case>/ (gold
// but no expected.json: the golden runner only walks top-level folders holding an input.* file).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { extract } from '../pipeline.js';
import { type FixtureScore, scoreExtraction } from './core.js';
import { readGold } from './gold.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const KNOWN_WRONG_HIGH_FILE = fileURLToPath(new URL('./known-wrong-high.json', import.meta.url));

export interface GoldCase {
  name: string;
  input: string;
  gold: string;
}

function casesIn(dir: string): GoldCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const caseDir = path.join(dir, d.name);
      const input = readdirSync(caseDir).find((f) => f.startsWith('input.'));
      const gold = path.join(caseDir, 'gold.json');
      return input && existsSync(gold) ? [{ name: d.name, input: path.join(caseDir, input), gold }] : [];
    });
}

export function goldCases(root = FIXTURES_DIR): GoldCase[] {
  return [...casesIn(root), ...casesIn(path.join(root, 'gold-only'))].sort((a, b) => a.name.localeCompare(b.name));
}

export async function scoreCase(c: GoldCase): Promise<FixtureScore> {
  const { extraction } = await extract({ bytes: readFileSync(c.input), fileName: path.basename(c.input) });
  return scoreExtraction(c.name, extraction, readGold(c.gold));
}

export const KnownWrongHighSchema = z.array(
  z.object({
    fixture: z.string(),
    field: z.string(),
    got: z.string(),
    gold: z.string(),
    reason: z.string().min(10),
  }),
);
export type KnownWrongHigh = z.infer<typeof KnownWrongHighSchema>[number];

export function readKnownWrongHigh(file = KNOWN_WRONG_HIGH_FILE): KnownWrongHigh[] {
  return existsSync(file) ? KnownWrongHighSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : [];
}

/** Known entries are keyed by fixture + field + the value got (pointers shift when targets are added). */
export const knownKey = (w: { fixture: string; field: string; got: string }): string =>
  `${w.fixture}\u0000${w.field}\u0000${w.got}`;
