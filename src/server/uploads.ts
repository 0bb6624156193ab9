// Upload handling shared by POST /v1/documents and POST /v1/batches/:id/documents: validate every file by
// content, store everything in one transaction (with the Idempotency-Key record), then queue the jobs.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DocumentFormat } from '../contract/schema.js';
import type { Sql } from '../db/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { sniffFormat } from '../ingest/sniff.js';
import { batchState } from '../store/batches.js';
import { completeKey, type IdempotencyOutcome, reserveKey } from '../store/idempotency.js';
import type { NewUpload } from '../store/store.js';
import type { RouteContext } from './context.js';
import { parseMultipart } from './multipart.js';
import { HttpProblem } from './problem.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function idempotencyKey(req: Request): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    throw new HttpProblem('invalid-idempotency-key', 'Idempotency-Key must be 1–255 visible ASCII characters.');
  }
  return key;
}

export function documentLinks(id: string): Record<string, string> {
  const self = `/v1/documents/${id}`;
  return { self, extraction: `${self}/extraction`, text: `${self}/text`, original: `${self}/original` };
}

/** Runs fn in a transaction guarded by the Idempotency-Key (if any) and sends its response (or the replay). */
export async function idempotent(
  ctx: RouteContext,
  req: Request,
  res: Response,
  fingerprintParts: unknown,
  fn: (tx: Sql) => Promise<{ status: number; body: unknown; after?: () => Promise<void> }>,
  /** Response headers derived from the body, so a replay answers with the same ones. */
  headersFor?: (body: unknown) => Record<string, string>,
): Promise<void> {
  const key = idempotencyKey(req);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([req.method, req.route?.path ?? req.path, fingerprintParts]))
    .digest('hex');
  type Result = Awaited<ReturnType<typeof fn>>;
  type Outcome =
    | { done: true; result: Result }
    | { done: false; reserved: Exclude<IdempotencyOutcome, { kind: 'new' }> };
  const outcome = await ctx.store.sql.transaction(async (tx): Promise<Outcome> => {
    if (key) {
      const reserved = await reserveKey(tx, key, fingerprint);
      if (reserved.kind !== 'new') return { done: false, reserved };
    }
    const result = await fn(tx);
    if (key) await completeKey(tx, key, result.status, result.body);
    return { done: true, result };
  });
  if (!outcome.done) {
    const r = outcome.reserved;
    if (r.kind === 'replay') {
      res
        .status(r.status)
        .set(headersFor?.(r.body) ?? {})
        .set('Idempotent-Replayed', 'true')
        .json(r.body);
      return;
    }
    if (r.kind === 'mismatch') {
      throw new HttpProblem(
        'idempotency-key-reused',
        'This Idempotency-Key was already used for a different request; use a new key for new content.',
      );
    }
    throw new HttpProblem('idempotency-key-in-use', 'A request with this Idempotency-Key is still being processed.');
  }
  // Acknowledged only after the commit: the upload is durable even if queueing fails (the sweeper re-queues).
  await outcome.result.after?.();
  res
    .status(outcome.result.status)
    .set(headersFor?.(outcome.result.body) ?? {})
    .json(outcome.result.body);
}

async function validateFile(file: { fileName: string | null; bytes: Uint8Array }): Promise<DocumentFormat> {
  const name = file.fileName ?? 'unnamed file';
  if (file.bytes.byteLength === 0) {
    throw new HttpProblem('empty-file', `"${name}" is empty (0 bytes).`, { fileName: file.fileName });
  }
  try {
    return await sniffFormat(file.bytes, file.fileName);
  } catch (err) {
    if (err instanceof UnreadableDocumentError) {
      if ((err.reason as string) === 'empty') {
        throw new HttpProblem('empty-file', err.message, { fileName: file.fileName });
      }
      throw new HttpProblem('unsupported-document-type', err.message, {
        fileName: file.fileName,
        reason: err.reason,
      });
    }
    throw err;
  }
}

