// The public extraction contract, version 1 (../shared/contract/extraction-v1.md).
// This file is the single source of truth in code: JSON Schema and OpenAPI are derived from it.
// Field names and meanings are fixed for version 1: add fields freely, never rename or drop one.
import { z } from 'zod';

export const ConfidenceSchema = z.enum(['high', 'medium', 'low']).meta({
  description: '"high" promises that a reviewer need not look; medium/low always carry a flag saying why.',
});
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** Kebab-case machine-readable reason codes (see the README's code table). */
export const FlagSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const BoxSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().min(0).max(1),
    height: z.number().min(0).max(1),
  })
  .meta({ id: 'Box', description: 'A box as fractions 0–1 of the page width and height, origin top-left.' });

export const SpanSchema = z
  .object({
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
    line: z.int().positive(),
    /** 1-based page the span's text stands on (PDF and scans). */
    page: z.int().positive().optional(),
    /** Where on that page (OCR'd text, and PDF text where positions are known). */
    box: BoxSchema.optional(),
  })
  .meta({
    id: 'Span',
    description:
      'Char offsets [start, end) in the normalised text, 1-based line; page and box (fractions of the page) when the source has pages.',
  });
export type Span = z.infer<typeof SpanSchema>;

export function fieldSchema<T extends z.ZodType>(value: T) {
  return z.object({
    value: value.nullable(),
    confidence: ConfidenceSchema,
    flags: z.array(FlagSchema),
    source: SpanSchema.nullable(),
  });
}
export interface Field<T> {
  value: T | null;
  confidence: Confidence;
  flags: string[];
  source: Span | null;
}

