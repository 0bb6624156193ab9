// `npm run fuzz -- --seconds N [--format text|html|docx|pdf|image] [--seed S] [--workers W] [--out DIR]`
// Mutates the real corpus and runs every input through the job path (extract(), with the readers' own
// limits) in kill-able worker threads with a heap cap and a time budget. Reports inputs/s, outcomes by
// reason, hangs (past the budget), out-of-memory deaths and schema-invalid outputs; every crash, hang,
// OOM or invalid input is saved under --out (default test/robustness/fuzz-crashes), which a test replays.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { type FuzzFormat, mutate, type Seed } from './mutate.js';
import { int, pick, rng } from './rng.js';
import { loadSeeds } from './seeds.js';
import type { FuzzJob, FuzzOutcome } from './worker.js';

const FORMATS: readonly FuzzFormat[] = ['text', 'html', 'docx', 'pdf', 'image'];
const EXT: Record<FuzzFormat, string> = { text: 'txt', html: 'html', docx: 'docx', pdf: 'pdf', image: 'png' };
/** Share of inputs per format when no --format is given: cheap formats get most of the time. */
const MIX: Record<FuzzFormat, number> = { text: 0.5, html: 0.3, docx: 0.12, pdf: 0.03, image: 0.05 };

export interface FuzzOptions {
  seconds: number;
  formats: readonly FuzzFormat[];
  seed: number;
  workers: number;
  out: string;
  heapMb: number;
  /** Fixed budget per input plus a share per MB (PDF parsing has its own 60 s deadline inside). */
  budgetMs: (format: FuzzFormat, bytes: number) => number;
  log: (line: string) => void;
}

export interface FuzzReport {
  inputs: number;
  seconds: number;
  perSecond: number;
  byFormat: Record<string, number>;
  outcomes: Record<string, number>;
  crashes: number;
  hangs: number;
  oom: number;
  invalid: number;
  saved: string[];
}

export const defaultBudget = (format: FuzzFormat, bytes: number): number =>
  (format === 'pdf' ? 75_000 : 15_000) + Math.ceil((bytes / 1024 / 1024) * 10_000);

function spawn(heapMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: true, stderr: true };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), options);
  // From source the worker is TypeScript: register tsx in the worker first (see src/ingest/pdf.ts).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}

interface Slot {
  worker: Worker;
  job: { id: number; format: FuzzFormat; seed: string; bytes: Uint8Array; started: number } | null;
  timer: NodeJS.Timeout | null;
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const seeds = loadSeeds();
  const formats = opts.formats.filter((f) => seeds[f].length > 0);
  if (formats.length === 0) throw new Error('no seeds for the requested format(s)');
  const r = rng(opts.seed);
  const report: FuzzReport = {
    inputs: 0,
    seconds: 0,
    perSecond: 0,
    byFormat: {},
    outcomes: {},
    crashes: 0,
    hangs: 0,
    oom: 0,
    invalid: 0,
    saved: [],
  };
  const started = Date.now();
  const deadline = started + opts.seconds * 1000;
  let nextId = 0;
  let lastLog = started;
  const seen = new Set<string>();

