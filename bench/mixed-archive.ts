// `npx tsx bench/mixed-archive.ts [DIR] [--plans]`: runs the pipeline over a folder of documents and counts what
// a reviewer relying on `high` cares about. Over ../shared/mixed-archive (1,500 non-plans) every document must be
// classified as not a plan, with no value marked high (header, kind, sections, tables, targets, duties, budget) and no error; with `--plans`
// every document must be classified as a plan. Exits 1 when that does not hold.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisedValues } from '../src/contract/judged.js';
import { extract } from '../src/pipeline.js';

const args = process.argv.slice(2);
const expectPlans = args.includes('--plans');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) dirs.push('/work/shared/mixed-archive');
const SUPPORTED = /\.(?:txt|md|html?|docx|pdf)$/i;

function files(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir)
    .filter((f) => SUPPORTED.test(f) && !/^(?:SOURCES|README)\.md$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

async function main(): Promise<void> {
  const all = dirs.flatMap(files);
  const kinds = new Map<string, number>();
  let errors = 0;
  let highDocs = 0;
  let highValues = 0;
  const wrong: string[] = [];
  const start = performance.now();
  for (const f of all) {
    try {
      const { extraction: e } = await extract({ bytes: readFileSync(f), fileName: path.basename(f) });
      const kind = (e.document as { kind?: { value: string | null } }).kind?.value ?? 'unknown';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const isPlan = kind === 'plan' || kind === 'plan-by-decision';
      const highs = promisedValues(e).length;
      if (!expectPlans && highs > 0) {
        highDocs++;
        highValues += highs;
      }
      if (isPlan !== expectPlans || (!expectPlans && highs > 0))
        wrong.push(`${path.basename(f)}: ${kind}, ${highs} high`);
    } catch (err) {
      errors++;
      wrong.push(`${path.basename(f)}: error ${(err as Error).message}`);
    }
  }
  const ms = performance.now() - start;
  console.log(
    `${all.length} documents in ${(ms / 1000).toFixed(1)} s; kinds: ${JSON.stringify(Object.fromEntries(kinds))}`,
  );
  if (!expectPlans) console.log(`documents with any value marked high: ${highDocs} (${highValues} values)`);
  console.log(`errors: ${errors}; not as expected: ${wrong.length}`);
  for (const w of wrong.slice(0, 40)) console.log(`  ${w}`);
  process.exitCode = wrong.length === 0 ? 0 : 1;
}

await main();
