// `kehoach upload DIR|FILE... --server URL [--batch NAME|ID] [--concurrency N] [--wait]`: sends a folder of any
// size to a running server, resumably (see src/client/manifest.ts), with a progress bar and a final summary.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MultiBar, Presets } from 'cli-progress';
import { ApiClient, ApiRefusal } from '../client/http.js';
import { Manifest } from '../client/manifest.js';
import { type BatchView, uploadFiles, waitForBatch } from '../client/upload.js';
import { walk } from '../client/walk.js';
import { exitCodes } from './usage.js';

export const uploadUsage = `Usage: kehoach upload DIR|FILE... --server URL [options]

  --server URL        the kehoach API (or KEHOACH_SERVER)
  --key KEY           API key with documents:write (or KEHOACH_API_KEY)
  --batch NAME|ID     upload into this batch (an existing id, or the name of a new batch)
  --concurrency N     files in flight at once (default 4)
  --manifest FILE     resumable record of acknowledged files (default ./.kehoach-upload.jsonl)
  --retries N         retries per file on network errors and 429/5xx answers (default 5)
  --wait              after uploading, wait until the batch is processed, showing progress
  --quiet             no progress bar

A second run with the same manifest sends only the files the server has not acknowledged.
Exit code 0 when every file was stored (or already there), 1 when a file was refused or could not be sent.
`;

