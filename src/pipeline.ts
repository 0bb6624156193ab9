// The extraction pipeline, top to bottom: bytes → DocTree → Doc → zones → field extractors → cross-checks →
// validated Extraction. Stages report problems on the document and carry on; only an unusable file throws
// (UnreadableDocumentError).
import { createHash } from 'node:crypto';
import { crossCheck } from './checks/cross.js';
import { ocrConfidence } from './checks/ocr.js';
import { qualityGate } from './checks/quality.js';
import { compileValueCheck } from './contract/check.js';
import { type DocumentFormat, type Extraction, ExtractionSchema } from './contract/schema.js';
import { attachGeometry } from './doc/geometry.js';
import type { Doc } from './doc/types.js';
import { extractBudget } from './extract/budget.js';
import { extractMetadata } from './extract/metadata.js';
import { extractResponsibilities } from './extract/responsibilities.js';
import { extractSections } from './extract/sections.js';
import { extractTables } from './extract/tables.js';
import { extractTargets } from './extract/targets.js';
import { type IngestOptions, ingest } from './ingest/ingest.js';
import { normalise } from './normalise/index.js';
import { reviewFields } from './review.js';
import { isPlanKind } from './rules/doc-kinds.js';
import { demoteNonPlan } from './segment/demote.js';
import { classifyKind, segment } from './segment/index.js';
import { startDocument } from './text/memo.js';
import { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.js';

export interface ExtractInput {
  bytes: Uint8Array;
  fileName?: string | null;
  /** Force a format; otherwise it is sniffed from the bytes. */
  format?: DocumentFormat;
  /** OCR limits for scans and images (false: no OCR). */
  ocr?: IngestOptions['ocr'];
  /** Long reads (OCR, many pages) report how far they are; called from inside ingest. */
  onProgress?: IngestOptions['onProgress'];
}

export interface ExtractResult {
  extraction: Extraction;
  /** The normalised text every span points into (served to reviewers beside the values). */
  text: string;
}

const isContractShaped = compileValueCheck(ExtractionSchema);

/** Runs the field extractors on an already normalised document. Pure and synchronous. */
export function extractFromDoc(doc: Doc): Extraction {
  // What was remembered about the previous document's lines is of no use here (src/text/memo.ts).
  startDocument();
  // Zones first (header, title, preamble, body, tail, appendices; a decision and the plan it issues as two
  // parts); the outline is the plan part's. Extractors read their zone: doc.zones (src/doc/zones.ts).
  const { zones, outline, ...seg } = segment(doc);
  doc.zones = zones;
  const sections = extractSections(doc, outline);
  const metadata = extractMetadata(doc, outline, zones);
  const kind = classifyKind(doc, { zones, outline, ...seg }, metadata.documentNumber.value);
  const tables = extractTables(doc);
  const targets = extractTargets(doc, outline, metadata);
  const responsibilities = extractResponsibilities(doc, outline);
  const budget = extractBudget(doc, outline, tables, metadata.period.value);
  // Only a plan has targets, duties and a budget a reviewer may skip: elsewhere they are kept, marked low.
  if (!isPlanKind(kind.value) || kind.confidence !== 'high') {
    demoteNonPlan({ kind, metadata, sections, tables, targets, responsibilities, budget });
  }
  const crossDiagnostics = crossCheck({ doc, targets, tables, budget });

  const assembled: Omit<Extraction, 'review'> = {
    schemaVersion: '1',
    extractor: { name: EXTRACTOR_NAME, version: EXTRACTOR_VERSION },
    document: {
      sha256: doc.sha256,
      fileName: doc.fileName,
      format: doc.format,
      chars: doc.text.length,
      pages: doc.pages,
      kind,
    },
    metadata,
    sections,
    targets,
    responsibilities,
    budget,
    tables,
    diagnostics: [...doc.messages, ...outline.messages, ...crossDiagnostics],
  };
  // Post-passes over the assembled values, each only lowering confidence: page/box on every source span, OCR
  // word confidence, then the text-quality gate. Garbled text can never be high; a document with nothing readable
  // is ONE review item (the document), not one per missing field.
  const draft = ocrConfidence(attachGeometry(assembled, doc), doc);
  const gated = qualityGate(doc, draft);
  const fields = reviewFields(gated.draft);
  const extraction: Extraction = { ...gated.draft, review: { needed: fields.length > 0, fields } };
  // Assembled in the contract's shape, the result normally needs no copy: checked cheaply, zod only otherwise.
  if (isContractShaped(extraction)) return extraction;
  const parsed = ExtractionSchema.safeParse(extraction);
  if (!parsed.success) {
    // A schema violation is a bug in an extractor, never the document's fault: fail loudly in development.
    throw new Error(`extraction does not satisfy the contract: ${parsed.error.message}`);
  }
  return parsed.data;
}

export async function extract(input: ExtractInput): Promise<ExtractResult> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const tree = await ingest(input.bytes, {
    fileName: input.fileName ?? null,
    ...(input.format ? { format: input.format } : {}),
    ...(input.ocr !== undefined ? { ocr: input.ocr } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const doc = normalise(tree, { sha256, fileName: input.fileName ?? null });
  return { extraction: extractFromDoc(doc), text: doc.text };
}