/** One file of an upload request that was not stored, with the problem that refused it (RFC 9457 members). */
export interface RefusedFile {
  /** Position of the file part in the request (0-based). */
  index: number;
  fileName: string | null;
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

function refusedFile(index: number, fileName: string | null, p: HttpProblem): RefusedFile {
  const { instance: _instance, fileName: _name, ...body } = p.body();
  return { index, fileName, ...body };
}

/**
 * Per-file refusal (the default): every file is checked on its own; the good ones are stored and the 202 answer
 * lists the refused ones under `refused`, each with its problem. Only when no file can be stored is the request
 * refused, with the first file's problem (status and type, as before) and `refused` listing every file.
 * `?atomic=true` keeps all-or-nothing: one bad file refuses the whole request and nothing is stored.
 */
export async function handleUpload(
  ctx: RouteContext,
  req: Request,
  res: Response,
  routeBatchId: string | null,
  opts: { atomic?: boolean | undefined } = {},
): Promise<void> {
  const atomic = opts.atomic === true;
  // Validate the key before reading a possibly large body.
  idempotencyKey(req);
  if (routeBatchId) await requireOpenBatch(ctx, req, routeBatchId);
  const { files, fields } = await parseMultipart(req, {
    maxFileBytes: ctx.config.maxFileBytes,
    maxFiles: ctx.config.maxFiles,
    maxRequestBytes: ctx.config.maxRequestBytes,
    perFile: !atomic,
  });
  if (files.length === 0) {
    throw new HttpProblem('no-files', 'The multipart body has no file parts; send each document as a file part.');
  }
  const batchId = routeBatchId ?? fields['batch'] ?? null;
  if (batchId && !routeBatchId) await requireOpenBatch(ctx, null, batchId);
  const uploads: (NewUpload & { index: number })[] = [];
  const refused: RefusedFile[] = [];
  let firstProblem: HttpProblem | null = null;
  for (const [index, f] of files.entries()) {
    let format: DocumentFormat;
    try {
      if (f.refused) throw f.refused;
      format = await validateFile(f);
    } catch (err) {
      if (!(err instanceof HttpProblem) || atomic) throw err;
      firstProblem ??= err;
      refused.push(refusedFile(index, f.fileName, err));
      continue;
    }
    uploads.push({
      index,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      fileName: f.fileName,
      contentType: f.mimeType,
      format,
      bytes: f.bytes,
    });
  }
  if (uploads.length === 0 && firstProblem) {
    // Nothing to store: the request is refused as before (a one-file request answers exactly as it always did).
    throw new HttpProblem(firstProblem.type, firstProblem.detail, { ...firstProblem.extensions, refused });
  }
  const formats = new Map(uploads.map((u) => [u.sha256, u.format]));
  await idempotent(
    ctx,
    req,
    res,
    // The fingerprint of a request without refusals is what it was before per-file refusal (keys stay valid).
    {
      batchId,
      files: uploads.map((u) => [u.fileName, u.sha256]),
      ...(refused.length ? { refused: refused.map((r) => [r.index, r.fileName, r.type]) } : {}),
    },
    async (tx) => {
      const { documents, jobs } = await ctx.store.storeUploads(tx, uploads, batchId);
      const body = {
        batchId,
        documents: documents.map((d, i) => ({
          index: uploads[i]!.index,
          id: d.id,
          sha256: d.sha256,
          fileName: d.fileName,
          format: formats.get(d.sha256)!,
          status: d.status,
          duplicate: d.duplicate,
          links: documentLinks(d.id),
        })),
        refused,
      };
      return { status: 202, body, after: () => ctx.enqueue(jobs) };
    },
    uploadHeaders,
  );
}

/** The batch exists and was not cancelled (uploading into a cancelled batch would queue work nobody expects). */
async function requireOpenBatch(ctx: RouteContext, req: Request | null, id: string): Promise<void> {
  const state = await batchState(ctx.store.sql, id);
  if (state === 'open') return;
  req?.resume();
  if (state === 'missing') throw new HttpProblem('unknown-batch', `No batch with id "${id}".`);
  throw new HttpProblem(
    'batch-cancelled',
    `Batch "${id}" was cancelled; reprocess it (POST /v1/batches/${id}/reprocess?only=cancelled) to resume it, or upload into a new batch.`,
  );
}

/** Seconds a client should wait before polling a freshly queued document. */
export const POLL_AFTER_SECONDS = 2;

/**
 * 202 Accepted hands back a handle to poll, as document-processing APIs do: the batch when there is one, else
 * the (first) document; every document's own links are in the body.
 */
function uploadHeaders(body: unknown): Record<string, string> {
  const b = body as { batchId: string | null; documents: Array<{ id: string }> };
  const first = b.documents[0];
  const location = b.batchId ? `/v1/batches/${b.batchId}` : first ? documentLinks(first.id)['self']! : null;
  return { ...(location ? { Location: location } : {}), 'Retry-After': String(POLL_AFTER_SECONDS) };
}
