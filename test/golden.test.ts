// Golden fixtures, one folder per case: fixtures/<case>/input.* + expected.json.
// `UPDATE=1 npx vitest run test/golden.test.ts` rewrites expectations on purpose; CI never writes them.
// Review every expected.json by eye before committing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../src/contract/schema.js';
import { extract } from '../src/pipeline.js';
import { fixtureCases } from './helpers/fixtures.js';

// Scanned fixtures are read with the tesseract.js engine, which every machine has: the native binary reads a
// few words differently, so goldens recorded with one would fail with the other (test/ingest/ocr.test.ts runs
// the native engine on its own).
process.env.KEHOACH_OCR_ENGINE = 'js';

const SCAN_TIMEOUT = (name: string) => (name.includes('scan') ? 900_000 : undefined);

const update = process.env.UPDATE === '1' && process.env.CI === undefined;

describe('golden fixtures', () => {
  for (const c of fixtureCases()) {
    it(
      c.name,
      async () => {
        const { extraction } = await extract({ bytes: readFileSync(c.input), fileName: path.basename(c.input) });
        expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
        if (update) {
          writeFileSync(c.expected, `${JSON.stringify(extraction, null, 2)}\n`);
          return;
        }
        if (!existsSync(c.expected)) throw new Error(`${c.name}: no expected.json (run with UPDATE=1 and review it)`);
        expect(extraction).toEqual(JSON.parse(readFileSync(c.expected, 'utf8')));
        // Scans are OCR'd page by page (~5-10 s a page with tesseract.js on a busy 2-core machine).
      },
      SCAN_TIMEOUT(c.name),
    );
  }
});
