// `npm run bench [-- SECTION... [--n N] [--rounds R]]`: the speed goals of issue 11 as ratios measured side by side
// in one run (A and B alternated, medians), because this machine is shared and absolute times drift.
// Sections: core (extractor per core), compare (CPU per plan against an older checkout, --base DIR), cli (kehoach
// extract vs the scan floor), pdf (batch of 50 vs pdftotext), serve (embedded service vs the CLI, latencies while it
// works, peak RSS), bullmq (one and two workers), review (review queue, document list and effective extraction over
// 10,000 pending fields; bench/review.ts).
// Never fails on speed: the goals live here, not in tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parsePdfInThisThread } from '../src/ingest/pdf.js';
import { pdfjsWork } from '../src/ingest/pdf-worker.js';
import { extract } from '../src/pipeline.js';
import { ParsePool } from '../src/pool/index.js';
import { benchCompare } from './compare.js';
import { benchDoc } from './doc.js';
import {
  alternate,
  type Child,
  fmt,
  median,
  peakRssMb,
  percentile,
  startProcess,
  timeProcess,
  waitFor,
} from './lib.js';
import { benchOcr } from './ocr.js';
import { benchReview } from './review.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = path.join(ROOT, 'fixtures');
const SHARED_BENCH = path.resolve(ROOT, '../../shared/bench');
const BENCH_DIR =
  process.env['KEHOACH_SHARED_BENCH'] ?? (readdirSafe(SHARED_BENCH) ? SHARED_BENCH : '/work/shared/bench');
/** The CLI as users run it after `npm run build`: compiled once into .bench-dist (never the stale dist/). */
const BUILD = path.join(ROOT, '.bench-dist');
const KEHOACH = path.join(BUILD, 'src/cli/main.js');
const CORES = availableParallelism();

function readdirSafe(p: string): string[] | null {
  try {
    return readdirSync(p);
  } catch {
    return null;
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    n: { type: 'string', default: '2000' },
    rounds: { type: 'string' },
    base: { type: 'string', default: path.resolve(ROOT, '../base') },
  },
});
const N = Number(values.n);
const ROUNDS = Number(values.rounds ?? 3);
const sections = new Set(
  positionals.length > 0 ? positionals : ['core', 'compare', 'cli', 'pdf', 'serve', 'bullmq', 'doc', 'ocr', 'review'],
);
const work = mkdtempSync(path.join(tmpdir(), 'kehoach-bench-'));
const line = (s: string) => console.log(s);

function fixtureInputs(ext: string): { name: string; file: string }[] {
  return readdirSync(FIXTURES).flatMap((d) => {
    const file = path.join(FIXTURES, d, `input.${ext}`);
    return readdirSafe(path.join(FIXTURES, d))?.includes(`input.${ext}`) ? [{ name: d, file }] : [];
  });
}

/** Extractor throughput on one core, in this process (the per-core number the extractors are judged by). */
async function benchCore(): Promise<void> {
  const texts = fixtureInputs('txt').map((f) => ({ name: f.name, bytes: readFileSync(f.file) }));
  for (const d of texts) await extract({ bytes: d.bytes, fileName: d.name });
  let runs = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < 3000) {
    for (const d of texts) {
      await extract({ bytes: d.bytes, fileName: d.name });
      runs++;
    }
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // CPU per plan beside the rate: a machine shared with other work slows the rate, much less the CPU time.
  line(
    `core: ${fmt((runs / ms) * 1000, 1)} plans/s on one core (${texts.length} fixture texts, ${runs} runs); ` +
      `${fmt((used.user + used.system) / 1000 / runs, 1)} ms CPU per plan`,
  );
}

function makeCorpus(script: string, dir: string, n: number): void {
  execFileSync('bash', [path.join(BENCH_DIR, script), dir, String(n)], { stdio: 'ignore' });
}

