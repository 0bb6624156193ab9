// The route table: every endpoint declares its method, path, required permission, schemas and handler in one
// place. app.ts mounts it (adding the permission check when auth is wired in) and openapi.ts documents it.
import { extractionJsonSchema } from '../contract/schema.js';
import { getEffectiveExtraction } from '../review/service.js';
import type { DocumentRecord } from '../store/store.js';
import { BATCH_ROUTES, UPLOAD_DESCRIPTION } from './batch-routes.js';
import type { RouteContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { EXPORT_ROUTES } from './export-routes.js';
import { KEY_ROUTES } from './keys-routes.js';
import { HttpProblem } from './problem.js';
import { REVIEW_ROUTES } from './review-routes.js';
import { param, type RouteDef, route } from './route.js';
import {
  DocumentDetailSchema,
  DocumentListSchema,
  ExtractionResponseSchema,
  ListQuerySchema,
  ReprocessResponseSchema,
  UploadFormSchema,
  UploadQuerySchema,
  UploadResponseSchema,
} from './schemas.js';
import { SEARCH_ROUTES } from './search-routes.js';
import { documentLinks, handleUpload, POLL_AFTER_SECONDS } from './uploads.js';

function documentView(d: DocumentRecord) {
  const { seq: _seq, ...rest } = d;
  return { ...rest, links: documentLinks(d.id) };
}

async function requireDocument(ctx: RouteContext, id: string): Promise<DocumentRecord> {
  const doc = await ctx.store.getDocument(id);
  if (!doc) throw new HttpProblem('not-found', `No document with id "${id}".`);
  return doc;
}

async function requireResult(ctx: RouteContext, id: string) {
  const doc = await requireDocument(ctx, id);
  const stored = await ctx.store.getExtraction(id);
  if (stored) return { doc, stored };
  notReady(id, doc);
}

/** Why a document has no extraction to serve: failed, or not finished yet (where to poll and when). */
function notReady(id: string, doc: Pick<DocumentRecord, 'status' | 'failure'>): never {
  if (doc.status === 'failed') {
    throw new HttpProblem('document-failed', `The document could not be read: ${doc.failure?.message ?? ''}`, {
      reason: doc.failure?.reason ?? null,
    });
  }
  // Stays 409 (clients written against it keep working), with where to poll and when: Location is the
  // document's status URL, Retry-After the seconds to wait.
  throw new HttpProblem(
    'extraction-not-ready',
    `The document is ${doc.status}; poll ${documentLinks(id)['self']} and try again later.`,
    { documentStatus: doc.status },
    { Location: documentLinks(id)['self']!, 'Retry-After': String(POLL_AFTER_SECONDS) },
  );
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  rtf: 'application/rtf',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** A scanned image is served as what its bytes say it is (the review page shows JPEG and PNG beside the text). */
function imageType(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  return 'image/tiff';
}

function contentDisposition(fileName: string | null, fallback: string): string {
  const name = fileName ?? fallback;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const DOCUMENT_ROUTES: RouteDef[] = [
  route({
    method: 'post',
    path: '/v1/documents',
    operationId: 'uploadDocuments',
    summary:
      'Upload one or more documents (multipart/form-data); each file refused on its own; form field "batch" adds them to a batch',
    tag: 'documents',
    description: UPLOAD_DESCRIPTION,
    permission: 'documents:write',
    query: UploadQuerySchema,
    body: { contentType: 'multipart/form-data', schema: UploadFormSchema, required: true },
    idempotent: true,
    responses: {
      202: {
        description: 'Stored and queued for extraction; refused files listed',
        schema: UploadResponseSchema,
        headers: {
          Location: 'The batch (when uploading into one) or the document to poll',
          'Retry-After': 'Seconds to wait before polling',
        },
      },
    },
    problems: [400, 404, 409, 413, 415, 422],
    handler: (ctx, req, res, { query }) => handleUpload(ctx, req, res, null, { atomic: query.atomic }),
  }),
  route({
    method: 'get',
    path: '/v1/documents',
    operationId: 'listDocuments',
    summary: 'List documents, newest first, with filters and cursor pagination',
    tag: 'documents',
    permission: 'documents:read',
    query: ListQuerySchema,
    responses: { 200: { description: 'A page of documents', schema: DocumentListSchema } },
    problems: [400],
    handler: async (ctx, _req, res, { query: q }) => {
      const limit = Math.min(q.limit ?? 50, ctx.config.pageLimitMax);
      const rows = await ctx.store.listDocuments({
        province: q.province,
        year: q.year,
        status: q.status,
        needsReview: q.needsReview,
        diagnostic: q.diagnostic,
        q: q.q,
        batchId: q.batch,
        limit: limit + 1,
        beforeSeq: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      res.json({
        items: page.map(documentView),
        nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
      });
    },
  }),
  route({
    method: 'get',
    path: '/v1/documents/:id',
    operationId: 'getDocument',
    summary: 'Document status and metadata',
    tag: 'documents',
    permission: 'documents:read',
    responses: { 200: { description: 'The document', schema: DocumentDetailSchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const doc = await requireDocument(ctx, param(req, 'id'));
      res.json({ ...documentView(doc), batches: await ctx.store.documentBatches(doc.id) });
    },
  }),
  route({
    method: 'get',
    path: '/v1/documents/:id/extraction',
    operationId: 'getExtraction',
    summary: 'The extraction result (contract v1, see /v1/schema)',
    description:
      'Before the extraction is ready this answers 409 extraction-not-ready with `documentStatus` (queued or ' +
      'processing), `Location` (the document to poll) and `Retry-After` (seconds); a document that could not be ' +
      'read answers 409 document-failed with its `reason`. Poll GET /v1/documents/{id} (or wait for the ' +
      'document.finished webhook) until status is done.',
    tag: 'documents',
    permission: 'documents:read',
    responses: {
      200: {
        description: "The effective extraction: the newest machine extraction with reviewers' corrections applied",
        schema: ExtractionResponseSchema,
      },
    },
    problems: [404, 409],
    handler: async (ctx, req, res) => {
      // One row read: the document's status and its effective extraction, stored with each result and correction.
      const id = param(req, 'id');
      const read = await ctx.store.getResult(id);
      if (!read) throw new HttpProblem('not-found', `No document with id "${id}".`);
      // Stored before its review state was (an install being upgraded): derive it now, once.
      const derived = !read.result && read.hasExtraction ? await getEffectiveExtraction(ctx.review, id) : null;
      const result =
        read.result ?? (derived && { json: JSON.stringify(derived.extraction), version: derived.machineVersion });
      if (!result) notReady(id, read);
      res.set('Kehoach-Document-Status', read.status).set('Kehoach-Extractor-Version', result.version);
      res.type('application/json').send(result.json);
    },
  }),
  route({
    method: 'get',
    path: '/v1/documents/:id/text',
    operationId: 'getText',
    summary: 'The normalised text every span of the extraction points into',
    tag: 'documents',
    permission: 'documents:read',
    responses: { 200: { description: 'Normalised text', contentType: 'text/plain; charset=utf-8' } },
    problems: [404, 409],
    handler: async (ctx, req, res) => {
      const { stored } = await requireResult(ctx, param(req, 'id'));
      res.type('text/plain; charset=utf-8').send(stored.text);
    },
  }),
  route({
    method: 'get',
    path: '/v1/documents/:id/original',
    operationId: 'getOriginal',
    summary: 'The uploaded bytes, with the content type of the detected format',
    tag: 'documents',
    permission: 'documents:read',
    responses: { 200: { description: 'Original file', contentType: 'application/octet-stream' } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const id = param(req, 'id');
      const original = await ctx.store.getOriginal(id);
      if (!original) throw new HttpProblem('not-found', `No document with id "${id}".`);
      res
        .status(200)
        .set(
          'Content-Type',
          original.format === 'image'
            ? imageType(original.bytes)
            : (CONTENT_TYPES[original.format] ?? 'application/octet-stream'),
        )
        .set('Content-Disposition', contentDisposition(original.fileName, `${id}.${original.format}`))
        .set('X-Content-Type-Options', 'nosniff')
        .set('Content-Security-Policy', 'sandbox')
        .send(Buffer.from(original.bytes));
    },
  }),
  route({
    method: 'post',
    path: '/v1/documents/:id/reprocess',
    operationId: 'reprocessDocument',
    summary: 'Extract the document again (e.g. after an extractor upgrade)',
    tag: 'documents',
    permission: 'documents:write',
    responses: { 202: { description: 'Queued', schema: ReprocessResponseSchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const id = param(req, 'id');
      const ref = await ctx.store.reprocessDocument(id);
      if (!ref) throw new HttpProblem('not-found', `No document with id "${id}".`);
      await ctx.enqueue([ref]);
      res.status(202).json({ queued: [{ id: ref.documentId, generation: ref.generation }] });
    },
  }),
  route({
    method: 'get',
    path: '/v1/schema',
    operationId: 'getSchema',
    summary: 'JSON Schema (draft 2020-12) of the extraction contract',
    tag: 'meta',
    permission: null,
    responses: { 200: { description: 'JSON Schema', contentType: 'application/schema+json' } },
    problems: [],
    handler: async (_ctx, _req, res) => {
      res.type('application/schema+json').send(JSON.stringify(extractionJsonSchema()));
    },
  }),
];

/** Every route of the API, in one table. */
export const ROUTES: RouteDef[] = [
  ...DOCUMENT_ROUTES,
  ...BATCH_ROUTES,
  ...SEARCH_ROUTES,
  ...EXPORT_ROUTES,
  ...REVIEW_ROUTES,
  ...KEY_ROUTES,
];
