// `npm run bench compare [-- --base DIR] [--rounds R]`: CPU milliseconds per plan of this checkout's text pipeline
// against another checkout's (DIR: a worktree of an older commit with its node_modules, default ../base), over the
// seed and corpus texts of ../shared. Both pipelines are loaded into this one process and timed in alternation
// (A B, then B A, …), each round one pass over every text, so that drift on a shared machine hits both alike;
// the ratio printed is base ÷ current of the medians (above 1: this checkout is faster).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmt, median } from './lib.js';

type Extract = (input: { bytes: Uint8Array; fileName?: string | null }) => Promise<unknown>;

interface Text {
  name: string;
  bytes: Uint8Array;
}

/** The seed and corpus texts (the 17 plans issue 11's per-core figures are measured on). */
export function sharedTexts(shared: string): Text[] {
  return ['seeds', 'corpus'].flatMap((d) => {
    const dir = path.join(shared, d);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ name: f, bytes: readFileSync(path.join(dir, f)) }));
  });
}

/** CPU ms (user + system, this process) per plan for one pass over `texts`. */
async function pass(run: Extract, texts: Text[]): Promise<number> {
  const start = process.cpuUsage();
  for (const t of texts) await run({ bytes: t.bytes, fileName: t.name });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / texts.length;
}

export async function benchCompare(opts: {
  root: string;
  shared: string;
  base: string;
  rounds: number;
  line: (s: string) => void;
}): Promise<void> {
  const basePipeline = path.join(opts.base, 'src/pipeline.ts');
  if (!existsSync(basePipeline)) {
    opts.line(`compare: no base checkout at ${opts.base} (give --base DIR: a worktree with node_modules)`);
    return;
  }
  const current = ((await import(pathToFileURL(path.join(opts.root, 'src/pipeline.ts')).href)) as { extract: Extract })
    .extract;
  const base = ((await import(pathToFileURL(basePipeline).href)) as { extract: Extract }).extract;
  const texts = sharedTexts(opts.shared);
  // Warm both (JIT, lazily built rule tables).
  for (let i = 0; i < 3; i++) {
    await pass(base, texts);
    await pass(current, texts);
  }
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = await pass(base, texts);
      y = await pass(current, texts);
    } else {
      y = await pass(current, texts);
      x = await pass(base, texts);
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  const mb = median(a);
  const mc = median(b);
  opts.line(
    `compare: CPU per plan over ${texts.length} texts, ${opts.rounds} alternated rounds: base ${fmt(mb, 2)} ms ` +
      `(${path.basename(opts.base)}) vs current ${fmt(mc, 2)} ms → base/current ${fmt(mb / mc, 2)}× ` +
      `(median of per-round ratios ${fmt(median(ratios), 2)}×, range ${fmt(Math.min(...ratios), 2)}–` +
      `${fmt(Math.max(...ratios), 2)})`,
  );
}
