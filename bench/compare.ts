// `npm run bench compare [-- --base DIR] [--rounds R]`: CPU milliseconds per plan of this checkout's text pipeline
// against another checkout's (DIR: a worktree of an older commit with its node_modules, default ../base), over the
// seed and corpus texts of ../shared. Both pipelines are loaded into this one process, and each text is run by
// both back to back (A B, then B A, …), so that the drift of a shared machine hits both alike; a round is one pass
// over every text. Two clocks: the process's CPU time (every thread: GC helpers included) and, on Linux, the main
// thread's own time on a CPU (/proc schedstat, nanoseconds: the steadier of the two on a busy machine). The
// ratios printed are base ÷ current of the medians (above 1: this checkout is faster).
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

const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;
const hasSchedstat = existsSync(SCHEDSTAT);
/** Milliseconds the main thread has spent on a CPU (NaN where /proc has no schedstat). */
const threadMs = () => (hasSchedstat ? Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6 : Number.NaN);

interface Spent {
  process: number;
  thread: number;
}

async function timed(run: Extract, t: Text): Promise<Spent> {
  const cpu = process.cpuUsage();
  const thread = threadMs();
  await run({ bytes: t.bytes, fileName: t.name });
  const used = process.cpuUsage(cpu);
  return { process: (used.user + used.system) / 1000, thread: threadMs() - thread };
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
    for (const t of texts) {
      await timed(base, t);
      await timed(current, t);
    }
  }
  const rounds: { base: Spent; current: Spent }[] = [];
  let flip = 0;
  for (let i = 0; i < opts.rounds; i++) {
    const sum = { base: { process: 0, thread: 0 }, current: { process: 0, thread: 0 } };
    for (const t of texts) {
      const first = flip++ % 2 === 0 ? 'base' : 'current';
      const second = first === 'base' ? 'current' : 'base';
      for (const side of [first, second] as const) {
        const spent = await timed(side === 'base' ? base : current, t);
        sum[side].process += spent.process / texts.length;
        sum[side].thread += spent.thread / texts.length;
      }
    }
    rounds.push(sum);
  }
  const report = (clock: keyof Spent, what: string) => {
    const b = median(rounds.map((r) => r.base[clock]));
    const c = median(rounds.map((r) => r.current[clock]));
    const ratios = rounds.map((r) => r.base[clock] / r.current[clock]);
    return (
      `${what}: base ${fmt(b, 2)} ms vs current ${fmt(c, 2)} ms per plan → base/current ${fmt(b / c, 2)}× ` +
      `(per-round ${fmt(median(ratios), 2)}×, ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)})`
    );
  };
  opts.line(
    `compare (${path.basename(opts.base)} vs this checkout, ${texts.length} texts, ${opts.rounds} rounds, each text ` +
      `run by both back to back): ${report('process', 'process CPU')}` +
      (hasSchedstat ? `; ${report('thread', 'main-thread CPU')}` : ''),
  );
}
