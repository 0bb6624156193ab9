// Zod schemas of the API's requests and responses: routes validate with them and /openapi.json is generated
// from them, so the documentation cannot drift from the code.
import { z } from 'zod';
import { RoleNameSchema } from '../auth/roles.js';
import { DocumentFormatSchema, ExtractionSchema } from '../contract/schema.js';
import { DOCUMENT_STATUSES } from '../store/store.js';

export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the problem type (https://kehoach.dev/problems/<slug>)'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

export const FailureSchema = z.object({ reason: z.string(), message: z.string() }).nullable();

export const DocumentSchema = z
  .object({
    id: z.string(),
    sha256: z.string(),
    fileName: z.string().nullable(),
    contentType: z.string().nullable().describe('Content type declared by the uploader'),
    format: DocumentFormatSchema.describe('Format detected from the bytes'),
    size: z.int(),
    status: DocumentStatusSchema,
    failure: FailureSchema,
    generation: z.int().describe('Incremented by each reprocess request'),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    extractorVersion: z.string().nullable(),
    province: z.string().nullable(),
    year: z.int().nullable(),
    needsReview: z.boolean().nullable(),
    progress: z
      .object({ pagesDone: z.int(), pages: z.int() })
      .optional()
      .describe('While a long read runs (OCR, many pages): pages done so far of the total'),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Document' });

export const DocumentDetailSchema = DocumentSchema.extend({ batches: z.array(z.string()) }).meta({
  id: 'DocumentDetail',
});

export const DocumentListSchema = z
  .object({ items: z.array(DocumentSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'DocumentList' });

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListQuerySchema = z.strictObject({
  province: z.string().min(1).max(200).optional().describe('Substring of the extracted province (case-insensitive)'),
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2200)
    .optional()
    .describe('Year of issue (else first year of the period)'),
  status: DocumentStatusSchema.optional(),
  needsReview: boolParam.optional(),
  q: z.string().min(1).max(500).optional().describe('Case-insensitive substring of the text or the file name'),
  diagnostic: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/)
    .optional()
    .describe('Documents whose newest extraction carries this diagnostic code (e.g. no-readable-text, garbled-text)'),
  batch: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const UploadedDocumentSchema = z.object({
  index: z.int().describe('Position of the file part in the request (0-based)'),
  id: z.string(),
  sha256: z.string(),
  fileName: z.string().nullable(),
  format: DocumentFormatSchema,
  status: DocumentStatusSchema,
  duplicate: z.boolean().describe('Identical bytes were already stored; this is the existing document'),
  links: z.record(z.string(), z.string()),
});

export const RefusedFileSchema = z
  .object({
    index: z.int().describe('Position of the file part in the request (0-based)'),
    fileName: z.string().nullable(),
    type: z.string().describe('Problem type URI, as in a problem+json answer (e.g. …/unsupported-document-type)'),
    title: z.string(),
    status: z.int().describe('The status the file alone would have been refused with (413, 415, 422)'),
    detail: z.string(),
  })
  .loose()
  .meta({ id: 'RefusedFile', description: 'A file of the request that was not stored, with its problem.' });

export const UploadResponseSchema = z
  .object({
    batchId: z.string().nullable(),
    documents: z.array(UploadedDocumentSchema).describe('The files stored (or found already stored), in request order'),
    refused: z
      .array(RefusedFileSchema)
      .describe('The files refused one by one (empty unless some were); the others are stored'),
  })
  .meta({ id: 'UploadResponse' });

export const UploadQuerySchema = z.object({
  atomic: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe(
      'true: all or nothing — one bad file refuses the whole request (the behaviour before per-file refusal). ' +
        'Default false: bad files are listed under `refused` and the others stored.',
    ),
});

export const UploadFormSchema = z
  .object({
    file: z.array(z.string()).describe('One or more files (binary parts; any field name is accepted)'),
    batch: z.string().optional().describe('Add the documents to this existing batch'),
  })
  .meta({ id: 'UploadForm' });

export const CreateBatchSchema = z.strictObject({ name: z.string().min(1).max(200).optional() });

export const BatchSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    total: z.int(),
    done: z.int().describe('Documents in a terminal state (done, failed or cancelled)'),
    counts: z.record(DocumentStatusSchema, z.int()),
    failures: z.array(
      z.object({ documentId: z.string(), fileName: z.string().nullable(), reason: z.string(), message: z.string() }),
    ),
  })
  .meta({ id: 'Batch' });

export const ReprocessQuerySchema = z.strictObject({
  only: z
    .enum(['failed', 'cancelled', 'all'])
    .optional()
    .describe('Batch reprocess: only failed documents, only cancelled ones (lifts the cancel), or all (default)'),
});

export const ReprocessResponseSchema = z
  .object({ queued: z.array(z.object({ id: z.string(), generation: z.int() })) })
  .meta({ id: 'ReprocessResponse' });

export const HealthSchema = z.object({ status: z.string(), checks: z.record(z.string(), z.string()).optional() });

export const ExtractionResponseSchema = ExtractionSchema;

// ── Review ──────────────────────────────────────────────────────────────────────────────────────────────────

const ConfidenceSchema = z.enum(['high', 'medium', 'low']);

export const ClaimSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    pointer: z.string().describe('JSON Pointer of the claimed field'),
    keyId: z.string(),
    reviewer: z.string().nullable().describe("The name (label) of the holder's key"),
    claimedAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Claim' });

const SpanSchema = z.object({ start: z.int(), end: z.int() }).loose();

export const ReviewQueueItemSchema = z
  .object({
    kind: z.enum(['field', 'stale-correction']),
    documentId: z.string(),
    documentName: z.string().nullable(),
    province: z.string().nullable(),
    batch: z.string().nullable(),
    pointer: z.string(),
    label: z.string(),
    value: z.unknown(),
    confidence: ConfidenceSchema,
    flags: z.array(z.string()),
    source: SpanSchema.nullable(),
    excerpt: z.object({ text: z.string(), start: z.int(), end: z.int(), offset: z.int() }).nullable(),
    claim: ClaimSchema.nullable(),
    correctionId: z.string().optional(),
  })
  .meta({ id: 'ReviewQueueItem' });

export const ReviewQueueSchema = z
  .object({ items: z.array(ReviewQueueItemSchema), total: z.int() })
  .meta({ id: 'ReviewQueue' });

export const ReviewDocumentSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    province: z.string().nullable(),
    batch: z.string().nullable(),
    needsReview: z.boolean().nullable().optional(),
    machineVersion: z.string(),
    revision: z.string(),
    toReview: z.int(),
    stale: z.int(),
    low: z.int(),
  })
  .meta({ id: 'ReviewDocument' });

