// Growth ratio of a function between a 100 KB and a 1 MB input, measured side by side in one run (never an
// absolute time): a warm-up, then alternating small/large runs, the fastest of each (a shared machine only ever
// adds time to a run, so the minimum is the estimate its neighbours disturb least; medians of three flaked at
// load 20). Linear code gives ~10;
// quadratic code gives ~100. A small run that takes under a few ms is repeated until it does, so timer
// resolution and GC pauses do not decide the ratio.
export const SMALL = 100_000;
export const LARGE = 1_000_000;
const ROUNDS = 3;
const MIN_SAMPLE_MS = 20;

function fastest(xs: number[]): number {
  return Math.min(...xs);
}

/** Mean time of one call, repeating short calls until the sample is long enough to read. */
function sample(fn: () => unknown): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_SAMPLE_MS && n < 1000);
  return elapsed / n;
}

export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

export function growth(small: () => unknown, large: () => unknown): Growth {
  // Warm-up on the small input only: the JIT and the regex caches are ready, and the large run is not paid twice.
  small();
  small();
  const s: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    s.push(sample(small));
    l.push(sample(large));
  }
  const ms = fastest(s);
  const ml = fastest(l);
  return { small: ms, large: ml, ratio: ml / ms };
}

/** growth() for async work (the whole pipeline's extract()): each run is awaited, once per sample. */
export async function growthAsync(small: () => Promise<unknown>, large: () => Promise<unknown>): Promise<Growth> {
  await small();
  await small();
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const s: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    s.push(await timed(small));
    l.push(await timed(large));
  }
  const ms = fastest(s);
  const ml = fastest(l);
  return { small: ms, large: ml, ratio: ml / ms };
}

/** `unit` repeated to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Whole lines built by `line(i)` until `size` characters. */
export function linesTo(line: (i: number) => string, size: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const l = line(i);
    out.push(l);
    n += l.length + 1;
  }
  return out.join('\n').slice(0, size);
}
