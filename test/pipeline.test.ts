import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../src/contract/schema.js';
import { extract } from '../src/pipeline.js';

describe('pipeline', () => {
  it('turns a seed plan into a schema-valid extraction', async () => {
    const bytes = readFileSync(new URL('../fixtures/seed-000/input.txt', import.meta.url));
    const { extraction, text } = await extract({ bytes, fileName: 'input.txt' });
    expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
    expect(extraction.document.chars).toBe(text.length);
    expect(extraction.document.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
