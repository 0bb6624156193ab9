// Plans among everything else: every golden plan is classified as a plan; non-plans (decisions, letters, web
// pages) are not, and carry no value marked high (header, kind, sections, tables, targets, duties, budget). The full 1,500-document archive runs
// with `npx tsx bench/mixed-archive.ts` (about 10 s on one core); here a sample of 200 of it, when ../shared is
// present, and always the eight documents that once came out with high values (test/segment/non-plans/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { promisedValues } from '../../src/contract/judged.js';
import type { Extraction } from '../../src/contract/schema.js';
import { extract } from '../../src/pipeline.js';
import { isPlanKind } from '../../src/rules/doc-kinds.js';
import { fixtureCases } from '../helpers/fixtures.js';

const ARCHIVE = '/work/shared/mixed-archive';
const SAMPLE = 200;
const NON_PLANS = fileURLToPath(new URL('./non-plans/', import.meta.url));

const highs = (e: Extraction): number => promisedValues(e).length;

async function verdicts(files: readonly string[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const f of files) {
    const { extraction: e } = await extract({ bytes: readFileSync(f), fileName: path.basename(f) });
    const kind = e.document.kind?.value ?? null;
    if (isPlanKind(kind) || highs(e) > 0) wrong.push(`${path.basename(f)}: ${kind}, ${highs(e)} high`);
  }
  return wrong;
}

describe('non-plans', () => {
  it('the eight documents that once had high values: not plans, nothing high', async () => {
    const files = readdirSync(NON_PLANS)
      .filter((f) => f.endsWith('.md') && f !== 'SOURCES.md')
      .map((f) => path.join(NON_PLANS, f));
    expect(files).toHaveLength(8);
    expect(await verdicts(files)).toEqual([]);
  });

  it.skipIf(!existsSync(ARCHIVE))(
    `a sample of ${SAMPLE} of the mixed archive: not plans, nothing high, no error`,
    async () => {
      const all = readdirSync(ARCHIVE)
        .filter((f) => f.endsWith('.md') && f !== 'SOURCES.md')
        .sort();
      const step = Math.max(1, Math.floor(all.length / SAMPLE));
      const files = all
        .filter((_, i) => i % step === 0)
        .slice(0, SAMPLE)
        .map((f) => path.join(ARCHIVE, f));
      expect(files).toHaveLength(SAMPLE);
      expect(await verdicts(files)).toEqual([]);
    },
    120_000,
  );
});

describe('plans', () => {
  it('every golden fixture with text is classified as a plan, with high confidence', async () => {
    const wrong: string[] = [];
    // PDF and DOCX renderings of the same plans are covered by the golden files (which record document.kind).
    for (const c of fixtureCases().filter((x) => /\.(?:txt|html)$/.test(x.input))) {
      const { extraction: e } = await extract({ bytes: readFileSync(c.input), fileName: path.basename(c.input) });
      const kind = e.document.kind;
      if (kind?.value !== 'plan' || kind.confidence !== 'high') wrong.push(`${c.name}: ${JSON.stringify(kind)}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
