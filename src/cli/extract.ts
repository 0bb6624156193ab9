// `kehoach extract [--out DIR] [--jobs N] [--pretty] FILE|DIR...`: one JSON per input, parsed by a pool of warm
// workers (every core by default), a progress bar for many files, a summary line each in input order.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { isUnreadable } from '../errors.js';
import { ParsePool, PoolEnvSchema, poolOptions, type ResultSummary } from '../pool/index.js';
import { exitCodes, usage } from './usage.js';

const SUPPORTED = new Set([
  '.txt',
  '.text',
  '.md',
  '.html',
  '.htm',
  '.docx',
  '.pdf',
  '.jpg',
  '.jpeg',
  '.png',
  '.tif',
  '.tiff',
]);
const PROGRESS_THRESHOLD = 5;

async function expand(input: string, out: string[]): Promise<void> {
  const st = await stat(input);
  if (st.isDirectory()) {
    const entries = await readdir(input, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(input, e.name);
      if (e.isDirectory()) await expand(p, out);
      else if (SUPPORTED.has(path.extname(e.name).toLowerCase())) out.push(p);
    }
  } else {
    out.push(input);
  }
}

/** DIR/<input name without extension>.json, made unique when two inputs share a name. */
function outputName(file: string, taken: Set<string>): string {
  const base = path.basename(file, path.extname(file));
  let name = `${base}.json`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.json`;
  taken.add(name);
  return name;
}

export function summaryLine(name: string, s: ResultSummary): string {
  return (
    `${name}: ${s.sections} sections, ${s.targets} targets, ` +
    `${s.responsibilities} responsibilities, ${s.tables} tables, ${s.reviewFields} fields to review`
  );
}

/** Files read ahead of the pool and results waiting to be written, per worker: enough to keep every worker busy. */
const IN_FLIGHT_PER_WORKER = 3;

interface Outcome {
  line: string;
  code?: number;
}

export async function runExtract(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  let pool: ParsePool;
  try {
    parsed = parseOptions(argv);
    const env = PoolEnvSchema.parse(process.env);
    if (parsed.values.jobs !== undefined) {
      const jobs = Number(parsed.values.jobs);
      if (!Number.isInteger(jobs) || jobs < 1)
        throw new Error(`--jobs must be a positive integer, not "${parsed.values.jobs}"`);
      env.KEHOACH_JOBS = jobs;
    }
    pool = new ParsePool(poolOptions(env));
  } catch (err) {
    process.stderr.write(`kehoach extract: ${(err as Error).message}\n\n${usage}`);
    return exitCodes.usage;
  }
  try {
    return await extractAll(parsed, pool);
  } finally {
    await pool.close();
  }
}

async function extractAll({ values, positionals }: ReturnType<typeof parseOptions>, pool: ParsePool): Promise<number> {
  if (positionals.length === 0) {
    process.stderr.write(`kehoach extract: no input given\n\n${usage}`);
    return exitCodes.usage;
  }
  const outDir = values.out ?? '.';
  const files: string[] = [];
  let code: number = exitCodes.ok;
  for (const input of positionals) {
    try {
      await expand(input, files);
    } catch (err) {
      process.stderr.write(`kehoach extract: cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? err}\n`);
      code = exitCodes.unreadablePath;
    }
  }
  await mkdir(outDir, { recursive: true });
  const taken = new Set<string>();
  const names = files.map((f) => outputName(f, taken));
  const bar =
    files.length >= PROGRESS_THRESHOLD && process.stderr.isTTY && !values.quiet
      ? new SingleBar({ format: 'extracting [{bar}] {value}/{total} {file}', stream: process.stderr })
      : null;
  bar?.start(files.length, 0, { file: '' });
  const log = (line: string): void => {
    if (values.quiet) return;
    if (bar) process.stderr.write(`\r\x1b[K${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  const format = (value: unknown) => `${values.pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;

  // Reading, parsing (in the pool) and writing overlap; summary lines still come out in input order.
  const one = async (i: number): Promise<Outcome> => {
    const file = files[i]!;
    const name = names[i]!;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      return {
        line: `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? err})`,
        code: exitCodes.unreadablePath,
      };
    }
    try {
      // The worker serialises and encodes; this thread only writes the bytes out.
      const r = await pool.runEncoded(
        { bytes, fileName: path.basename(file) },
        { transfer: true, pretty: values.pretty === true },
      );
      await writeFile(path.join(outDir, name), r.bytes);
      return { line: summaryLine(file, r.summary) };
    } catch (err) {
      // An unreadable document is the document's problem, not a usage error: report it and go on.
      const reason = isUnreadable(err) ? err.reason : 'internal-error';
      const message = err instanceof Error ? err.message : String(err);
      const body = { file, reason, message };
      await writeFile(path.join(outDir, name.replace(/\.json$/, '.error.json')), format(body));
      return { line: `${file}: not extracted (${reason}): ${message}` };
    }
  };
  const window = Math.max(2, pool.size * IN_FLIGHT_PER_WORKER);
  const running = new Map<number, Promise<Outcome>>();
  let next = 0;
  for (let i = 0; i < files.length; i++) {
    while (next < files.length && next < i + window) {
      running.set(next, one(next));
      next++;
    }
    const outcome = await running.get(i)!;
    running.delete(i);
    if (outcome.code !== undefined) code = outcome.code;
    bar?.update({ file: path.basename(files[i]!) });
    log(outcome.line);
    bar?.increment();
  }
  bar?.stop();
  return code;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q' },
      jobs: { type: 'string', short: 'j' },
      pretty: { type: 'boolean' },
    },
  });
}
