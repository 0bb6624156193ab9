// Replays every input `npm run fuzz` saved (crashes, hangs past the budget, out-of-memory deaths, invalid
// outputs): each must now give a schema-valid extraction or a typed refusal. A hang that is still slow fails on
// the test timeout.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../src/contract/schema.js';
import { UnreadableDocumentError } from '../../src/errors.js';
import { extract } from '../../src/pipeline.js';

const DIR = new URL('./fuzz-crashes/', import.meta.url);
const inputs = readdirSync(DIR).filter((f) => !f.endsWith('.json') && !f.startsWith('.'));

describe('inputs saved by npm run fuzz', () => {
  it('the folder holds the saved inputs', () => expect(inputs.length).toBeGreaterThan(0));
  for (const f of inputs) {
    it(f, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(f, DIR)));
      try {
        const { extraction } = await extract({ bytes, fileName: f });
        expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(UnreadableDocumentError);
      }
    }, 60_000);
  }
});
