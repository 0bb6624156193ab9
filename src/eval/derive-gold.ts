// Derives fixtures/<case>/gold.json from a fixture's expected.json, for fixtures whose expected file was
// checked by eye before this harness existed (seeds, corpus, renderings). Hand-written gold
// (origin "hand") is never overwritten. Run once, then review the result by eye:
//   npx tsx src/eval/derive-gold.ts [case …]
// What is taken: every non-null metadata value (a null is left out — it may be a miss, not "none stated";
// likewise an empty target or agency list is left out);
// section numerals and titles; every target value with its unit and year; agencies (canonical, else name;
// members of joint items); the budget total; budget-table grand totals. Values marked medium/low in the
// expected file are taken too: the expected files were checked by eye, whatever the confidence.
// Document kind: "plan" for every derived fixture (all are Kế hoạch issued as such; none is attached to a
// Quyết định).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Extraction, ExtractionSchema } from '../contract/schema.js';
import { looseKey, tableTotals } from './core.js';
import { type GoldInput, GoldSchema } from './gold.js';
import { FIXTURES_DIR } from './run.js';

export function deriveGold(name: string, x: Extraction): GoldInput {
  const m = x.metadata;
  const metadata: NonNullable<GoldInput['metadata']> = { kind: 'plan' };
  if (m.issuer.value !== null) metadata.issuer = m.issuer.value;
  if (m.province.value !== null) metadata.province = m.province.value;
  if (m.documentNumber.value !== null) metadata.documentNumber = m.documentNumber.value;
  if (m.issuedDate.value !== null) metadata.issuedDate = m.issuedDate.value;
  if (m.title.value !== null) metadata.title = m.title.value;
  if (m.signer.value !== null) metadata.signerName = m.signer.value.name;
  const agencies: string[] = [];
  const seen = new Set<string>();
  for (const r of x.responsibilities) {
    const names =
      r.agency.members && r.agency.members.length > 0
        ? r.agency.members.map((mem, k) => r.agency.memberCanonicals?.[k] ?? mem)
        : [r.agency.canonical ?? r.agency.name];
    for (const n of names) {
      if (seen.has(looseKey(n))) continue;
      seen.add(looseKey(n));
      agencies.push(n);
    }
  }
  const values = x.targets.flatMap((t) => t.values.map((v) => ({ value: v.value, unit: v.unit, year: v.year })));
  return {
    case: name,
    origin: 'expected.json',
    notes: ['Derived from expected.json (checked by eye when it was recorded) by src/eval/derive-gold.ts.'],
    metadata,
    sections: x.sections.map((s) => ({ numeral: s.numeral, title: s.title })),
    // An empty list in an expected file may be a miss, not "none": only non-empty lists become gold.
    ...(values.length > 0 ? { targets: { values, ambiguous: [] } } : {}),
    ...(agencies.length > 0 ? { agencies } : {}),
    ...(x.budget.total.value !== null ? { budgetTotal: x.budget.total.value.amount } : {}),
    tableTotals: tableTotals(x).map((t) => ({ label: t.label, value: t.value })),
  };
}

const wanted = process.argv.slice(2);
for (const d of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
  if (!d.isDirectory() || (wanted.length > 0 && !wanted.includes(d.name))) continue;
  const dir = path.join(FIXTURES_DIR, d.name);
  const expected = path.join(dir, 'expected.json');
  const goldFile = path.join(dir, 'gold.json');
  if (!existsSync(expected)) continue;
  const previous = existsSync(goldFile) ? GoldSchema.parse(JSON.parse(readFileSync(goldFile, 'utf8'))) : null;
  if (previous && previous.origin !== 'expected.json') {
    console.log(`${d.name}: ${previous.origin} gold kept`);
    continue;
  }
  const x = ExtractionSchema.parse(JSON.parse(readFileSync(expected, 'utf8')));
  const gold = deriveGold(d.name, x);
  GoldSchema.parse(gold);
  writeFileSync(goldFile, `${JSON.stringify(gold, null, 2)}\n`);
  console.log(`${d.name}: gold.json derived`);
}