const fmtBytes = (n: number) =>
  n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(1)} GiB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MiB`
      : `${Math.ceil(n / 1024)} KiB`;

export async function runUpload(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (err) {
    process.stderr.write(`kehoach upload: ${(err as Error).message}\n\n${uploadUsage}`);
    return exitCodes.usage;
  }
  if (values.help) {
    process.stdout.write(uploadUsage);
    return exitCodes.ok;
  }
  const server = values.server ?? process.env.KEHOACH_SERVER;
  const concurrency = Number(values.concurrency ?? 4);
  const retries = Number(values.retries ?? 5);
  if (!server || positionals.length === 0 || !(concurrency >= 1) || !(retries >= 0)) {
    process.stderr.write(`kehoach upload: a server and at least one file or folder are needed\n\n${uploadUsage}`);
    return exitCodes.usage;
  }
  const client = new ApiClient({
    server,
    key: values.key ?? process.env.KEHOACH_API_KEY ?? null,
    retries,
    backoffMs: 500,
  });
  const manifestPath = path.resolve(values.manifest ?? '.kehoach-upload.jsonl');
  const manifest = Manifest.open(manifestPath);
  const err = (line: string) => process.stderr.write(`${line}\n`);

  let files: Awaited<ReturnType<typeof walk>>;
  try {
    files = await walk(positionals, new Set([manifestPath]));
  } catch (e) {
    err(`kehoach upload: cannot read ${(e as NodeJS.ErrnoException).path ?? ''}: ${(e as Error).message}`);
    return exitCodes.unreadablePath;
  }

  let batchId: string;
  try {
    batchId = await resolveBatch(client, manifest, server, values.batch ?? null, positionals);
  } catch (e) {
    err(`kehoach upload: ${(e as Error).message}`);
    return exitCodes.failure;
  }

  const totalBytes = files.reduce((s, f) => s + f.size, 0);
  const tty = process.stderr.isTTY && !values.quiet;
  const bars = tty
    ? new MultiBar({ clearOnComplete: false, hideCursor: true, stream: process.stderr }, Presets.shades_classic)
    : null;
  const bar = bars?.create(
    files.length,
    0,
    {},
    {
      format: 'upload  [{bar}] {value}/{total} files | {sent}/{size} | accepted {a} duplicate {d} refused {r}',
    },
  );
  let a = 0;
  let d = 0;
  let r = 0;
  let sentBytes = 0;
  const tick = () => bar?.update(a + d + r, { a, d, r, sent: fmtBytes(sentBytes), size: fmtBytes(totalBytes) });
  tick();
  if (!tty && !values.quiet) err(`uploading ${files.length} files (${fmtBytes(totalBytes)}) into batch ${batchId}`);

  const summary = await uploadFiles(client, manifest, batchId, files, concurrency, {
    onFile: (f, result) => {
      if (result.outcome === 'accepted') a++;
      else if (result.outcome === 'duplicate') d++;
      else r++;
      sentBytes += f.size;
      tick();
    },
    onUnsent: (f, e) => {
      if (!tty) err(`not sent: ${f.path}: ${e.message}`);
    },
  });
  bars?.stop();

  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`batch ${batchId}`);
  out(
    `files: ${files.length} | accepted ${summary.accepted} | duplicate ${summary.duplicate} | refused ${summary.refused.length}` +
      ` | not sent ${summary.unsent.length}${summary.resumed ? ` | ${summary.resumed} acknowledged by an earlier run` : ''}`,
  );
  for (const f of summary.refused) out(`refused: ${f.path}: ${f.reason} — ${f.detail ?? ''}`);
  for (const f of summary.unsent) out(`not sent: ${f.path}: ${f.error} (run again to resume)`);

  let ok = summary.refused.length === 0 && summary.unsent.length === 0;
  if (values.wait) {
    const wbars = tty
      ? new MultiBar({ clearOnComplete: false, hideCursor: true, stream: process.stderr }, Presets.shades_classic)
      : null;
    const wbar = wbars?.create(1, 0, {}, { format: 'process [{bar}] {value}/{total} documents | failed {failed}' });
    let batch: BatchView;
    try {
      batch = await waitForBatch(client, batchId, {
        intervalMs: 1000,
        onPoll: (b) => {
          wbar?.setTotal(b.total);
          wbar?.update(b.done, { failed: b.counts.failed ?? 0 });
        },
      });
    } catch (e) {
      wbars?.stop();
      err(`kehoach upload: waiting for the batch failed: ${(e as Error).message}`);
      return exitCodes.failure;
    }
    wbars?.stop();
    out(
      `processed: ${batch.done}/${batch.total} | done ${batch.counts.done ?? 0} | failed ${batch.counts.failed ?? 0}`,
    );
    for (const f of batch.failures) out(`failed: ${f.fileName ?? f.documentId}: ${f.reason} — ${f.message}`);
    ok &&= (batch.counts.failed ?? 0) === 0;
  }
  return ok ? exitCodes.ok : exitCodes.failure;
}

async function resolveBatch(
  client: ApiClient,
  manifest: Manifest,
  server: string,
  batch: string | null,
  inputs: string[],
): Promise<string> {
  if (manifest.run) {
    if (manifest.run.server !== server) {
      throw new Error(
        `the manifest ${manifest.path} belongs to ${manifest.run.server}; pass another --manifest for ${server}`,
      );
    }
    if (batch && batch !== manifest.run.batchId && batch !== manifest.run.batchName) {
      throw new Error(`the manifest ${manifest.path} resumes batch ${manifest.run.batchId}; pass another --manifest`);
    }
    return manifest.run.batchId;
  }
  if (batch) {
    try {
      const existing = await client.json<{ id: string; name: string | null }>(
        'GET',
        `v1/batches/${encodeURIComponent(batch)}`,
      );
      manifest.startRun({ server, batchId: existing.id, batchName: existing.name });
      return existing.id;
    } catch (e) {
      if (!(e instanceof ApiRefusal && (e.status === 404 || e.status === 400))) throw e;
    }
  }
  const name =
    batch ??
    `${inputs
      .map((p) => path.basename(path.resolve(p)))
      .join(', ')
      .slice(0, 100)} ${new Date().toISOString().slice(0, 10)}`;
  const created = await client.json<{ id: string }>('POST', 'v1/batches', { name });
  manifest.startRun({ server, batchId: created.id, batchName: name });
  return created.id;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string', short: 's' },
      key: { type: 'string', short: 'k' },
      batch: { type: 'string', short: 'b' },
      concurrency: { type: 'string', short: 'c' },
      manifest: { type: 'string', short: 'm' },
      retries: { type: 'string' },
      wait: { type: 'boolean', short: 'w' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
