// Request schemas of the review API: validated in the router, documented in the OpenAPI fragment.
import { z } from 'zod';
import { JsonValueSchema, PatchSchema } from './apply.js';

export const QueueQuery = z.object({
  document: z.string().max(200).optional(),
  batch: z.string().max(200).optional(),
  flag: z.string().max(100).optional(),
  province: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const ClaimBody = z.object({
  documentId: z.string().min(1).max(200),
  pointer: z.string().max(500).regex(/^\//, 'a JSON Pointer'),
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});

const PreconditionFields = {
  comment: z.string().max(4000).nullable().optional(),
  expectedRevision: z.string().max(200).optional(),
  expectedBefore: z.record(z.string(), JsonValueSchema).optional(),
};

export const CorrectionBody = z.union([
  z.object({ patch: PatchSchema, ...PreconditionFields }).strict(),
  z.object({ accept: z.array(z.string().max(500)).min(1).max(200), ...PreconditionFields }).strict(),
]);

export const RevertBody = z.object(PreconditionFields).strict();
