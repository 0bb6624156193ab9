// Golden fixtures, one folder per case: fixtures/<case>/input.* + expected.json.
// `UPDATE=1 npx vitest run test/golden.test.ts` rewrites expectations on purpose; CI never writes them.
// Review every expected.json by eye before committing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../src/contract/schema.js';
import { extract } from '../src/pipeline.js';
import { fixtureCases } from './helpers/fixtures.js';

// Scanned fixtures (OCR) have their own file, test/scans.test.ts, run in parallel with this one.
const update = process.env.UPDATE === '1' && process.env.CI === undefined;

describe('golden fixtures', () => {
  for (const c of fixtureCases().filter((f) => !f.name.includes('scan'))) {
    it(c.name, async () => {
      const { extraction } = await extract({ bytes: readFileSync(c.input), fileName: path.basename(c.input) });
      expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
      if (update) {
        writeFileSync(c.expected, `${JSON.stringify(extraction, null, 2)}\n`);
        return;
      }
      if (!existsSync(c.expected)) throw new Error(`${c.name}: no expected.json (run with UPDATE=1 and review it)`);
      expect(extraction).toEqual(JSON.parse(readFileSync(c.expected, 'utf8')));
    });
  }
});