export const PeriodSchema = z.object({ from: z.int(), to: z.int() });
export const SignerSchema = z.object({
  name: z.string(),
  position: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
});
export const LegalBasisSchema = z.object({
  kind: z.string(),
  /** Null for a document cited by name only ("Luật Tổ chức chính quyền địa phương"): see `title`. */
  number: z.string().nullable(),
  /** The name of a document cited without a number ("Luật Tổ chức chính quyền địa phương"). */
  title: z.string().optional(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  source: SpanSchema,
});
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

export const MetadataSchema = z.object({
  issuer: fieldSchema(z.string()),
  province: fieldSchema(z.string()),
  documentNumber: fieldSchema(z.string()),
  documentType: fieldSchema(z.string()),
  issuedDate: fieldSchema(z.iso.date()),
  place: fieldSchema(z.string()),
  title: fieldSchema(z.string()),
  period: fieldSchema(PeriodSchema),
  signer: fieldSchema(SignerSchema),
  /** Every signature block in document order (a joint plan has one per issuer); `signer` is the first. */
  signers: z.array(SignerSchema.extend({ source: SpanSchema })).optional(),
  /** Every issuing body (a joint plan has several); `issuer` names them all, joined by "; ". */
  issuers: z
    .array(
      z.object({
        name: z.string(),
        kind: z.enum([
          'people-committee',
          'department',
          'ministry',
          'government',
          'prime-minister',
          'party',
          'mass-organisation',
          'other',
        ]),
      }),
    )
    .optional(),
  legalBasis: z.array(LegalBasisSchema),
  recipients: z.array(z.string()),
});
export type Metadata = z.infer<typeof MetadataSchema>;

export interface Item {
  label: string;
  text: string;
  source: Span;
  items: Item[];
}
export const ItemSchema: z.ZodType<Item> = z.lazy(() =>
  z.object({
    label: z.string(),
    text: z.string(),
    source: SpanSchema,
    items: z.array(ItemSchema),
  }),
);

export const SectionSchema = z.object({
  numeral: z.string(),
  number: z.int().positive(),
  title: z.string(),
  confidence: ConfidenceSchema,
  flags: z.array(FlagSchema),
  source: SpanSchema,
  items: z.array(ItemSchema),
});
export type Section = z.infer<typeof SectionSchema>;

export const ComparatorSchema = z.enum(['eq', 'lt', 'lte', 'gt', 'gte']);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const TargetValueSchema = z.object({
  value: z.number(),
  unit: z.string(),
  comparator: ComparatorSchema,
  year: z.int().nullable(),
  text: z.string(),
  /** "giảm từ 3,5% xuống 2%": the level the change starts from (3.5); the value is where it must arrive. */
  baseline: z.number().optional(),
  /** "05 - 06%/năm": both ends of a range stated as one value (value = min, comparator gte). */
  min: z.number().optional(),
  max: z.number().optional(),
  /** "%/năm", "bình quân hằng năm": the value is a yearly rate (each year of the period), not a level. */
  per: z.enum(['year']).optional(),
});
export type TargetValue = z.infer<typeof TargetValueSchema>;

export const TargetSchema = z.object({
  id: z.string(),
  label: z.string().nullable(),
  text: z.string(),
  section: z.string(),
  values: z.array(TargetValueSchema),
  confidence: ConfidenceSchema,
  flags: z.array(FlagSchema),
  source: SpanSchema,
});
export type Target = z.infer<typeof TargetSchema>;

export const AgencyKindSchema = z.enum([
  'department',
  'people-committee',
  'police',
  'mass-organisation',
  'media',
  'other',
]);
export const RoleSchema = z.enum(['lead', 'coordinate', 'participate', 'requested', 'unspecified']);

export const ResponsibilitySchema = z.object({
  agency: z.object({
    name: z.string(),
    canonical: z.string().nullable(),
    kind: AgencyKindSchema,
    members: z.array(z.string()).optional(),
    /** Canonical name of each member (aligned with `members`), null where a member is not in the table. */
    memberCanonicals: z.array(z.string().nullable()).optional(),
  }),
  role: RoleSchema,
  tasks: z.array(z.string()),
  targetRefs: z.array(z.string()),
  section: z.string(),
  confidence: ConfidenceSchema,
  flags: z.array(FlagSchema),
  source: SpanSchema,
});
export type Responsibility = z.infer<typeof ResponsibilitySchema>;

export const BudgetTotalSchema = z.object({
  amount: z.number().nonnegative(),
  currency: z.literal('VND'),
  text: z.string(),
  words: z.string().nullable(),
});
export const BudgetSchema = z.object({
  total: fieldSchema(BudgetTotalSchema),
  fundingSources: z.array(z.string()),
});
export type Budget = z.infer<typeof BudgetSchema>;

export const TableKindSchema = z.enum(['budget', 'indicator', 'layout', 'other']);
export const TableCheckSchema = z.object({
  kind: z.string(),
  ok: z.boolean(),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  where: z.string(),
});
export type TableCheck = z.infer<typeof TableCheckSchema>;
export const TableRowSchema = z.object({
  label: z.string().nullable(),
  cells: z.array(z.string()),
  values: z.array(z.number().nullable()),
  flags: z.array(FlagSchema),
});
export const TableSchema = z.object({
  id: z.string(),
  kind: TableKindSchema,
  title: z.string().nullable(),
  unit: z.string().nullable(),
  multiplier: z.number().positive().nullable(),
  columns: z.array(z.string()),
  rows: z.array(TableRowSchema),
  checks: z.array(TableCheckSchema),
  confidence: ConfidenceSchema,
  flags: z.array(FlagSchema),
  source: SpanSchema,
});
export type Table = z.infer<typeof TableSchema>;

/**
 * One side of a failed check, so a reviewer sees both without reading the message: a narrative target against
 * the plan's table, written digits against words, a stated total against the sum of its parts.
 */
export const EvidenceSchema = z.object({
  role: z.enum(['text', 'table', 'digits', 'words', 'written', 'sum', 'budget']),
  value: z.union([z.number(), z.string()]).nullable(),
  /** Where this side stands: "table-3, column 2025", "Tổng cộng / 2022", a year. */
  where: z.string().nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const DiagnosticSchema = z.object({
  code: FlagSchema,
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  source: SpanSchema.nullable(),
  /** Both sides of the check that failed (cross-checks only). */
  evidence: z.array(EvidenceSchema).optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const DocumentFormatSchema = z.enum(['text', 'html', 'docx', 'pdf', 'doc', 'rtf', 'image']).meta({
  description:
    'Format detected from the bytes; "doc"/"rtf" are legacy Word files, "image" a scanned page (JPEG, PNG, TIFF) read by OCR.',
});
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

export const ExtractionSchema = z
  .object({
    schemaVersion: z.literal('1'),
    extractor: z.object({ name: z.string(), version: z.string() }),
    document: z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      fileName: z.string().nullable(),
      format: DocumentFormatSchema,
      chars: z.int().nonnegative(),
      pages: z.int().nonnegative().nullable(),
      /**
       * What the document is, from its header: a plan, a plan issued as the attachment of a decision, or not a
       * plan. A document that is not a plan has no target, responsibility or budget marked high.
       */
      kind: fieldSchema(
        z.enum(['plan', 'plan-by-decision', 'decision', 'directive', 'letter', 'report', 'other']),
      ).optional(),
    }),
    metadata: MetadataSchema,
    sections: z.array(SectionSchema),
    targets: z.array(TargetSchema),
    responsibilities: z.array(ResponsibilitySchema),
    budget: BudgetSchema,
    tables: z.array(TableSchema),
    diagnostics: z.array(DiagnosticSchema),
    review: z.object({ needed: z.boolean(), fields: z.array(z.string()) }),
  })
  .meta({ id: 'Extraction', title: 'kehoach extraction result, version 1' });
export type Extraction = z.infer<typeof ExtractionSchema>;

/**
 * JSON Schema (draft 2020-12) of the contract, derived from the zod schema. Objects stay open
 * (no `additionalProperties: false`): version 1 may gain fields, and a client validating with this schema
 * must keep accepting results that carry them.
 */
export function extractionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ExtractionSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
}
