// `npm run fuzz -- --seconds N [--inputs N] [--format text|html|docx|pdf|image] [--seed S] [--workers W] [--scans] [--out DIR]`
// Mutates the real corpus and runs every input through the job path: the same warm, kill-able ParsePool
// (src/pool) that `kehoach extract`, the embedded runner and the BullMQ workers use, with its heap cap and its
// wall-clock budget (KEHOACH_WORKER_HEAP_MB, KEHOACH_TASK_TIMEOUT_MS + KEHOACH_TASK_TIMEOUT_PER_MB_MS × MB).
// Each output is checked against the contract schema here, on the caller's side. Reports inputs/s, outcomes by
// format and reason, hangs (the pool's budget ran out), worker deaths (out of memory, crash) and schema-invalid
// outputs; every such input is saved under --out (default test/robustness/fuzz-crashes), which a test replays.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Extraction, ExtractionSchema } from '../contract/schema.js';
import { isUnreadable } from '../errors.js';
import { ParsePool, PoolEnvSchema, poolOptions, WorkerCrashError } from '../pool/index.js';
import type { PoolOptions } from '../pool/pool.js';
import { type FuzzFormat, mutate, type Seed } from './mutate.js';
import { int, pick, rng } from './rng.js';
import { loadSeeds } from './seeds.js';

const FORMATS: readonly FuzzFormat[] = ['text', 'html', 'docx', 'pdf', 'image'];
const EXT: Record<FuzzFormat, string> = { text: 'txt', html: 'html', docx: 'docx', pdf: 'pdf', image: 'png' };
/** Share of inputs per format when no --format is given: cheap formats get most of the time. */
const MIX: Record<FuzzFormat, number> = { text: 0.5, html: 0.3, docx: 0.12, pdf: 0.03, image: 0.05 };

export interface FuzzOptions {
  seconds: number;
  /** Stop after this many inputs (whichever of seconds and inputs comes first). */
  maxInputs?: number;
  formats: readonly FuzzFormat[];
  /** Fuzz scanned PDFs and TIFFs too (OCR-bound: a few inputs per minute). */
  scans?: boolean;
  seed: number;
  out: string;
  /** The parse pool's settings: workers, heap cap, budget (defaults: the service's, from the environment). */
  pool: Required<PoolOptions>;
  log: (line: string) => void;
}

/** What became of one input. `finding` ones are saved and fail the run. */
type Outcome =
  | { kind: 'ok' }
  | { kind: 'refused'; reason: string }
  | { kind: 'finding'; finding: 'crash' | 'hang' | 'oom' | 'invalid'; message: string; stack?: string };

export interface FuzzReport {
  inputs: number;
  seconds: number;
  perSecond: number;
  byFormat: Record<string, number>;
  /** Per format: ok, refused:<reason>, crash, hang, oom, invalid. */
  outcomes: Record<string, Record<string, number>>;
  /** Slowest input per format, in ms (from handing it to the pool: may include one wait in its queue). */
  slowestMs: Record<string, number>;
  crashes: number;
  hangs: number;
  oom: number;
  invalid: number;
  budget: { heapMb: number; timeoutBaseMs: number; timeoutPerMbMs: number; workers: number };
  saved: string[];
}

/** Schema and span checks of one output: a message when it breaks the contract. */
export function contractProblem(x: Extraction): string | null {
  const parsed = ExtractionSchema.safeParse(x);
  if (!parsed.success) return parsed.error.message.slice(0, 2000);
  const outside = [...x.targets, ...x.responsibilities].find((v) => v.source.end > x.document.chars);
  return outside ? 'a source span points past the end of the text' : null;
}

