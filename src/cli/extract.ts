// `kehoach extract [--out DIR] FILE|DIR...`: one JSON per input, a progress bar for many files, a summary line each.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { Extraction } from '../contract/schema.js';
import { UnreadableDocumentError } from '../errors.js';
import { extract } from '../pipeline.js';
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

export function summaryLine(name: string, e: Extraction): string {
  return (
    `${name}: ${e.sections.length} sections, ${e.targets.length} targets, ` +
    `${e.responsibilities.length} responsibilities, ${e.tables.length} tables, ${e.review.fields.length} fields to review`
  );
}

export async function runExtract(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`kehoach extract: ${(err as Error).message}\n\n${usage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
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
  for (const file of files) {
    const name = outputName(file, taken);
    bar?.update({ file: path.basename(file) });
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      log(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? err})`);
      code = exitCodes.unreadablePath;
      bar?.increment();
      continue;
    }
    try {
      const { extraction } = await extract({ bytes, fileName: path.basename(file) });
      await writeFile(path.join(outDir, name), `${JSON.stringify(extraction, null, 2)}\n`);
      log(summaryLine(file, extraction));
    } catch (err) {
      // An unreadable document is the document's problem, not a usage error: report it and go on.
      const reason = err instanceof UnreadableDocumentError ? err.reason : 'internal-error';
      const message = err instanceof Error ? err.message : String(err);
      await writeFile(
        path.join(outDir, name.replace(/\.json$/, '.error.json')),
        `${JSON.stringify({ file, reason, message }, null, 2)}\n`,
      );
      log(`${file}: not extracted (${reason}): ${message}`);
    }
    bar?.increment();
  }
  bar?.stop();
  return code;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } },
  });
}
