// Zod schemas of the batch, export and search routes (issue 10); the rest of the API's are in schemas.ts.
import { z } from 'zod';
import { MetadataSchema } from '../contract/schema.js';
import { EXPORT_KINDS } from '../export/rows.js';
import { BatchSchema, DocumentStatusSchema } from './schemas.js';

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const cursorParam = z.string().max(200).optional().describe('nextCursor of the previous page');

export const BatchOverviewSchema = BatchSchema.extend({
  cancelledAt: z.string().nullable().describe('When the batch was cancelled (POST …/cancel); null otherwise'),
  pages: z
    .object({ total: z.int(), ocr: z.int() })
    .describe('Pages of the documents read so far, and how many of them were read by OCR'),
  review: z
    .object({ fields: z.int(), documents: z.int() })
    .describe('Fields the extractor marked for review (medium or low confidence), and the documents with any'),
  links: z.record(z.string(), z.string()),
}).meta({ id: 'BatchOverview' });

export const BatchListItemSchema = BatchOverviewSchema.omit({ failures: true }).meta({ id: 'BatchListItem' });

export const BatchListSchema = z
  .object({ items: z.array(BatchListItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'BatchList' });

export const BatchListQuerySchema = z.strictObject({
  name: z.string().min(1).max(200).optional().describe('Case-insensitive substring of the batch name'),
  state: z
    .enum(['running', 'finished', 'cancelled'])
    .optional()
    .describe('running: not finished and not cancelled; finished: every document done, failed or cancelled'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: cursorParam,
});

export const CancelResponseSchema = z
  .object({
    batch: BatchOverviewSchema,
    cancelled: z.array(z.string()).describe('Queued documents that will not be read (status cancelled)'),
    kept: z
      .array(z.string())
      .describe('Queued documents left queued because another batch that is not cancelled holds them too'),
    processing: z.int().describe('Documents being read now; cancel stops queued work only, so these finish'),
  })
  .meta({ id: 'CancelResponse' });

export const BatchExtractionsQuerySchema = z.strictObject({
  format: z
    .enum(['ndjson', 'zip'])
    .optional()
    .describe('ndjson (default): one line per document; zip: one JSON file per extraction, with documents.ndjson'),
});

const issuerKind = MetadataSchema.shape.issuers.unwrap().element.shape.kind;
const flagCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/)
  .describe('A flag code any value of the newest extraction carries (e.g. table-conflict, sum-mismatch)');
const year = z.coerce.number().int().min(1900).max(2200);

/** Filters shared by search and exports. */
const listFilters = {
  q: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe(
      'Words of the title, number, issuer, agencies, target text or file name, in order; accents and case ' +
        'are ignored ("ma tuy" finds "ma túy", "Đắk Lắk" and "dak lak" are the same)',
    ),
  province: z.string().min(1).max(200).optional().describe('Part of the province name (accents ignored)'),
  year: year.optional().describe('Year of issue (else first year of the period)'),
  issuerKind: issuerKind.optional().describe('Kind of an issuing body (metadata.issuers[].kind)'),
  status: DocumentStatusSchema.optional(),
  flag: flagCode.optional(),
  needsReview: boolParam.optional(),
  batch: z.string().max(100).optional().describe('Only the documents of this batch'),
};

export const SearchQuerySchema = z.strictObject({
  ...listFilters,
  sort: z
    .enum(['date', '-date'])
    .optional()
    .describe('-date (default): newest issue date first; date: oldest first. Undated documents come last.'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: cursorParam,
});

export const SearchHitSchema = z
  .object({
    id: z.string(),
    fileName: z.string().nullable(),
    status: DocumentStatusSchema,
    createdAt: z.string(),
    title: z.string().nullable(),
    documentNumber: z.string().nullable(),
    issuer: z.string().nullable(),
    issuerKinds: z.array(z.string()),
    issuedDate: z.string().nullable(),
    province: z.string().nullable(),
    year: z.int().nullable(),
    needsReview: z.boolean().nullable(),
    flags: z.array(z.string()).describe('Every flag code the newest extraction carries'),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'SearchHit' });

export const SearchResultSchema = z
  .object({ items: z.array(SearchHitSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SearchResult' });

export const ExportKindParam = z.enum([...EXPORT_KINDS, 'all']);

const documentIds = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(1000)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const ExportQuerySchema = z.strictObject({
  format: z
    .enum(['csv', 'xlsx', 'ndjson'])
    .optional()
    .describe('csv (default; UTF-8 with BOM, Vietnamese headers), xlsx (one sheet per kind) or ndjson'),
  document: documentIds.optional().describe('Only these documents (repeat the parameter for several)'),
  ...listFilters,
  status: z
    .literal('done')
    .optional()
    .describe('Only documents whose extraction is ready are exported; other statuses are never included'),
});