/** Classifies what the pool answered for one input. */
export function classify(result: { extraction: Extraction } | { error: unknown }): Outcome {
  if ('extraction' in result) {
    const problem = contractProblem(result.extraction);
    return problem ? { kind: 'finding', finding: 'invalid', message: problem } : { kind: 'ok' };
  }
  const err = result.error as Error & { cause?: { code?: string } };
  if (isUnreadable(err)) {
    // The pool's own budget ran out (it terminated the worker): a hang. Any reader's refusal is an answer.
    if (err.reason === 'timeout') return { kind: 'finding', finding: 'hang', message: err.message };
    if (err.reason === 'resource-limit' && err.cause?.code === 'ERR_WORKER_OUT_OF_MEMORY')
      return { kind: 'finding', finding: 'oom', message: err.message };
    return { kind: 'refused', reason: err.reason };
  }
  const message = String(err?.message ?? err).slice(0, 2000);
  const stack = err?.stack?.slice(0, 4000);
  if (/does not satisfy the contract/.test(message)) return { kind: 'finding', finding: 'invalid', message };
  return { kind: 'finding', finding: 'crash', message, ...(stack ? { stack } : {}) };
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const seeds = loadSeeds(undefined, { scans: opts.scans ?? false });
  const formats = opts.formats.filter((f) => seeds[f].length > 0);
  if (formats.length === 0) throw new Error('no seeds for the requested format(s)');
  const r = rng(opts.seed);
  const pool = new ParsePool(opts.pool);
  const report: FuzzReport = {
    inputs: 0,
    seconds: 0,
    perSecond: 0,
    byFormat: {},
    outcomes: {},
    slowestMs: {},
    crashes: 0,
    hangs: 0,
    oom: 0,
    invalid: 0,
    budget: {
      heapMb: pool.heapMb,
      timeoutBaseMs: pool.timeoutBaseMs,
      timeoutPerMbMs: pool.timeoutPerMbMs,
      workers: pool.size,
    },
    saved: [],
  };
  const started = Date.now();
  const deadline = started + opts.seconds * 1000;
  const maxInputs = opts.maxInputs ?? Number.POSITIVE_INFINITY;
  let issued = 0;
  let lastLog = started;
  const seen = new Set<string>();

  const save = (job: Job, kind: string, detail: object) => {
    const sha = createHash('sha256').update(job.bytes).digest('hex').slice(0, 16);
    if (seen.has(sha)) return;
    seen.add(sha);
    mkdirSync(opts.out, { recursive: true });
    const base = join(opts.out, `${job.format}-${kind}-${sha}`);
    writeFileSync(`${base}.${EXT[job.format]}`, job.bytes);
    writeFileSync(
      `${base}.json`,
      `${JSON.stringify({ kind, format: job.format, seed: job.seed, fuzzSeed: opts.seed, id: job.id, ...detail }, null, 2)}\n`,
    );
    report.saved.push(`${base}.${EXT[job.format]}`);
  };

  const pickFormat = (): FuzzFormat => {
    if (formats.length === 1) return formats[0] as FuzzFormat;
    const total = formats.reduce((s, f) => s + MIX[f], 0);
    let x = r() * total;
    for (const f of formats) {
      x -= MIX[f];
      if (x <= 0) return f;
    }
    return formats[formats.length - 1] as FuzzFormat;
  };

  interface Job {
    id: number;
    format: FuzzFormat;
    seed: string;
    bytes: Uint8Array;
  }
  const next = (): Job => {
    const format = pickFormat();
    const pool = seeds[format];
    const seed = pool[int(r, pool.length)] as Seed;
    const other = pick(r, seeds[format === 'docx' || format === 'pdf' || format === 'image' ? 'text' : format]);
    let bytes: Uint8Array;
    try {
      bytes = mutate(seed, other, r);
    } catch {
      bytes = seed.bytes;
    }
    return { id: issued++, format, seed: seed.name, bytes };
  };

  const record = (job: Job, out: Outcome, ms: number) => {
    report.inputs++;
    report.byFormat[job.format] = (report.byFormat[job.format] ?? 0) + 1;
    report.slowestMs[job.format] = Math.max(report.slowestMs[job.format] ?? 0, Math.round(ms));
    const key = out.kind === 'ok' ? 'ok' : out.kind === 'refused' ? `refused:${out.reason}` : out.finding;
    const byReason = report.outcomes[job.format] ?? {};
    report.outcomes[job.format] = byReason;
    byReason[key] = (byReason[key] ?? 0) + 1;
    if (out.kind !== 'finding') return;
    if (out.finding === 'crash') report.crashes++;
    else if (out.finding === 'hang') report.hangs++;
    else if (out.finding === 'oom') report.oom++;
    else report.invalid++;
    save(job, out.finding, { message: out.message, ...(out.stack ? { stack: out.stack } : {}) });
  };

  const progress = () => {
    const now = Date.now();
    if (now - lastLog < 10_000) return;
    lastLog = now;
    const s = (now - started) / 1000;
    opts.log(
      `fuzz: ${report.inputs} inputs in ${s.toFixed(0)} s (${(report.inputs / s).toFixed(1)}/s); ` +
        `crashes ${report.crashes}, hangs ${report.hangs}, oom ${report.oom}, invalid ${report.invalid}`,
    );
  };

  // One loop per pool worker plus one, so a worker never waits for the next input to be mutated.
  const lane = async (): Promise<void> => {
    while (Date.now() < deadline && issued < maxInputs) {
      const job = next();
      const t0 = performance.now();
      let out: Outcome;
      try {
        // A copy is handed over (transferred), so the saved input is the one that ran.
        const { extraction } = await pool.run(
          { bytes: job.bytes.slice(), fileName: `fuzz.${EXT[job.format]}` },
          { transfer: true },
        );
        out = classify({ extraction });
      } catch (error) {
        out =
          error instanceof WorkerCrashError
            ? { kind: 'finding', finding: 'crash', message: error.message }
            : classify({ error });
      }
      record(job, out, performance.now() - t0);
      progress();
    }
  };
  try {
    await Promise.all(Array.from({ length: pool.size + 1 }, lane));
  } finally {
    await pool.close();
  }
  report.seconds = (Date.now() - started) / 1000;
  report.perSecond = report.inputs / report.seconds;
  return report;
}