/** kehoach extract over N plans vs one regex pass over the same bytes, both whole processes. */
function benchCli(): { plansPerSecond: number } {
  const dir = path.join(work, 'cli-corpus');
  makeCorpus('make-bench-corpus.sh', dir, N);
  const out = path.join(work, 'cli-out');
  const runs = alternate(
    ROUNDS,
    () => timeProcess(process.execPath, [KEHOACH, 'extract', '-q', '-o', out, dir]),
    () => timeProcess(process.execPath, [path.join(BENCH_DIR, 'scan-floor.mjs'), dir]),
  );
  const cli = median(runs.a.map((r) => r.wallMs));
  const cpu = median(runs.a.map((r) => r.cpuMs / r.wallMs));
  const floor = median(runs.b.map((r) => r.wallMs));
  const cliCpu = median(runs.a.map((r) => r.cpuMs));
  const floorCpu = median(runs.b.map((r) => r.cpuMs));
  line(
    `cli: kehoach extract ${N} plans ${fmt(cli / 1000)} s (${fmt((N / cli) * 1000, 0)} plans/s, ` +
      `CPU ${fmt(cpu)} cores of ${CORES}) vs scan floor ${fmt(floor / 1000)} s → ${fmt(cli / floor, 1)}× the floor ` +
      `(goal ≤ 5×, CPU ≥ ${fmt(0.9 * CORES, 1)}); CPU time ${fmt(cliCpu / 1000)} s vs ${fmt(floorCpu / 1000)} s → ` +
      `${fmt(cliCpu / floorCpu, 1)}× (the ratio a busy machine cannot blur)`,
  );
  return { plansPerSecond: (N / cli) * 1000 };
}

const PDF_ENGINES = ['poppler', 'pdfjs'] as const;

/**
 * The PDF batch of issue 11: 50 born-digital PDFs (the seed renderings and the corpus PDF, repeated) through a
 * warm pool, per engine, against pdftotext at the same parallelism, alternated. Scanned PDFs are OCR, timed by
 * `bench ocr`; here only their non-OCR cost is reported (what reading a page without a text layer costs before
 * OCR, and that pdf.js fetched no operator list and ran no table detection on it).
 */
