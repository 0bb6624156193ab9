// The README documents every flag and diagnostic code of the catalogue, in one table, and every setting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../src/config.js';
import { CODES } from '../src/contract/codes.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every code of the catalogue', () => {
    const documented = new Set([...readme.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));
    const missing = Object.keys(CODES).filter((c) => !documented.has(c));
    expect(missing).toEqual([]);
  });
  it('documents every environment variable the service reads', () => {
    expect(Object.keys(EnvSchema.shape).filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
  it('states the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm run check');
  });
});
