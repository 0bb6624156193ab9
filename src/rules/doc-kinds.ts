// What a document is, from its header zone: the type line ("KẾ HOẠCH", "QUYẾT ĐỊNH", …) and the type code of its
// number ("824/KH-UBND", "57-NQ/TW"). Decrees of form (Nghị định 30/2020/NĐ-CP, Phụ lục III) fix both, so a
// document that states neither is no administrative document at all (a web page, an article, a form).
//
// A plan may arrive issued on its own ("Số: 824/KH-UBND … KẾ HOẠCH …") or as the attachment of a decision
// ("QUYẾT ĐỊNH Về việc ban hành Kế hoạch … Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …", then the plan
// under "KẾ HOẠCH … (Ban hành kèm theo Quyết định số 123/QĐ-UBND ngày …)"): that is a `plan-by-decision`.
import { z } from 'zod';

export const DOC_KINDS = ['plan', 'plan-by-decision', 'decision', 'directive', 'letter', 'report', 'other'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** Kinds whose body is a plan: targets, responsibilities and budget may be marked high only in these. */
export function isPlanKind(kind: DocKind | null): boolean {
  return kind === 'plan' || kind === 'plan-by-decision';
}

const TypeLineSchema = z.object({
  /** The type line as printed, upper case ("KẾ HOẠCH HÀNH ĐỘNG"). */
  line: z.string().min(2),
  kind: z.enum(DOC_KINDS),
});

// A type line is a line of its own, in capitals, between the header and the title. Longer lines first, so
// "KẾ HOẠCH HÀNH ĐỘNG" is read before "KẾ HOẠCH". Counter-examples: "Kế hoạch số 12/KH-UBND" (a citation in
// running text, not capitals), "KẾ HOẠCH NĂM 2024" inside a report (the type line is BÁO CÁO above it: the
// first type line of the document wins).
export const TYPE_LINES = z
  .array(TypeLineSchema)
  .parse([
    { line: 'KẾ HOẠCH HÀNH ĐỘNG', kind: 'plan' },
    { line: 'KẾ HOẠCH LIÊN TỊCH', kind: 'plan' },
    { line: 'KẾ HOẠCH LIÊN NGÀNH', kind: 'plan' },
    { line: 'KẾ HOẠCH PHỐI HỢP', kind: 'plan' },
    { line: 'KẾ HOẠCH', kind: 'plan' },
    { line: 'QUYẾT ĐỊNH', kind: 'decision' },
    { line: 'CHỈ THỊ', kind: 'directive' },
    { line: 'CÔNG VĂN', kind: 'letter' },
    { line: 'CÔNG ĐIỆN', kind: 'letter' },
    { line: 'BÁO CÁO', kind: 'report' },
    { line: 'NGHỊ QUYẾT', kind: 'other' },
    { line: 'NGHỊ ĐỊNH', kind: 'other' },
    { line: 'THÔNG TƯ LIÊN TỊCH', kind: 'other' },
    { line: 'THÔNG TƯ', kind: 'other' },
    { line: 'LUẬT', kind: 'other' },
    { line: 'PHÁP LỆNH', kind: 'other' },
    { line: 'THÔNG BÁO', kind: 'other' },
    { line: 'HƯỚNG DẪN', kind: 'other' },
    { line: 'TỜ TRÌNH', kind: 'other' },
    { line: 'CHƯƠNG TRÌNH HÀNH ĐỘNG', kind: 'other' },
    { line: 'CHƯƠNG TRÌNH', kind: 'other' },
    { line: 'ĐỀ ÁN', kind: 'other' },
    { line: 'QUY CHẾ', kind: 'other' },
    { line: 'QUY ĐỊNH', kind: 'other' },
    { line: 'KẾT LUẬN', kind: 'other' },
    { line: 'BIÊN BẢN', kind: 'other' },
    { line: 'GIẤY MỜI', kind: 'other' },
  ])
  .sort((a, b) => b.line.length - a.line.length);

/** Type codes of document numbers and the kind each denotes. "UBND-VX" (no type code) is a letter's number. */
export const NUMBER_CODES: Readonly<Record<string, DocKind>> = z.record(z.string(), z.enum(DOC_KINDS)).parse({
  KH: 'plan',
  KHLT: 'plan',
  QĐ: 'decision',
  CT: 'directive',
  CV: 'letter',
  CĐ: 'letter',
  BC: 'report',
  NQ: 'other',
  NĐ: 'other',
  TT: 'other',
  TTLT: 'other',
  TB: 'other',
  HD: 'other',
  TTr: 'other',
  CTr: 'other',
  ĐA: 'other',
  KL: 'other',
  QC: 'other',
  QĐi: 'other',
  BB: 'other',
  GM: 'other',
});

/**
 * The type code of a document number and the issuer codes after it: "824/KH-UBND" → KH, [UBND];
 * "15/KH-SYT-CĐN" → KH, [SYT, CĐN]; "57-NQ/TW" → NQ, [TW]; "1437/QĐ-TTg" → QĐ, [TTg]; "2345/UBND-VX" → null,
 * [UBND, VX] (a letter: no type code). "163/2024/QH15" → null, [QH15].
 */
export function splitNumber(num: string): { code: string | null; issuers: string[] } {
  const party = /^\d+[A-Za-z]?-([\p{L}]+)\/([\p{L}\d/-]+)$/u.exec(num);
  if (party) return { code: party[1] as string, issuers: (party[2] as string).split(/[-/]/).filter(Boolean) };
  const slash = num.indexOf('/');
  if (slash < 0) return { code: null, issuers: [] };
  const parts = num
    .slice(slash + 1)
    .split(/[-/]/)
    .filter((p) => p !== '' && !/^\d{4}$/.test(p));
  const first = parts[0] ?? '';
  if (first in NUMBER_CODES) return { code: first, issuers: parts.slice(1) };
  return { code: null, issuers: parts };
}

/** Marks of an official letter: the subject line and the salutation. */
export const LETTER_MARKS: readonly RegExp[] = [/^V\/v\b/u, /^Về việc\b/u, /^Kính gửi\s*:/u];

/**
 * The note under an attached plan's title naming the decision that issued it:
 * "(Ban hành kèm theo Quyết định số 123/QĐ-UBND ngày 12/3/2024 của UBND tỉnh)", "(Kèm theo Quyết định số …)".
 * Counter-example: "Ban hành kèm theo Quyết định này Kế hoạch …" (the decision's Điều 1, no number follows).
 */
export const ATTACHED_BY_RE = /^\(?\s*(?:Ban hành\s+)?kèm\s+theo\s+Quyết\s+định\s+(?:số\s*)?/iu;