  const count = (key: string) => {
    report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
  };
  const save = (job: NonNullable<Slot['job']>, kind: string, detail: object) => {
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

  const pickFormat = () => {
    if (formats.length === 1) return formats[0] as FuzzFormat;
    const total = formats.reduce((s, f) => s + MIX[f], 0);
    let x = r() * total;
    for (const f of formats) {
      x -= MIX[f];
      if (x <= 0) return f;
    }
    return formats[formats.length - 1] as FuzzFormat;
  };

  await new Promise<void>((resolve) => {
    const slots: Slot[] = [];
    let live = 0;
    const finish = (slot: Slot) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.job = null;
    };
    const feed = (slot: Slot) => {
      const now = Date.now();
      if (now - lastLog >= 10_000) {
        lastLog = now;
        const s = (now - started) / 1000;
        opts.log(
          `fuzz: ${report.inputs} inputs in ${s.toFixed(0)} s (${(report.inputs / s).toFixed(1)}/s); crashes ${report.crashes}, hangs ${report.hangs}, oom ${report.oom}, invalid ${report.invalid}`,
        );
      }
      if (now >= deadline) {
        live--;
        void slot.worker.terminate();
        if (live === 0) resolve();
        return;
      }
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
      const id = nextId++;
      slot.job = { id, format, seed: seed.name, bytes, started: now };
      report.byFormat[format] = (report.byFormat[format] ?? 0) + 1;
      const budget = opts.budgetMs(format, bytes.byteLength);
      slot.timer = setTimeout(() => {
        const job = slot.job;
        if (!job) return;
        report.inputs++;
        report.hangs++;
        count('hang');
        save(job, 'hang', { budgetMs: budget });
        finish(slot);
        replace(slot);
      }, budget);
      const msg: FuzzJob = { id, bytes, fileName: `fuzz.${EXT[format]}` };
      slot.worker.postMessage(msg);
    };
    const replace = (slot: Slot) => {
      const old = slot.worker;
      old.removeAllListeners();
      old.on('error', () => {});
      void old.terminate();
      attach(slot, spawn(opts.heapMb));
      feed(slot);
    };
    const attach = (slot: Slot, worker: Worker) => {
      slot.worker = worker;
      worker.stdout?.resume();
      worker.stderr?.resume();
      worker.on('message', (out: FuzzOutcome) => {
        const job = slot.job;
        if (!job || job.id !== out.id) return;
        report.inputs++;
        if (out.kind === 'ok') count('ok');
        else if (out.kind === 'refused') count(`refused:${out.reason}`);
        else {
          count(out.kind);
          if (out.kind === 'crash') report.crashes++;
          else report.invalid++;
          save(job, out.kind, { message: out.message, stack: 'stack' in out ? out.stack : undefined });
        }
        finish(slot);
        feed(slot);
      });
      worker.on('error', (err: Error & { code?: string }) => {
        const job = slot.job;
        if (job) {
          report.inputs++;
          const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
          if (oom) report.oom++;
          else report.crashes++;
          count(oom ? 'oom' : 'worker-died');
          save(job, oom ? 'oom' : 'worker-died', { message: err.message });
          finish(slot);
        }
        replace(slot);
      });
    };
    for (let i = 0; i < opts.workers; i++) {
      const slot: Slot = { worker: null as unknown as Worker, job: null, timer: null };
      attach(slot, spawn(opts.heapMb));
      slots.push(slot);
      live++;
    }
    for (const s of slots) feed(s);
  });
  report.seconds = (Date.now() - started) / 1000;
  report.perSecond = report.inputs / report.seconds;
  return report;
}

function parseCli(argv: string[]): FuzzOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '60' },
      format: { type: 'string', multiple: true },
      seed: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string', default: 'test/robustness/fuzz-crashes' },
      'heap-mb': { type: 'string', default: '1536' },
    },
    strict: true,
  });
  const formats = (values.format ?? FORMATS).flatMap((f) => f.split(','));
  for (const f of formats) {
    if (!FORMATS.includes(f as FuzzFormat)) throw new Error(`unknown --format ${f} (one of ${FORMATS.join(', ')})`);
  }
  return {
    seconds: Number(values.seconds),
    formats: formats as FuzzFormat[],
    seed: values.seed ? Number(values.seed) : Date.now() % 2 ** 31,
    workers: values.workers ? Number(values.workers) : Math.max(1, Math.min(4, cpus().length)),
    out: values.out,
    heapMb: Number(values['heap-mb']),
    budgetMs: defaultBudget,
    log: (line) => console.error(line),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseCli(process.argv.slice(2));
  console.error(
    `fuzz: ${opts.seconds} s, formats ${opts.formats.join(',')}, seed ${opts.seed}, ${opts.workers} worker(s), crashes → ${opts.out}`,
  );
  const report = await fuzz(opts);
  console.log(JSON.stringify({ seed: opts.seed, formats: opts.formats, ...report }, null, 2));
  process.exit(report.crashes + report.hangs + report.oom + report.invalid > 0 ? 1 : 0);
}