export const ReviewDocumentListSchema = z
  .object({ items: z.array(ReviewDocumentSchema) })
  .meta({ id: 'ReviewDocumentList' });

const ChangeSchema = z.object({
  op: z.enum(['add', 'replace', 'remove', 'accept']),
  path: z.string(),
  anchor: z.unknown(),
  beforeExists: z.boolean(),
  before: z.unknown(),
  afterExists: z.boolean(),
  after: z.unknown(),
});

const CorrectionStatusSchema = z.enum(['applied', 'stale', 'reverted', 'revert']);

export const CorrectionSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    seq: z.int(),
    keyId: z.string(),
    reviewer: z.string().nullable().describe('The name (label) of the key that made the correction, as it was then'),
    kind: z.enum(['patch', 'accept', 'revert']),
    ops: z.array(z.unknown()),
    changes: z.array(ChangeSchema),
    comment: z.string().nullable(),
    reverts: z.string().nullable(),
    extractorVersion: z.string(),
    createdAt: z.string(),
    status: CorrectionStatusSchema,
    resolved: z.array(z.string().nullable()),
    reason: z.string().nullable(),
  })
  .meta({ id: 'Correction' });

export const CorrectionListSchema = z.object({ items: z.array(CorrectionSchema) }).meta({ id: 'CorrectionList' });

export const CorrectionResultSchema = z
  .object({ correction: CorrectionSchema, revision: z.string(), extraction: ExtractionSchema })
  .meta({ id: 'CorrectionResult' });

export const EffectiveSchema = z
  .object({
    documentId: z.string(),
    revision: z.string().describe('Also sent as ETag; send it back as If-Match or expectedRevision'),
    machineVersion: z.string(),
    corrections: z.array(
      z.object({
        id: z.string(),
        status: CorrectionStatusSchema,
        resolved: z.array(z.string().nullable()),
        reason: z.string().nullable(),
      }),
    ),
    extraction: ExtractionSchema,
  })
  .meta({ id: 'EffectiveExtraction' });

// ── Keys ────────────────────────────────────────────────────────────────────────────────────────────────────

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleNameSchema,
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const CreatedKeySchema = ApiKeySchema.extend({
  key: z.string().describe('The full key; shown in this response only'),
}).meta({ id: 'CreatedKey' });

export const ApiKeyListSchema = z
  .object({ items: z.array(ApiKeySchema), roles: z.array(RoleNameSchema) })
  .meta({ id: 'ApiKeyList' });

export const WhoAmISchema = z
  .object({ id: z.string(), name: z.string(), role: RoleNameSchema, permissions: z.array(z.string()) })
  .meta({ id: 'WhoAmI' });
