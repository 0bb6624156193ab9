// The review workflow's routes: the queue, claims, the effective extraction and corrections. The domain
// (src/review) returns typed outcomes; this file alone turns them into statuses and problems.
import type { Response } from 'express';
import type { Outcome, Refusal } from '../review/outcome.js';
import { listReviewDocuments, listReviewQueue } from '../review/queue.js';
import { ClaimBody, CorrectionBody, QueueQuery, RevertBody } from '../review/schemas.js';
import {
  type CorrectionOutcome,
  claimField,
  getEffectiveExtraction,
  getHistory,
  type Preconditions,
  releaseClaim,
  revertCorrection,
  submitCorrection,
} from '../review/service.js';
import { caller } from './auth.js';
import { HttpProblem } from './problem.js';
import { param, route } from './route.js';
import {
  ClaimSchema,
  CorrectionListSchema,
  CorrectionResultSchema,
  EffectiveSchema,
  ReviewDocumentListSchema,
  ReviewQueueSchema,
} from './schemas.js';

function toProblem(r: Refusal): HttpProblem {
  return new HttpProblem(r.code, r.detail, r.data);
}

function unwrap<T>(out: Outcome<T>): T {
  if (!out.ok) throw toProblem(out);
  return out.value;
}

function preconditions(
  ifMatch: string | undefined,
  body: { expectedRevision?: string | undefined; expectedBefore?: unknown },
): Preconditions {
  return {
    expectedRevision: body.expectedRevision ?? ifMatch ?? undefined,
    expectedBefore: body.expectedBefore as Record<string, unknown> | undefined,
  };
}

function sendCorrection(res: Response, out: CorrectionOutcome): void {
  res
    .status(201)
    .setHeader('ETag', `"${out.effective.revision}"`)
    .json({ correction: out.correction, revision: out.effective.revision, extraction: out.effective.extraction });
}

const noExtraction = (id: string) => new HttpProblem('not-found', `No extraction for document ${id}.`);

export const REVIEW_ROUTES = [
  route({
    method: 'get',
    path: '/v1/review/queue',
    operationId: 'listReviewQueue',
    summary: 'Fields needing review, lowest confidence first',
    tag: 'review',
    permission: 'review:read',
    query: QueueQuery,
    responses: { 200: { description: 'A page of the queue', schema: ReviewQueueSchema } },
    problems: [400],
    handler: async (ctx, _req, res, { query }) => {
      res.json(await listReviewQueue(ctx.review, { ...query, documentId: query.document }));
    },
  }),
  route({
    method: 'get',
    path: '/v1/review/documents',
    operationId: 'listReviewDocuments',
    summary: 'Documents with how much is left to review',
    tag: 'review',
    permission: 'documents:read',
    query: QueueQuery,
    responses: { 200: { description: 'One line per document', schema: ReviewDocumentListSchema } },
    problems: [400],
    handler: async (ctx, _req, res, { query }) => {
      res.json({ items: await listReviewDocuments(ctx.review, { ...query, documentId: query.document }) });
    },
  }),
  route({
    method: 'post',
    path: '/v1/review/claims',
    operationId: 'claimField',
    summary: 'Claim a field for a while (renews your own claim)',
    tag: 'review',
    permission: 'review:write',
    body: { contentType: 'application/json', schema: ClaimBody, required: true },
    responses: { 201: { description: 'The claim', schema: ClaimSchema } },
    problems: [400, 404, 409, 413],
    handler: async (ctx, req, res, { body }) => {
      const ttl = body.ttlSeconds ?? ctx.claimTtlSeconds;
      const claim = unwrap(await claimField(ctx.review, body.documentId, body.pointer, caller(req).keyId, ttl));
      res.status(201).location(`/v1/review/claims/${claim.id}`).json(claim);
    },
  }),
  route({
    method: 'delete',
    path: '/v1/review/claims/:claimId',
    operationId: 'releaseClaim',
    summary: 'Release your claim',
    tag: 'review',
    permission: 'review:write',
    responses: { 204: { description: 'Released' } },
    problems: [403, 404],
    handler: async (ctx, req, res) => {
      const me = caller(req);
      unwrap(await releaseClaim(ctx.review, param(req, 'claimId'), me.keyId, me.role === 'admin'));
      res.status(204).end();
    },
  }),
  route({
    method: 'get',
    path: '/v1/documents/:id/effective',
    operationId: 'getEffectiveExtraction',
    summary: "Machine extraction with reviewers' corrections applied (ETag = revision)",
    tag: 'review',
    permission: 'documents:read',
    responses: { 200: { description: 'The effective extraction', schema: EffectiveSchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const id = param(req, 'id');
      const eff = await getEffectiveExtraction(ctx.review, id);
      if (!eff) throw noExtraction(id);
      res.setHeader('ETag', `"${eff.revision}"`);
      res.json({
        documentId: eff.documentId,
        revision: eff.revision,
        machineVersion: eff.machineVersion,
        corrections: eff.corrections,
        extraction: eff.extraction,
      });
    },
  }),
  route({
    method: 'get',
    path: '/v1/documents/:id/corrections',
    operationId: 'listCorrections',
    summary: 'Correction history, oldest first, with status (applied, stale, reverted)',
    tag: 'review',
    permission: 'documents:read',
    responses: { 200: { description: 'The history', schema: CorrectionListSchema } },
    problems: [404],
    handler: async (ctx, req, res) => {
      const id = param(req, 'id');
      const history = await getHistory(ctx.review, id);
      if (!history) throw noExtraction(id);
      res.json({ items: history });
    },
  }),
  route({
    method: 'post',
    path: '/v1/documents/:id/corrections',
    operationId: 'submitCorrection',
    summary: 'Submit a JSON Patch (RFC 6902) or an accept; needs expectedRevision/If-Match or expectedBefore',
    tag: 'review',
    permission: 'review:write',
    body: { contentType: 'application/json', schema: CorrectionBody, required: true },
    responses: { 201: { description: 'Saved', schema: CorrectionResultSchema } },
    problems: [400, 404, 409, 413, 422, 428],
    handler: async (ctx, req, res, { body }) => {
      const input =
        'patch' in body
          ? { kind: 'patch' as const, patch: body.patch }
          : { kind: 'accept' as const, pointers: body.accept };
      const out = await submitCorrection(ctx.review, param(req, 'id'), caller(req).keyId, input, {
        ...preconditions(req.get('if-match'), body),
        comment: body.comment ?? null,
      });
      sendCorrection(res, unwrap(out));
    },
  }),
  route({
    method: 'post',
    path: '/v1/documents/:id/corrections/:cid/revert',
    operationId: 'revertCorrection',
    summary: 'Revert a correction (a new history entry)',
    tag: 'review',
    permission: 'review:write',
    body: { contentType: 'application/json', schema: RevertBody, required: false },
    responses: { 201: { description: 'Saved', schema: CorrectionResultSchema } },
    problems: [400, 404, 409, 413, 422, 428],
    handler: async (ctx, req, res, { body }) => {
      const out = await revertCorrection(ctx.review, param(req, 'id'), param(req, 'cid'), caller(req).keyId, {
        ...preconditions(req.get('if-match'), body),
        comment: body.comment ?? null,
      });
      sendCorrection(res, unwrap(out));
    },
  }),
];
