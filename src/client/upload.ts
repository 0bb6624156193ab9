// Uploads a set of files into one batch with bounded concurrency: one file per request, so one refused file never
// takes the others with it; each request carries an Idempotency-Key derived from the batch, the path and the
// bytes, so a retry after a lost answer stores nothing twice (the server's sha256 dedupe is a second guard).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ApiClient, ApiRefusal } from './http.js';
import { fileKey, type Manifest, type ManifestFile } from './manifest.js';
import type { FoundFile } from './walk.js';

export interface UploadEvents {
  /** A file was acknowledged (or refused) by the server, or was already in the manifest. */
  onFile?: (file: FoundFile, result: ManifestFile, resumed: boolean) => void;
  /** A file could not be sent at all (server unreachable after retries); it stays unacknowledged. */
  onUnsent?: (file: FoundFile, error: Error) => void;
}

export interface UploadSummary {
  accepted: number;
  duplicate: number;
  refused: ManifestFile[];
  unsent: { path: string; error: string }[];
  /** Files skipped because an earlier run already had them acknowledged. */
  resumed: number;
  bytesSent: number;
}

interface UploadAnswer {
  documents: { id: string; duplicate: boolean }[];
}

export async function uploadFiles(
  client: ApiClient,
  manifest: Manifest,
  batchId: string,
  files: FoundFile[],
  concurrency: number,
  events: UploadEvents = {},
): Promise<UploadSummary> {
  const summary: UploadSummary = { accepted: 0, duplicate: 0, refused: [], unsent: [], resumed: 0, bytesSent: 0 };
  const count = (r: ManifestFile) => {
    if (r.outcome === 'accepted') summary.accepted++;
    else if (r.outcome === 'duplicate') summary.duplicate++;
    else summary.refused.push(r);
  };
  const todo: FoundFile[] = [];
  for (const f of files) {
    const done = manifest.files.get(fileKey(f));
    if (done) {
      summary.resumed++;
      count(done);
      events.onFile?.(f, done, true);
    } else {
      todo.push(f);
    }
  }

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const file = todo[next++]!;
      let bytes: Buffer;
      try {
        bytes = await readFile(file.path);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        summary.unsent.push({ path: file.path, error: `cannot read (${e.code ?? e.message})` });
        events.onUnsent?.(file, e);
        continue;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const base = { path: file.path, size: file.size, mtimeMs: file.mtimeMs, sha256 };
      let result: ManifestFile;
      try {
        const answer = await sendOne(client, batchId, file.path, bytes, sha256);
        const doc = answer.documents[0];
        result = {
          kind: 'file',
          ...base,
          outcome: doc?.duplicate ? 'duplicate' : 'accepted',
          documentId: doc?.id ?? null,
          reason: null,
          detail: null,
        };
        summary.bytesSent += bytes.length;
      } catch (err) {
        if (!(err instanceof ApiRefusal)) {
          summary.unsent.push({ path: file.path, error: (err as Error).message });
          events.onUnsent?.(file, err as Error);
          continue;
        }
        result = {
          kind: 'file',
          ...base,
          outcome: 'refused',
          documentId: null,
          reason: err.code,
          detail: err.message,
        };
      }
      manifest.record(result);
      count(result);
      events.onFile?.(file, result, false);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, todo.length)) }, worker));
  return summary;
}

async function sendOne(
  client: ApiClient,
  batchId: string,
  filePath: string,
  bytes: Buffer,
  sha256: string,
): Promise<UploadAnswer> {
  const key = createHash('sha256').update(`${batchId}\0${filePath}\0${sha256}`).digest('hex');
  const res = await client.request('POST', `v1/batches/${encodeURIComponent(batchId)}/documents`, {
    headers: { 'idempotency-key': `upload-${key}` },
    body: () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), path.basename(filePath));
      return form;
    },
  });
  return (await res.json()) as UploadAnswer;
}

export interface BatchView {
  id: string;
  name: string | null;
  total: number;
  done: number;
  counts: Record<string, number>;
  failures: { documentId: string; fileName: string | null; reason: string; message: string }[];
}

/** Polls the batch until every document in it has finished (done or failed). */
export async function waitForBatch(
  client: ApiClient,
  batchId: string,
  opts: { intervalMs: number; onPoll?: (b: BatchView) => void; signal?: AbortSignal },
): Promise<BatchView> {
  for (;;) {
    const batch = await client.json<BatchView>('GET', `v1/batches/${encodeURIComponent(batchId)}`);
    opts.onPoll?.(batch);
    if (batch.done >= batch.total) return batch;
    if (opts.signal?.aborted) return batch;
    await new Promise((r) => setTimeout(r, opts.intervalMs));
  }
}
