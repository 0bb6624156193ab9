// Uploads a set of files into one batch with bounded concurrency, reading the server's answer for each file.
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

/** What the server answers for each file of a request (per-file refusal: `refused` beside `documents`). */
interface UploadAnswer {
  documents: { index?: number; id: string; duplicate: boolean }[];
  refused?: RefusedAnswer[];
}

interface RefusedAnswer {
  index: number;
  fileName: string | null;
  type?: string;
  detail?: string;
}

/** Files per request, and bytes per request, when several small files travel together. */
export interface GroupLimits {
  files: number;
  bytes: number;
}

const DEFAULT_GROUP: GroupLimits = { files: 8, bytes: 8 * 1024 * 1024 };

const slug = (type: string | undefined, status: number): string =>
  type?.includes('/') ? type.slice(type.lastIndexOf('/') + 1) : `http-${status}`;

type Outcome = Pick<ManifestFile, 'outcome' | 'documentId' | 'reason' | 'detail'>;

/**
 * Sends files into one batch with bounded concurrency. Small files travel several to a request (the server
 * refuses files one by one and answers for each); each request carries an Idempotency-Key derived from the
 * batch, the paths and the bytes, so a retry after a lost answer stores nothing twice (the server's sha256
 * dedupe is a second guard). A request the server refuses as a whole (too large, too many parts, or a server
 * without per-file refusal) is sent again one file per request.
 */
export async function uploadFiles(
  client: ApiClient,
  manifest: Manifest,
  batchId: string,
  files: FoundFile[],
  concurrency: number,
  events: UploadEvents = {},
  group: GroupLimits = DEFAULT_GROUP,
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
  const groups: FoundFile[][] = [];
  for (const f of todo) {
    const last = groups[groups.length - 1];
    const size = last?.reduce((n, g) => n + g.size, 0) ?? 0;
    if (last && last.length < group.files && size + f.size <= group.bytes) last.push(f);
    else groups.push([f]);
  }

  const unsent = (file: FoundFile, error: Error) => {
    summary.unsent.push({ path: file.path, error: error.message });
    events.onUnsent?.(file, error);
  };
  const record = (file: FoundFile, sha256: string, outcome: Outcome, bytes: number) => {
    const result: ManifestFile = {
      kind: 'file',
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      sha256,
      ...outcome,
    };
    if (outcome.outcome !== 'refused') summary.bytesSent += bytes;
    manifest.record(result);
    count(result);
    events.onFile?.(file, result, false);
  };

  const sendGroup = async (members: FoundFile[]): Promise<void> => {
    const loaded: { file: FoundFile; bytes: Buffer; sha256: string }[] = [];
    for (const file of members) {
      try {
        const bytes = await readFile(file.path);
        loaded.push({ file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        unsent(file, new Error(`cannot read (${e.code ?? e.message})`));
      }
    }
    if (loaded.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = perFile(await sendFiles(client, batchId, loaded), loaded.length);
    } catch (err) {
      if (!(err instanceof ApiRefusal)) {
        for (const l of loaded) unsent(l.file, err as Error);
        return;
      }
      const listed = err.problem['refused'];
      if (Array.isArray(listed) && listed.length === loaded.length) {
        // Every file refused, each for its own reason.
        outcomes = refusals(listed as RefusedAnswer[], loaded.length, err);
      } else if (loaded.length > 1) {
        // Refused as a whole: one file at a time.
        for (const l of loaded) await sendGroup([l.file]);
        return;
      } else {
        outcomes = [{ outcome: 'refused', documentId: null, reason: err.code, detail: err.message }];
      }
    }
    for (const [i, l] of loaded.entries()) record(l.file, l.sha256, outcomes[i]!, l.bytes.length);
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) await sendGroup(groups[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, groups.length)) }, worker));
  return summary;
}

/** One outcome per file sent, in request order, from a 202 answer (documents and refused, by index). */
function perFile(answer: UploadAnswer, n: number): Outcome[] {
  const out: (Outcome | undefined)[] = new Array(n);
  for (const [i, d] of answer.documents.entries()) {
    out[d.index ?? i] = {
      outcome: d.duplicate ? 'duplicate' : 'accepted',
      documentId: d.id,
      reason: null,
      detail: null,
    };
  }
  for (const r of answer.refused ?? []) {
    out[r.index] = { outcome: 'refused', documentId: null, reason: slug(r.type, 0), detail: r.detail ?? null };
  }
  return Array.from(out, (o) => o ?? { outcome: 'refused', documentId: null, reason: 'no-answer', detail: null });
}

function refusals(listed: RefusedAnswer[], n: number, err: ApiRefusal): Outcome[] {
  const out: Outcome[] = Array.from({ length: n }, () => ({
    outcome: 'refused' as const,
    documentId: null,
    reason: err.code,
    detail: err.message,
  }));
  for (const r of listed) {
    if (r.index >= 0 && r.index < n) {
      out[r.index] = {
        outcome: 'refused',
        documentId: null,
        reason: slug(r.type, err.status),
        detail: r.detail ?? null,
      };
    }
  }
  return out;
}

async function sendFiles(
  client: ApiClient,
  batchId: string,
  files: { file: FoundFile; bytes: Buffer; sha256: string }[],
): Promise<UploadAnswer> {
  const key = createHash('sha256')
    .update([batchId, ...files.flatMap((f) => [f.file.path, f.sha256])].join('\0'))
    .digest('hex');
  const res = await client.request('POST', `v1/batches/${encodeURIComponent(batchId)}/documents`, {
    headers: { 'idempotency-key': `upload-${key}` },
    body: () => {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), path.basename(f.file.path));
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
