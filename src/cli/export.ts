// `kehoach export`: targets, responsibilities, budgets and budget-table cells of many plans as CSV, XLSX or NDJSON,
// from extraction files on disk (what `kehoach extract` wrote) or from a running server (the effective,
// reviewer-corrected extractions of a batch, of chosen documents, or of a list filter).
import { createWriteStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ApiClient } from '../client/http.js';
import { type Extraction, ExtractionSchema } from '../contract/schema.js';
import { EXPORT_KINDS, type ExportKind, type ExportSource } from '../export/rows.js';
import { type ExportFormat, writeCsv, writeNdjson, writeXlsx } from '../export/write.js';
import { exitCodes } from './usage.js';

export const exportUsage = `Usage: kehoach export [FILE|DIR...] [options]

From extraction files (the JSON written by \`kehoach extract\`), or from a server with --server:
  --server URL          read the effective (reviewer-corrected) extractions from this API (or KEHOACH_SERVER)
  --key KEY             API key with documents:read (or KEHOACH_API_KEY)
  --batch ID            the documents of this batch
  --document ID         this document (repeatable)
  --province P, --year Y, --q TEXT
                        any list filter of GET /v1/documents
What and how:
  --kind K[,K...]       targets, responsibilities, budgets, cells (budget-table cells); default all
  --format F            csv, xlsx or ndjson (default: from --out's extension, else ndjson)
  --out PATH            output file; for CSV of several kinds, one PATH-<kind>.csv each; default stdout
`;

type Values = ReturnType<typeof parse>['values'];

export async function runExport(argv: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (err) {
    process.stderr.write(`kehoach export: ${(err as Error).message}\n\n${exportUsage}`);
    return exitCodes.usage;
  }
  if (values.help) {
    process.stdout.write(exportUsage);
    return exitCodes.ok;
  }
  const kinds = (values.kind ?? EXPORT_KINDS.join(',')).split(',').map((k) => k.trim()) as ExportKind[];
  const bad = kinds.find((k) => !EXPORT_KINDS.includes(k));
  const ext = values.out ? path.extname(values.out).slice(1).toLowerCase() : '';
  const format = (values.format ?? (['csv', 'xlsx', 'ndjson'].includes(ext) ? ext : 'ndjson')) as ExportFormat;
  const server = values.server ?? process.env.KEHOACH_SERVER;
  const usageError = bad
    ? `unknown kind "${bad}"`
    : !['csv', 'xlsx', 'ndjson'].includes(format)
      ? `unknown format "${format}"`
      : !server && positionals.length === 0
        ? 'give extraction files or folders, or --server'
        : format === 'xlsx' && !values.out
          ? 'XLSX needs --out FILE'
          : null;
  if (usageError) {
    process.stderr.write(`kehoach export: ${usageError}\n\n${exportUsage}`);
    return exitCodes.usage;
  }

  const problems: string[] = [];
  const sources = (): AsyncIterable<ExportSource> =>
    server ? fromServer(server, values, problems) : fromFiles(positionals, problems);
  const open = (file: string | undefined): Writable => (file ? createWriteStream(file) : process.stdout);
  const close = async (w: Writable) => {
    if (w === process.stdout) return;
    w.end();
    await finished(w);
  };

  let rows = 0;
  if (format === 'csv') {
    for (const kind of kinds) {
      const file = values.out && kinds.length > 1 ? values.out.replace(/(\.csv)?$/i, `-${kind}.csv`) : values.out;
      const out = open(file);
      rows += await writeCsv(kind, sources(), out);
      await close(out);
    }
  } else {
    const out = open(values.out);
    rows = format === 'xlsx' ? await writeXlsx(kinds, sources(), out) : await writeNdjson(kinds, sources(), out);
    await close(out);
  }
  for (const p of problems) process.stderr.write(`kehoach export: ${p}\n`);
  if (values.out) process.stderr.write(`${rows} rows written (${kinds.join(', ')})\n`);
  return problems.length > 0 ? exitCodes.failure : exitCodes.ok;
}

async function* fromFiles(inputs: string[], problems: string[]): AsyncGenerator<ExportSource> {
  const files: string[] = [];
  const visit = async (p: string): Promise<void> => {
    const st = await stat(p);
    if (st.isDirectory()) {
      for (const e of (await readdir(p)).sort()) await visit(path.join(p, e));
    } else if (p.endsWith('.json') && !p.endsWith('.error.json')) {
      files.push(p);
    }
  };
  for (const input of inputs) {
    try {
      await visit(input);
    } catch (err) {
      problems.push(`cannot read ${input}: ${(err as Error).message}`);
    }
  }
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      problems.push(`${file}: not JSON (${(err as Error).message})`);
      continue;
    }
    const parsed = ExtractionSchema.safeParse(json);
    if (!parsed.success) {
      problems.push(`${file}: not an extraction (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      continue;
    }
    yield { documentId: null, extraction: parsed.data };
  }
}

async function* fromServer(server: string, values: Values, problems: string[]): AsyncGenerator<ExportSource> {
  const client = new ApiClient({
    server,
    key: values.key ?? process.env.KEHOACH_API_KEY ?? null,
    retries: 5,
    backoffMs: 500,
  });
  const ids: string[] = [...(values.document ?? [])];
  if (ids.length === 0) {
    const query = new URLSearchParams({ status: 'done', limit: '200' });
    if (values.batch) query.set('batch', values.batch);
    if (values.province) query.set('province', values.province);
    if (values.year) query.set('year', values.year);
    if (values.q) query.set('q', values.q);
    for (let cursor: string | null = null; ; ) {
      if (cursor) query.set('cursor', cursor);
      const page = await client.json<{ items: { id: string }[]; nextCursor: string | null }>(
        'GET',
        `v1/documents?${query}`,
      );
      ids.push(...page.items.map((d) => d.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  }
  for (const id of ids) {
    try {
      const extraction = await client.json<Extraction>('GET', `v1/documents/${encodeURIComponent(id)}/extraction`);
      yield { documentId: id, extraction };
    } catch (err) {
      problems.push(`document ${id}: ${(err as Error).message}`);
    }
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string', short: 's' },
      key: { type: 'string', short: 'k' },
      batch: { type: 'string', short: 'b' },
      document: { type: 'string', short: 'd', multiple: true },
      province: { type: 'string' },
      year: { type: 'string' },
      q: { type: 'string' },
      kind: { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
