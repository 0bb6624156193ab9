import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface FixtureCase {
  name: string;
  dir: string;
  input: string;
  expected: string;
}

/** Every fixtures/<case>/ holding an input.* file. */
export function fixtureCases(): FixtureCase[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = path.join(FIXTURES_DIR, d.name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      return input
        ? [{ name: d.name, dir, input: path.join(dir, input), expected: path.join(dir, 'expected.json') }]
        : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function readFixture(name: string): Buffer {
  const c = fixtureCases().find((f) => f.name === name);
  if (!c) throw new Error(`no fixture ${name}`);
  return readFileSync(c.input);
}