async function benchPdf(): Promise<void> {
  const all = fixtureInputs('pdf');
  const scans = all.filter((p) => p.name.includes('scan'));
  const pdfs = all.filter((p) => !p.name.includes('scan'));
  const dir = path.join(work, 'pdf-batch');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < 50; i++) {
    const src = pdfs[i % pdfs.length]!;
    const to = path.join(dir, `${i}-${src.name}.pdf`);
    copyFileSync(src.file, to);
    files.push(to);
  }
  const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
  const engines = hasPdftotext ? PDF_ENGINES : (['pdfjs'] as const);
  // A pool's workers copy the environment when they start: each engine gets its own pool.
  const pools = new Map<string, ParsePool>();
  for (const engine of engines) {
    process.env['KEHOACH_PDF_ENGINE'] = engine;
    const pool = new ParsePool({ size: CORES });
    await Promise.all(files.map((f) => pool.run({ bytes: readFileSync(f), fileName: path.basename(f) }))); // warm
    pools.set(engine, pool);
  }
  delete process.env['KEHOACH_PDF_ENGINE'];
  const poolBatch = async (pool: ParsePool) => {
    const start = performance.now();
    await Promise.all(files.map((f) => pool.run({ bytes: readFileSync(f), fileName: path.basename(f) })));
    return performance.now() - start;
  };
  const popplerBatch = () => {
    const start = performance.now();
    spawnSync('bash', ['-c', `ls ${dir}/*.pdf | xargs -P ${CORES} -I{} pdftotext -layout {} /dev/null`]);
    return performance.now() - start;
  };
  const times = new Map<string, number[]>([...engines, 'pdftotext'].map((k) => [k, []]));
  for (let i = 0; i < ROUNDS; i++) {
    for (const engine of engines) times.get(engine)!.push(await poolBatch(pools.get(engine)!));
    if (hasPdftotext) times.get('pdftotext')!.push(popplerBatch());
  }
  const perPdf = (k: string) => median(times.get(k)!) / files.length;
  line(
    `pdf: batch of ${files.length} born-digital PDFs (${pdfs.length} distinct: ${pdfs.map((p) => p.name).join(', ')}) ` +
      `on ${CORES} workers` +
      (hasPdftotext ? `, pdftotext ${fmt(perPdf('pdftotext'), 1)} ms per PDF` : ' (pdftotext absent)'),
  );
  for (const engine of engines) {
    line(
      `  engine ${engine}: ${fmt(perPdf(engine), 1)} ms per PDF` +
        (hasPdftotext ? ` → ${fmt(perPdf(engine) / perPdf('pdftotext'), 1)}× pdftotext (goal ≤ 3×)` : '') +
        (engine === 'pdfjs' ? ' (auto in a pool worker)' : ''),
    );
  }
  // Per PDF, one at a time (single-file latency, warm).
  for (const engine of engines) {
    process.env['KEHOACH_PDF_ENGINE'] = engine;
    const single = new ParsePool({ size: 1 });
    const cells: string[] = [];
    for (const p of pdfs) {
      const bytes = readFileSync(p.file);
      await single.run({ bytes, fileName: p.name });
      const t0 = performance.now();
      const r = await single.run({ bytes, fileName: p.name });
      const ms = performance.now() - t0;
      const t1 = performance.now();
      if (hasPdftotext) spawnSync('pdftotext', ['-layout', p.file, '/dev/null']);
      const pt = performance.now() - t1;
      const pages = r.extraction.document.pages ?? 1;
      cells.push(
        `${p.name} ${fmt(ms, 0)} ms (${pages} p)` +
          (hasPdftotext ? ` vs pdftotext ${fmt(pt, 0)} → ${fmt(ms / pt, 1)}×` : ''),
      );
    }
    await single.close();
    line(`  single, warm, ${engine}: ${cells.join('; ')}`);
  }
  delete process.env['KEHOACH_PDF_ENGINE'];
  for (const pool of pools.values()) await pool.close();
  // Scanned PDFs without OCR, in this thread: reading pages that have no text layer, and what pdf.js did there.
  parsePdfInThisThread();
  for (const engine of engines) {
    process.env['KEHOACH_PDF_ENGINE'] = engine;
    const before = { ...pdfjsWork };
    let pages = 0;
    const a: number[] = [];
    for (let round = 0; round < ROUNDS + 1; round++) {
      const start = performance.now();
      for (const p of scans) {
        const r = await extract({ bytes: readFileSync(p.file), fileName: p.name, ocr: false });
        if (round === 0) pages += r.extraction.document.pages ?? 0;
      }
      if (round > 0) a.push(performance.now() - start); // round 0 warms
    }
    const ops = pdfjsWork.operatorLists - before.operatorLists;
    const detections = pdfjsWork.tableDetections - before.tableDetections;
    line(
      `  scans without OCR, ${engine} (${scans.map((p) => p.name).join(', ')}; ${pages} pages): ` +
        `${fmt(median(a) / pages, 1)} ms per page; pdf.js operator lists ${ops}, table detections ${detections} ` +
        '(goal: 0, no getTable cost on scanned pages)',
    );
  }
  delete process.env['KEHOACH_PDF_ENGINE'];
}

interface ServiceRun {
  seconds: number;
  postP99: number;
  getP99: number;
  getP50: number;
  peakRss: number;
}

const randomPort = () => 20_000 + Math.floor(Math.random() * 20_000);

/**
 * Uploads every file of `dir` (50 per request, two requests at a time) into one batch and waits until it is
 * finished, timing POSTs and, meanwhile, GETs of a finished document's extraction.
 */
