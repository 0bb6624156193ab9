// The same plan rendered as HTML, DOCX and PDF (LibreOffice, fixtures/_render) must yield the same targets,
// responsibilities and budget as its text version: extractors never know which format a document came from.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../src/contract/schema.js';
import { extract } from '../src/pipeline.js';
import { fixtureCases } from './helpers/fixtures.js';

function essentials(e: Extraction) {
  return {
    sections: e.sections.map((s) => `${s.numeral}. ${s.title}`),
    targets: e.targets.map((t) => ({
      label: t.label,
      values: t.values.map((v) => [v.value, v.unit, v.comparator, v.year]),
    })),
    responsibilities: e.responsibilities.map((r) => ({
      canonical: r.agency.canonical,
      role: r.role,
      targetRefs: r.targetRefs,
    })),
    budget: e.budget.total.value?.amount ?? null,
  };
}

async function run(file: string): Promise<Extraction> {
  return (await extract({ bytes: readFileSync(file), fileName: path.basename(file) })).extraction;
}

const cases = fixtureCases();
// seed-NNN-<fmt> and the legacy-encoding renderings seed-NNN-<vni|tcvn3>-<text|docx> (fixtures/_render).
const RENDERING = /^(seed-\d{3})(?:-(?:vni|tcvn3))?-(html|docx|pdf|doc|text|rtf)$/;
const renderings = cases.filter((c) => RENDERING.test(c.name));

describe('format renderings agree with the text version', () => {
  it('has renderings of at least two seeds in every format', () => {
    for (const fmt of ['html', 'docx', 'pdf', 'doc', 'vni-text', 'tcvn3-docx']) {
      expect(renderings.filter((c) => c.name.endsWith(`-${fmt}`)).length).toBeGreaterThanOrEqual(2);
    }
  });
  for (const c of renderings) {
    it(c.name, async () => {
      const [, seed, format] = RENDERING.exec(c.name) ?? [];
      const text = cases.find((x) => x.name === seed);
      if (!text) throw new Error(`no text fixture for ${seed}`);
      const [fromText, fromRendering] = await Promise.all([run(text.input), run(c.input)]);
      expect(fromRendering.document.format).toBe(format);
      expect(essentials(fromRendering)).toEqual(essentials(fromText));
    });
  }
});