function parseCli(argv: string[]): FuzzOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '60' },
      inputs: { type: 'string' },
      format: { type: 'string', multiple: true },
      seed: { type: 'string' },
      workers: { type: 'string' },
      scans: { type: 'boolean', default: false },
      out: { type: 'string', default: 'test/robustness/fuzz-crashes' },
    },
    strict: true,
  });
  const formats = (values.format ?? FORMATS).flatMap((f) => f.split(','));
  for (const f of formats) {
    if (!FORMATS.includes(f as FuzzFormat)) throw new Error(`unknown --format ${f} (one of ${FORMATS.join(', ')})`);
  }
  // The service's pool settings (KEHOACH_JOBS, KEHOACH_WORKER_HEAP_MB, KEHOACH_TASK_TIMEOUT_MS, …); --workers wins.
  const pool = poolOptions(PoolEnvSchema.parse(process.env));
  if (values.workers) pool.size = Number(values.workers);
  return {
    seconds: Number(values.seconds),
    ...(values.inputs ? { maxInputs: Number(values.inputs) } : {}),
    formats: formats as FuzzFormat[],
    scans: values.scans,
    seed: values.seed ? Number(values.seed) : Date.now() % 2 ** 31,
    out: values.out,
    pool,
    log: (line) => console.error(line),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseCli(process.argv.slice(2));
  console.error(
    `fuzz: ${opts.seconds} s, formats ${opts.formats.join(',')}, seed ${opts.seed}, parse pool of ${opts.pool.size} ` +
      `worker(s), heap ${opts.pool.heapMb} MB, budget ${opts.pool.timeoutBaseMs / 1000} s + ` +
      `${opts.pool.timeoutPerMbMs / 1000} s per MB, findings → ${opts.out}`,
  );
  const report = await fuzz(opts);
  console.log(JSON.stringify({ seed: opts.seed, formats: opts.formats, ...report }, null, 2));
  process.exit(report.crashes + report.hangs + report.oom + report.invalid > 0 ? 1 : 0);
}