async function runService(
  url: string,
  headers: Record<string, string>,
  dir: string,
  pids: () => number[],
): Promise<ServiceRun> {
  const files = readdirSync(dir).sort();
  const created = await fetch(`${url}/v1/batches`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  const batchId = ((await created.json()) as { id: string }).id;
  const posts: number[] = [];
  const gets: number[] = [];
  let peak = 0;
  let firstDone: string | null = null;
  let finished = false;
  const start = performance.now();
  const sampler = (async () => {
    while (!finished) {
      for (const pid of pids()) peak = Math.max(peak, peakRssMb(pid) ?? 0);
      if (firstDone) {
        const t = performance.now();
        const r = await fetch(`${url}/v1/documents/${firstDone}/extraction`, { headers });
        await r.arrayBuffer();
        gets.push(performance.now() - t);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += 50) chunks.push(files.slice(i, i + 50));
  const ids: string[] = [];
  const uploader = async () => {
    for (let c = chunks.shift(); c; c = chunks.shift()) {
      const fd = new FormData();
      for (const f of c) fd.append('file', new Blob([readFileSync(path.join(dir, f))], { type: 'text/plain' }), f);
      const t = performance.now();
      const r = await fetch(`${url}/v1/batches/${batchId}/documents`, { method: 'POST', headers, body: fd });
      const body = (await r.json()) as { documents?: { id: string }[] };
      if (!body.documents) throw new Error(`upload refused: ${r.status} ${JSON.stringify(body)}`);
      posts.push(performance.now() - t);
      ids.push(...body.documents.map((d) => d.id));
    }
  };
  const watcher = (async () => {
    while (!firstDone && !finished) {
      const id = ids[0];
      if (id) {
        const r = await fetch(`${url}/v1/documents/${id}`, { headers }).catch(() => null);
        const d = r ? ((await r.json()) as { status: string }) : null;
        if (d?.status === 'done') firstDone = id;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.all([uploader(), uploader()]).catch((err: unknown) => {
    finished = true;
    throw err;
  });
  await waitFor(
    async () => {
      const b = (await (await fetch(`${url}/v1/batches/${batchId}`, { headers })).json()) as {
        total: number;
        done: number;
      };
      return b.total === files.length && b.done === b.total ? true : undefined;
    },
    30 * 60_000,
    'batch finished',
  );
  const seconds = (performance.now() - start) / 1000;
  finished = true;
  await sampler;
  await watcher.catch(() => {});
  // Reads of a finished document once the batch is over (the p50 a reviewer sees).
  const idle: number[] = [];
  for (let i = 0; i < 50 && firstDone; i++) {
    const t = performance.now();
    await (await fetch(`${url}/v1/documents/${firstDone}/extraction`, { headers })).arrayBuffer();
    idle.push(performance.now() - t);
  }
  return {
    seconds,
    postP99: percentile(posts, 99),
    getP99: percentile(gets, 99),
    getP50: median(idle),
    peakRss: peak,
  };
}

async function startServe(env: Record<string, string>, role = 'serve'): Promise<{ child: Child; url: string }> {
  const port = randomPort();
  const child = startProcess(process.execPath, [KEHOACH, role], {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  if (role !== 'worker') {
    await waitFor(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 300_000, `${role} up`);
  }
  return { child, url };
}

async function benchServe(): Promise<void> {
  const n = Math.min(N, 2000);
  const dir = path.join(work, 'distinct');
  makeCorpus('make-distinct-corpus.sh', dir, n);
  const out = path.join(work, 'serve-cli-out');
  const cliRuns: number[] = [];
  const serveRuns: ServiceRun[] = [];
  for (let i = 0; i < Math.max(1, ROUNDS - 1); i++) {
    cliRuns.push(timeProcess(process.execPath, [KEHOACH, 'extract', '-q', '-o', out, dir]).wallMs / 1000);
    const dataDir = path.join(work, `serve-data-${i}`);
    const { child, url } = await startServe({ KEHOACH_DATA_DIR: dataDir });
    const key = await waitFor(async () => /kh_[A-Za-z0-9_-]+/.exec(child.output())?.[0], 60_000, 'admin key');
    try {
      serveRuns.push(await runService(url, { authorization: `Bearer ${key}` }, dir, () => [child.pid]));
    } finally {
      await child.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const cli = median(cliRuns);
  const serve = median(serveRuns.map((r) => r.seconds));
  line(
    `serve (embedded, ${n} distinct plans): ${fmt(n / serve, 1)} plans/s end to end vs CLI ${fmt(n / cli, 1)} plans/s ` +
      `→ ${fmt(cli / serve)}× the CLI (goal ≥ 0.8×); while running POST p99 ${fmt(median(serveRuns.map((r) => r.postP99)), 0)} ms, ` +
      `GET extraction p99 ${fmt(median(serveRuns.map((r) => r.getP99)), 0)} ms (goal < 200 ms); ` +
      `peak RSS ${fmt(Math.max(...serveRuns.map((r) => r.peakRss)), 0)} MB (goal < 500 MB)`,
  );
}

async function benchBull(): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379/9';
  const n = Math.min(N, 1000);
  const dir = path.join(work, 'distinct-bull');
  makeCorpus('make-distinct-corpus.sh', dir, n);
  const cli1 = timeProcess(process.execPath, [
    KEHOACH,
    'extract',
    '-q',
    '--jobs',
    '1',
    '-o',
    path.join(work, 'b-out'),
    dir,
  ]);
  const perCoreCli = n / (cli1.wallMs / 1000);
  const results: Record<number, ServiceRun> = {};
  for (const workers of [1, 2]) {
    const schema = `kh_bench_${Date.now().toString(36)}`;
    const env = {
      DATABASE_URL: databaseUrl,
      KEHOACH_DB_SCHEMA: schema,
      REDIS_URL: redisUrl,
      KEHOACH_QUEUE_PREFIX: schema,
      // One parse thread per worker process: the scaling is then process against process.
      KEHOACH_JOBS: '1',
      KEHOACH_CONCURRENCY: '2',
    };
    const api = await startServe(env, 'api');
    const ws = await Promise.all(Array.from({ length: workers }, () => startServe(env, 'worker')));
    // PostgreSQL installs get no bootstrap key: make one the way an operator would.
    const created = spawnSync(process.execPath, [KEHOACH, 'keys', 'create', '--role', 'admin', '--name', 'bench'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const key = /kh_[A-Za-z0-9_-]+/.exec(created.stdout)?.[0];
    if (!key) throw new Error(`could not create an API key: ${created.stdout} ${created.stderr}`);
    try {
      results[workers] = await runService(api.url, { authorization: `Bearer ${key}` }, dir, () => [
        api.child.pid,
        ...ws.map((w) => w.child.pid),
      ]);
    } finally {
      for (const w of ws) await w.child.kill();
      await api.child.kill();
      spawnSync('psql', [databaseUrl, '-qc', `drop schema if exists ${schema} cascade`], { stdio: 'ignore' });
      spawnSync(
        'bash',
        ['-c', `redis-cli -u ${redisUrl} --scan --pattern '${schema}:*' | xargs -r redis-cli -u ${redisUrl} del`],
        {
          stdio: 'ignore',
        },
      );
    }
  }
  const one = n / results[1]!.seconds;
  const two = n / results[2]!.seconds;
  line(
    `bullmq (${n} plans, 1 parse thread per worker): one worker ${fmt(one, 1)} plans/s vs CLI --jobs 1 ${fmt(perCoreCli, 1)} ` +
      `→ ${fmt(one / perCoreCli)}× (goal ≥ 0.7×); two workers scale ${fmt(two / one / 2)} (goal ≥ 0.9); ` +
      `GET extraction p50 ${fmt(results[1]!.getP50, 1)} ms (goal < 10 ms)`,
  );
}

try {
  // Only the whole-process sections run the compiled CLI; core and compare import the sources.
  const compiled = [...sections].some((s) => s !== 'core' && s !== 'compare');
  if (compiled)
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  line(
    `kehoach bench: ${CORES} cores, ${ROUNDS} alternated rounds, medians; the CLI and service run compiled (${BUILD})`,
  );
  if (sections.has('core')) await benchCore();
  if (sections.has('compare')) {
    await benchCompare({
      root: ROOT,
      shared: path.dirname(BENCH_DIR),
      base: values.base,
      rounds: Number(values.rounds ?? 15),
      line,
    });
  }
  if (sections.has('cli')) benchCli();
  if (sections.has('pdf')) await benchPdf();
  if (sections.has('serve')) await benchServe();
  if (sections.has('bullmq')) await benchBull();
  // OCR seconds per page, npm engine vs native (issue 7): bench/ocr.ts. `bench ocr` also times the legacy .doc
  // reader (bench/doc.ts), the other archive format of issue 7, so one command prints both figures.
  if (sections.has('ocr')) await benchOcr();
  if (sections.has('doc') || sections.has('ocr')) await benchDoc();
  // Review reads over 10,000 pending fields, PGlite and PostgreSQL (issue 9): bench/review.ts.
  if (sections.has('review')) await benchReview();
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(BUILD, { recursive: true, force: true });
}
