// HTTP routes of the review workflow. Mount with app.use(createReviewRouter({ sql, store })).
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { requirePermission } from '../auth/middleware.js';
import { ProblemError, sendProblem } from '../auth/problem.js';
import { createKeysRouter } from '../auth/router.js';
import type { Sql } from '../db/types.js';
import { claimField, releaseClaim } from './claims.js';
import { listReviewDocuments, listReviewQueue } from './queue.js';
import { ClaimBody, CorrectionBody, QueueQuery, RevertBody } from './schemas.js';
import {
  type CorrectionOutcome,
  getEffectiveExtraction,
  getHistory,
  type Preconditions,
  revertCorrection,
  submitCorrection,
} from './service.js';
import type { ExtractionStore } from './store.js';

export interface ReviewRouterOptions {
  sql: Sql;
  store: ExtractionStore;
  /** How long a claim lasts unless renewed (default 15 minutes). */
  claimTtlSeconds?: number;
  /** Also mount /v1/keys (default true). */
  keysRoutes?: boolean;
}

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap =
  (fn: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).catch(next);
  };

function parse<T>(schema: z.ZodType<T>, input: unknown, where: 'invalid-query' | 'invalid-body' = 'invalid-body'): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ProblemError(where, z.prettifyError(parsed.error), { issues: parsed.error.issues });
  }
  return parsed.data;
}

function preconditions(
  req: Request,
  body: { expectedRevision?: string | undefined; expectedBefore?: unknown },
): Preconditions {
  const ifMatch = req.get('if-match');
  return {
    expectedRevision: body.expectedRevision ?? ifMatch ?? undefined,
    expectedBefore: body.expectedBefore as Record<string, unknown> | undefined,
  };
}

function sendOutcome(res: Response, status: number, out: CorrectionOutcome): void {
  res
    .status(status)
    .setHeader('ETag', `"${out.effective.revision}"`)
    .json({ correction: out.correction, revision: out.effective.revision, extraction: out.effective.extraction });
}

export function createReviewRouter(opts: ReviewRouterOptions): Router {
  const { sql } = opts;
  const deps = { sql, store: opts.store };
  const ttl = opts.claimTtlSeconds ?? 15 * 60;
  const router = express.Router();
  const read = requirePermission(sql, 'documents:read');
  const queueRead = requirePermission(sql, 'review:read');
  const write = requirePermission(sql, 'review:write');
  const json = express.json({ limit: '1mb' });

  router.get(
    '/v1/review/queue',
    queueRead,
    wrap(async (req, res) => {
      const q = parse(QueueQuery, req.query, 'invalid-query');
      res.json(await listReviewQueue(deps, { ...q, documentId: q.document }));
    }),
  );

  router.get(
    '/v1/review/documents',
    read,
    wrap(async (req, res) => {
      const q = parse(QueueQuery, req.query, 'invalid-query');
      res.json({ items: await listReviewDocuments(deps, { ...q, documentId: q.document }) });
    }),
  );

  router.post(
    '/v1/review/claims',
    write,
    json,
    wrap(async (req, res) => {
      const body = parse(ClaimBody, req.body);
      if (!(await opts.store.getMachine(body.documentId))) {
        throw new ProblemError('not-found', `No extraction for document ${body.documentId}.`);
      }
      const result = await claimField(sql, body.documentId, body.pointer, req.auth!.keyId, body.ttlSeconds ?? ttl);
      if (!result.ok) {
        throw new ProblemError(
          'claimed-by-other',
          `${body.pointer} is claimed by key ${result.heldBy.keyId} until ${result.heldBy.expiresAt}.`,
          { claim: result.heldBy },
        );
      }
      res.status(201).location(`/v1/review/claims/${result.claim.id}`).json(result.claim);
    }),
  );

  router.delete(
    '/v1/review/claims/:claimId',
    write,
    wrap(async (req, res) => {
      const outcome = await releaseClaim(sql, String(req.params.claimId), req.auth!.keyId, req.auth!.role === 'admin');
      if (outcome === 'not-found') throw new ProblemError('not-found', 'No such claim (it may have expired).');
      if (outcome === 'not-holder')
        throw new ProblemError('forbidden', 'Only the reviewer holding a claim can release it.');
      res.status(204).end();
    }),
  );

  router.get(
    '/v1/documents/:id/effective',
    read,
    wrap(async (req, res) => {
      const eff = await getEffectiveExtraction(deps, String(req.params.id));
      if (!eff) throw new ProblemError('not-found', `No extraction for document ${String(req.params.id)}.`);
      res.setHeader('ETag', `"${eff.revision}"`);
      res.json({
        documentId: eff.documentId,
        revision: eff.revision,
        machineVersion: eff.machineVersion,
        corrections: eff.corrections,
        extraction: eff.extraction,
      });
    }),
  );

  router.get(
    '/v1/documents/:id/corrections',
    read,
    wrap(async (req, res) => {
      const history = await getHistory(deps, String(req.params.id));
      if (!history) throw new ProblemError('not-found', `No extraction for document ${String(req.params.id)}.`);
      res.json({ items: history });
    }),
  );

  router.post(
    '/v1/documents/:id/corrections',
    write,
    json,
    wrap(async (req, res) => {
      const body = parse(CorrectionBody, req.body);
      const input =
        'patch' in body
          ? { kind: 'patch' as const, patch: body.patch }
          : { kind: 'accept' as const, pointers: body.accept };
      const out = await submitCorrection(deps, String(req.params.id), req.auth!.keyId, input, {
        ...preconditions(req, body),
        comment: body.comment ?? null,
      });
      sendOutcome(res, 201, out);
    }),
  );

  router.post(
    '/v1/documents/:id/corrections/:cid/revert',
    write,
    json,
    wrap(async (req, res) => {
      const body = parse(RevertBody, req.body ?? {});
      const out = await revertCorrection(deps, String(req.params.id), String(req.params.cid), req.auth!.keyId, {
        ...preconditions(req, body),
        comment: body.comment ?? null,
      });
      sendOutcome(res, 201, out);
    }),
  );

  if (opts.keysRoutes !== false) router.use(createKeysRouter({ sql }));

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof ProblemError) {
      sendProblem(res, err.type, err.detail, err.extensions);
      return;
    }
    if (isBodyParseError(err)) {
      sendProblem(res, 'invalid-body', `The request body is not valid JSON: ${err.message}`);
      return;
    }
    next(err);
  });

  return router;
}

function isBodyParseError(err: unknown): err is Error {
  return err instanceof Error && 'type' in err && (err as { type?: unknown }).type === 'entity.parse.failed';
}
