// Batches: create, upload into, list, show (counts by status, pages read and OCR'd, fields to review), cancel the
// queued work, reprocess, and download every extraction of a batch as one NDJSON stream or one ZIP.

import archiver from 'archiver';
import type { Response } from 'express';
import {
  type BatchOverview,
  batchDocuments,
  batchStats,
  cancelBatch,
  getBatchRow,
  listBatches,
  requeueBatch,
} from '../store/batches.js';
import {
  BatchExtractionsQuerySchema,
  BatchListQuerySchema,
  BatchListSchema,
  BatchOverviewSchema,
  CancelResponseSchema,
} from './batch-schemas.js';
import type { RouteContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { HttpProblem } from './problem.js';
import { param, type RouteDef, route } from './route.js';
import {
  CreateBatchSchema,
  ReprocessQuerySchema,
  ReprocessResponseSchema,
  UploadFormSchema,
  UploadQuerySchema,
  UploadResponseSchema,
} from './schemas.js';
import { streamed } from './stream.js';
import { handleUpload, idempotent } from './uploads.js';

export function batchLinks(id: string): Record<string, string> {
  const self = `/v1/batches/${id}`;
  return {
    self,
    documents: `/v1/documents?batch=${encodeURIComponent(id)}`,
    extractions: `${self}/extractions`,
    zip: `${self}/extractions?format=zip`,
    export: `/v1/exports/all?format=xlsx&batch=${encodeURIComponent(id)}`,
    page: `/#/batch/${encodeURIComponent(id)}`,
  };
}

export async function batchOverview(ctx: RouteContext, id: string): Promise<BatchOverview | null> {
  const [summary, row, stats] = await Promise.all([
    ctx.store.getBatch(id),
    getBatchRow(ctx.sql, id),
    batchStats(ctx.sql, [id]),
  ]);
  if (!summary || !row) return null;
  const s = stats.get(id)!;
  return { ...summary, cancelledAt: row.cancelledAt, pages: s.pages, review: s.review };
}

async function requireOverview(ctx: RouteContext, id: string) {
  const b = await batchOverview(ctx, id);
  if (!b) throw new HttpProblem('not-found', `No batch with id "${id}".`);
  return { ...b, links: batchLinks(id) };
}

const UPLOAD_HEADERS = {
  Location: 'The batch (when uploading into one) or the document to poll',
  'Retry-After': 'Seconds to wait before polling',
};

export const UPLOAD_DESCRIPTION =
  'Each file is checked on its own: the good ones are stored and the 202 answer lists every refused file under ' +
  '`refused` with its problem (type, title, status, detail). When no file can be stored the request is refused ' +
  "with the first file's problem (413, 415 or 422), `refused` listing them all. `?atomic=true` keeps all or " +
  'nothing: one bad file refuses the request and nothing is stored. Limits of the request as a whole (total ' +
  'size, number of parts, a malformed body) always refuse the request.';

/** Safe, unique file names inside the ZIP: "0001 kế hoạch.json". */
function zipName(n: number, fileName: string | null, id: string): string {
  const base = (fileName ?? id).replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_');
  return `${String(n).padStart(4, '0')} ${base.slice(0, 120)}.json`;
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await new Promise<void>((r) => res.once('drain', () => r()));
}

async function streamExtractions(ctx: RouteContext, id: string, format: 'ndjson' | 'zip', res: Response) {
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'ndjson') {
    res
      .status(200)
      .type('application/x-ndjson; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="batch-${id}-${stamp}.ndjson"`);
    for await (const d of batchDocuments(ctx.sql, id)) {
      const extraction = d.status === 'done' ? await ctx.effective(d.id) : null;
      await write(
        res,
        `${JSON.stringify({ documentId: d.id, fileName: d.fileName, status: d.status, failure: d.failure, extraction })}\n`,
      );
    }
    res.end();
    return;
  }
  res.status(200).type('application/zip').set('Content-Disposition', `attachment; filename="batch-${id}-${stamp}.zip"`);
  const zip = archiver('zip', { zlib: { level: 6 } });
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  failed.catch(() => {});
  zip.pipe(res);
  const index: string[] = [];
  let n = 0;
  for await (const d of batchDocuments(ctx.sql, id)) {
    n++;
    const extraction = d.status === 'done' ? await ctx.effective(d.id) : null;
    const file = extraction ? `extractions/${zipName(n, d.fileName, d.id)}` : null;
    if (extraction && file) zip.append(`${JSON.stringify(extraction, null, 2)}\n`, { name: file });
    index.push(JSON.stringify({ documentId: d.id, fileName: d.fileName, status: d.status, failure: d.failure, file }));
  }
  zip.append(index.length ? `${index.join('\n')}\n` : '', { name: 'documents.ndjson' });
  zip.append(`${JSON.stringify(await requireOverview(ctx, id), null, 2)}\n`, { name: 'batch.json' });
  await Promise.race([zip.finalize(), failed]);
}

export const BATCH_ROUTES: RouteDef[] = [
  route({
    method: 'post',
    path: '/v1/batches',
    operationId: 'createBatch',
    summary: 'Create a batch to upload documents into',
    tag: 'batches',
    permission: 'documents:write',
    body: { contentType: 'application/json', schema: CreateBatchSchema, required: false },
    idempotent: true,
    responses: { 201: { description: 'Created', schema: BatchOverviewSchema } },
    problems: [400, 409, 413, 415, 422],
    handler: async (ctx, req, res, { body }) => {
      await idempotent(ctx, req, res, body, async (tx) => {
        const batch = await ctx.store.createBatch(body.name ?? null, tx);
        const view = {
          id: batch.id,
          name: batch.name,
          createdAt: new Date().toISOString(),
          finishedAt: null,
          cancelledAt: null,
          total: 0,
          done: 0,
          counts: { queued: 0, processing: 0, done: 0, failed: 0, cancelled: 0 },
          failures: [],
          pages: { total: 0, ocr: 0 },
          review: { fields: 0, documents: 0 },
          links: batchLinks(batch.id),
        };
        res.set('Location', `/v1/batches/${batch.id}`);
        return { status: 201, body: view };
      });
    },
  }),
  route({
    method: 'get',
    path: '/v1/batches',
    operationId: 'listBatches',
    summary: 'List batches, newest first, with their progress',
    tag: 'batches',
    permission: 'documents:read',
    query: BatchListQuerySchema,
    responses: { 200: { description: 'A page of batches', schema: BatchListSchema } },
    problems: [400],
    handler: async (ctx, _req, res, { query: q }) => {
      const limit = Math.min(q.limit ?? 50, ctx.config.pageLimitMax);
      const rows = await listBatches(ctx.sql, {
        limit: limit + 1,
        beforeSeq: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
        name: q.name,
        state: q.state,
      });
      const page = rows.slice(0, limit);
      const stats = await batchStats(
        ctx.sql,
        page.map((b) => b.id),
      );
      const last = page[page.length - 1];
      res.json({
        items: page.map(({ seq: _seq, ...b }) => ({ ...b, ...stats.get(b.id)!, links: batchLinks(b.id) })),
        nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
      });
    },
  }),
  route({
    method: 'get',
    path: '/v1/batches/:id',
    operationId: 'getBatch',
    summary: "Batch progress: counts per status, done/total, pages read and OCR'd, fields to review, failures",
    tag: 'batches',
    permission: 'documents:read',
    responses: { 200: { description: 'The batch', schema: BatchOverviewSchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      res.json(await requireOverview(ctx, param(req, 'id')));
    },
  }),
  route({
    method: 'post',
    path: '/v1/batches/:id/documents',
    operationId: 'uploadIntoBatch',
    summary: 'Upload one or more documents into a batch (multipart/form-data); each file refused on its own',
    description: UPLOAD_DESCRIPTION,
    tag: 'batches',
    permission: 'documents:write',
    query: UploadQuerySchema,
    body: { contentType: 'multipart/form-data', schema: UploadFormSchema, required: true },
    idempotent: true,
    responses: {
      202: {
        description: 'Stored and queued; refused files listed',
        schema: UploadResponseSchema,
        headers: UPLOAD_HEADERS,
      },
    },
    problems: [400, 404, 409, 413, 415, 422],
    handler: (ctx, req, res, { query }) => handleUpload(ctx, req, res, param(req, 'id'), { atomic: query.atomic }),
  }),
  route({
    method: 'post',
    path: '/v1/batches/:id/cancel',
    operationId: 'cancelBatch',
    summary: 'Cancel the queued work of a batch (documents being read finish); no more uploads into it',
    description:
      'Queued documents of the batch become `cancelled` unless another batch that is not cancelled holds them ' +
      'too. Done, failed and processing documents are left as they are. The batch finishes (batch.finished) ' +
      'once nothing of it is queued or processing. Undo with POST …/reprocess?only=cancelled; uploading the ' +
      'same bytes again also re-queues a cancelled document.',
    tag: 'batches',
    permission: 'documents:write',
    responses: { 200: { description: 'Cancelled', schema: CancelResponseSchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const id = param(req, 'id');
      const outcome = await ctx.store.sql.transaction(async (tx) => {
        const out = await cancelBatch(tx, id);
        if (out) await ctx.store.finishBatches(tx, [id]);
        return out;
      });
      if (!outcome) throw new HttpProblem('not-found', `No batch with id "${id}".`);
      res.json({ batch: await requireOverview(ctx, id), ...outcome });
    },
  }),
  route({
    method: 'post',
    path: '/v1/batches/:id/reprocess',
    operationId: 'reprocessBatch',
    summary: 'Extract documents of the batch again: ?only=failed, ?only=cancelled (resumes a cancel) or all',
    tag: 'batches',
    permission: 'documents:write',
    query: ReprocessQuerySchema,
    responses: { 202: { description: 'Queued', schema: ReprocessResponseSchema } },
    problems: [400, 404],
    handler: async (ctx, req, res, { query: q }) => {
      const id = param(req, 'id');
      const refs = await ctx.store.sql.transaction((tx) => requeueBatch(tx, id, q.only ?? 'all'));
      if (!refs) throw new HttpProblem('not-found', `No batch with id "${id}".`);
      await ctx.enqueue(refs);
      res.status(202).json({ queued: refs.map((r) => ({ id: r.documentId, generation: r.generation })) });
    },
  }),
  route({
    method: 'get',
    path: '/v1/batches/:id/extractions',
    operationId: 'downloadBatchExtractions',
    summary: 'Every document of the batch with its effective (reviewer-corrected) extraction, as NDJSON or a ZIP',
    description:
      'NDJSON (default, application/x-ndjson): one line per document in upload order — `documentId`, ' +
      '`fileName`, `status`, `failure` and `extraction` (null unless done). ZIP (`?format=zip`): ' +
      '`extractions/NNNN <name>.json` per done document, `documents.ndjson` (the same lines, with the file ' +
      'name inside the ZIP instead of the extraction) and `batch.json` (the batch view). Both are streamed.',
    tag: 'batches',
    permission: 'documents:read',
    query: BatchExtractionsQuerySchema,
    responses: {
      200: { description: 'One line per document (or the ZIP with ?format=zip)', contentType: 'application/x-ndjson' },
    },
    problems: [400, 404],
    handler: async (ctx, req, res, { query }) => {
      const id = param(req, 'id');
      if (!(await getBatchRow(ctx.sql, id))) throw new HttpProblem('not-found', `No batch with id "${id}".`);
      await streamed(res, ctx.logger, () => streamExtractions(ctx, id, query.format ?? 'ndjson', res));
    },
  }),
];
