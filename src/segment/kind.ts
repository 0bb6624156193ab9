// What the document is, decided from its header zone: the type line and the type code of its number (rules in
// src/rules/doc-kinds.ts). Only a plan — standing alone or issued by a decision — may carry targets,
// responsibilities or a budget marked high (see demoteNonPlan in the pipeline).
import { field } from '../contract/field.js';
import type { Field, Span } from '../contract/schema.js';
import { lineSpan } from '../doc/build.js';
import type { Doc, Line } from '../doc/types.js';
import { type DocKind, LETTER_MARKS, NUMBER_CODES, splitNumber } from '../rules/doc-kinds.js';
import { cleanText } from '../text/clean.js';
import type { Segmentation } from './segment.js';

export type KindDecision = Field<DocKind>;

function typeSpan(doc: Doc, index: number): Span {
  const line = doc.lines[index] as Line;
  return lineSpan(line, 0, line.text.length);
}

const PLAN_CLOSING_RE = /^Trên đây là (?:nội dung )?Kế hoạch\b/iu;

/**
 * The document's kind. Examples: "KẾ HOẠCH" over "Số: 824/KH-UBND" → plan (high); "QUYẾT ĐỊNH" then, after its
 * signature, "KẾ HOẠCH … (Ban hành kèm theo Quyết định số 12/QĐ-UBND …)" → plan-by-decision; "QUYẾT ĐỊNH" alone →
 * decision; no type line, "Số: 2345/UBND-VX", "V/v …" → letter (medium, inferred); a web page → other (medium,
 * no-header). Counter-example: "QUYẾT ĐỊNH Về việc ban hành Kế hoạch …" without the plan's text is a decision: the
 * plan it issues is not in the document.
 */
export function classifyKind(doc: Doc, seg: Segmentation, documentNumber: string | null): KindDecision {
  const { zones, typeLine, planTypeLine } = seg;
  // A scan without a text layer (or an empty file) says nothing about what it is.
  if (doc.text.trim() === '') return field<DocKind>(null, null, 'medium', ['missing']);
  const code = documentNumber ? splitNumber(documentNumber).code : null;
  const byNumber: DocKind | null = code ? (NUMBER_CODES[code] ?? null) : null;

  if (planTypeLine) {
    const src = typeSpan(doc, planTypeLine.index);
    return zones.attachedBy !== null
      ? field('plan-by-decision', src)
      : field('plan-by-decision', src, 'medium', ['inferred']);
  }
  if (typeLine) {
    const src = typeSpan(doc, typeLine.index);
    if (typeLine.kind === 'plan' && zones.attachedBy !== null) return field('plan-by-decision', src);
    // The type line is the document's own statement of what it is; a number of another kind makes it doubtful.
    if (byNumber && byNumber !== typeLine.kind) return field(typeLine.kind, src, 'medium', ['type-mismatch']);
    return field(typeLine.kind, src);
  }

  const header = zones.plan.header;
  for (let i = header.from; i < Math.min(header.to + 15, doc.lines.length); i++) {
    const line = doc.lines[i] as Line;
    if (line.kind === 'blank') continue;
    for (const cell of line.text.split(' | ')) {
      const t = cleanText(cell);
      if (LETTER_MARKS.some((re) => re.test(t)) && documentNumber) {
        return field('letter', lineSpan(line, 0, line.text.length), 'medium', ['inferred']);
      }
    }
  }
  if (byNumber) return field(byNumber, null, 'medium', ['inferred']);
  if (documentNumber && code === null && splitNumber(documentNumber).issuers.length > 0) {
    // "Số: 2345/UBND-VX": a number without a type code is an official letter's.
    return field('letter', null, 'medium', ['inferred']);
  }
  // A plan whose header was lost (a copy pasted into a web page): its sections and its closing formula.
  if (seg.outline.sections.length > 0) {
    for (let i = seg.outline.bodyEnd; i < Math.min(seg.outline.bodyEnd + 5, doc.lines.length); i++) {
      const line = doc.lines[i] as Line;
      if (line.kind === 'text' && PLAN_CLOSING_RE.test(cleanText(line.text))) {
        return field('plan', lineSpan(line, 0, line.text.length), 'medium', ['inferred']);
      }
    }
  }
  return field<DocKind>('other', null, 'medium', ['no-header']);
}
