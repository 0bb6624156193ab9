// `npm run eval`: the calibration harness. Runs the pipeline over every fixture with a gold.json and prints,
// per field, precision and recall against gold, the precision of values marked high and the share of values
// marked high; then every wrong high value (fixture, JSON pointer, got vs gold).
// Exit status 1 when any value marked high is wrong — including those listed in known-wrong-high.json
// (that list only keeps CI's test green while extractors are being fixed; it is printed separately here).
// Matching rules: see the header of core.ts. Gold format: gold.ts.
//   npm run eval                 all fixtures
//   npm run eval -- --fixture seed-000 --per-fixture --json out.json
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FIELDS, type FixtureScore, overall, rates, sumCounts } from './core.js';
import { goldCases, knownKey, readKnownWrongHigh, scoreCase } from './run.js';

const { values: args } = parseArgs({
  options: {
    fixture: { type: 'string', multiple: true },
    'per-fixture': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const pct = (v: number | null): string => (v === null ? '   –  ' : `${(v * 100).toFixed(1).padStart(5)}%`);

function table(scores: readonly FixtureScore[]): string {
  const total = sumCounts(scores);
  const lines = [
    `${'field'.padEnd(27)} ${'pred'.padStart(5)} ${'gold'.padStart(5)}  precision  recall  high   high-precision  share-high`,
  ];
  const row = (name: string, c: NonNullable<(typeof total)[keyof typeof total]>) => {
    const r = rates(c);
    lines.push(
      `${name.padEnd(27)} ${String(c.predicted).padStart(5)} ${String(c.gold).padStart(5)}  ${pct(r.precision)}    ${pct(r.recall)} ${String(c.high).padStart(5)}   ${pct(r.highPrecision)}         ${pct(r.shareHigh)}`,
    );
  };
  for (const f of FIELDS) {
    const c = total[f];
    if (c) row(f, c);
  }
  row('ALL (one row per unit)', overall(total));
  return lines.join('\n');
}

const all = goldCases();
const cases = args.fixture ? all.filter((c) => args.fixture?.includes(c.name)) : all;
if (cases.length === 0) {
  console.error('no fixture with a gold.json matched');
  process.exit(2);
}
const scores: FixtureScore[] = [];
for (const c of cases) scores.push(await scoreCase(c));

console.log(`kehoach eval — ${scores.length} fixtures with gold\n`);
console.log(table(scores));
if (args['per-fixture']) {
  for (const s of scores) console.log(`\n== ${s.fixture}\n${table([s])}`);
}

const known = new Set(readKnownWrongHigh().map(knownKey));
const wrong = scores.flatMap((s) => s.wrongHigh);
const fresh = wrong.filter((w) => !known.has(knownKey(w)));
const listed = wrong.filter((w) => known.has(knownKey(w)));
const show = (w: (typeof wrong)[number]) =>
  `  ${w.fixture} ${w.pointer} [${w.field}]\n      got:  ${w.got}\n      gold: ${w.gold}`;
console.log(`\nWrong values marked high: ${wrong.length} (${fresh.length} new, ${listed.length} known)`);
if (fresh.length > 0) console.log(`\nNEW wrong high values:\n${fresh.map(show).join('\n')}`);
if (listed.length > 0)
  console.log(`\nKnown wrong high values (known-wrong-high.json):\n${listed.map(show).join('\n')}`);

if (args.json) {
  writeFileSync(args.json, `${JSON.stringify({ total: sumCounts(scores), scores }, null, 2)}\n`);
}
process.exit(wrong.length > 0 ? 1 : 0);
