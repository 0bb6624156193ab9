// Kinds of Vietnamese legal and administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục III) with the
// abbreviations used in their numbers ("1437/QĐ-TTg" → Quyết định), and issuers that a number's suffix
// names unambiguously ("-TTg" → Thủ tướng Chính phủ).
import { z } from 'zod';
import { fuzzyEquals } from './fuzzy.js';

const DocumentKindSchema = z.object({
  /** Canonical name as written in running text. */
  name: z.string().min(2),
  /** Abbreviations used in document numbers ("QĐ" in "1437/QĐ-TTg", "NQ" in "57-NQ/TW"). */
  codes: z.array(z.string()),
  /** True when a plan commonly cites it as a legal basis ("Căn cứ …", "Thực hiện …"). */
  basis: z.boolean(),
});
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

// Longer names first so "Kế hoạch hành động" wins over "Kế hoạch" when composed into an alternation.
export const DOCUMENT_KINDS: readonly DocumentKind[] = z.array(DocumentKindSchema).parse([
  { name: 'Hiến pháp', codes: [], basis: true },
  { name: 'Bộ luật', codes: [], basis: true },
  { name: 'Luật', codes: [], basis: true },
  { name: 'Pháp lệnh', codes: ['PL'], basis: true },
  { name: 'Nghị quyết liên tịch', codes: ['NQLT'], basis: true },
  { name: 'Nghị quyết', codes: ['NQ'], basis: true },
  { name: 'Nghị định', codes: ['NĐ'], basis: true },
  { name: 'Quyết định', codes: ['QĐ'], basis: true },
  { name: 'Chỉ thị', codes: ['CT'], basis: true },
  { name: 'Thông tư liên tịch', codes: ['TTLT'], basis: true },
  { name: 'Thông tư', codes: ['TT'], basis: true },
  { name: 'Chương trình hành động', codes: ['CTr', 'CTHĐ'], basis: true },
  { name: 'Kế hoạch hành động', codes: ['KH'], basis: true },
  { name: 'Kế hoạch', codes: ['KH'], basis: true },
  { name: 'Chương trình', codes: ['CTr'], basis: true },
  { name: 'Công văn', codes: ['CV'], basis: true },
  { name: 'Công điện', codes: ['CĐ'], basis: true },
  { name: 'Hướng dẫn', codes: ['HD'], basis: true },
  { name: 'Kết luận', codes: ['KL'], basis: true },
  { name: 'Thông báo', codes: ['TB'], basis: true },
  { name: 'Đề án', codes: ['ĐA'], basis: true },
  { name: 'Quy định', codes: ['QĐi'], basis: true },
  { name: 'Tờ trình', codes: ['TTr'], basis: false },
  { name: 'Báo cáo', codes: ['BC'], basis: false },
]);

/** Issuers a number's suffix names unambiguously. Party suffixes ("/TW", "/TU") are left out: several bodies use them. */
export const ISSUER_BY_SUFFIX: ReadonlyArray<{ pattern: RegExp; issuer: string }> = [
  { pattern: /-TTg$/, issuer: 'Thủ tướng Chính phủ' },
  { pattern: /\/(?:NĐ|NQ)-CP$/, issuer: 'Chính phủ' },
  { pattern: /\/QH\d*$/, issuer: 'Quốc hội' },
  { pattern: /\/UBTVQH\d*$/, issuer: 'Ủy ban Thường vụ Quốc hội' },
];

/** The kind whose canonical name matches `s` ignoring case ("KẾ HOẠCH" → Kế hoạch), or null. */
export function documentKindByName(s: string): DocumentKind | null {
  const key = s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  // A scanned "KÉ HOẠCH" is still a plan: the exact name first, then the same name up to OCR noise.
  return (
    DOCUMENT_KINDS.find((k) => k.name.toLowerCase() === key) ??
    DOCUMENT_KINDS.find((k) => fuzzyEquals(key, k.name)) ??
    null
  );
}

/** The kind a document number's type code denotes ("824/KH-UBND" → Kế hoạch), or null. */
export function documentKindByNumber(num: string): DocumentKind | null {
  // Party documents put the type before the slash ("57-NQ/TW"); State documents after it ("1437/QĐ-TTg").
  const m = /^\d+-([A-ZĐa-zđ]+)\//u.exec(num) ?? /\/([A-ZĐa-zđ]+)(?:-|\/|$)/u.exec(num);
  const code = m?.[1];
  if (!code) return null;
  // Several kinds share a code ("KH": Kế hoạch and Kế hoạch hành động): the code only says the generic kind.
  const kinds = DOCUMENT_KINDS.filter((k) => k.codes.includes(code));
  return kinds.reduce<DocumentKind | null>((a, k) => (a && a.name.length <= k.name.length ? a : k), null);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of every citable kind, longest first, for composing reference patterns. */
export function basisKindAlternation(): string {
  return DOCUMENT_KINDS.filter((k) => k.basis)
    .map((k) => k.name)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|');
}

/** Words that open a preamble paragraph citing the documents a plan implements. */
export const BASIS_OPENERS: readonly string[] = z
  .array(z.string())
  .parse(['Căn cứ', 'Thực hiện', 'Triển khai', 'Theo', 'Trên cơ sở', 'Tiếp tục thực hiện', 'Thi hành']);

/**
 * Words that end an issuer phrase after "của": what follows is the cited document's subject.
 * "của Thủ tướng Chính phủ phê duyệt …" → "Thủ tướng Chính phủ".
 */
export const ISSUER_STOP_WORDS: readonly string[] = z
  .array(z.string())
  .parse([
    'về',
    'phê duyệt',
    'ban hành',
    'quy định',
    'hướng dẫn',
    'sửa đổi',
    'thông báo',
    'triển khai',
    'thực hiện',
    'tiếp tục',
    'đẩy mạnh',
    'tăng cường',
    'điều chỉnh',
    'bổ sung',
    'giao',
    'phân bổ',
    'kết luận',
    'tổ chức',
    'thúc đẩy',
    'đột phá',
    'phát triển',
    'nâng cao',
    'quyết định',
    'công bố',
    'trên địa bàn',
    'Thực hiện',
    'Căn cứ',
    'Triển khai',
    'tại',
    'đã',
    'sau đây',
  ]);

/**
 * Issuer names with a comma inside, which the comma-stops-the-name rule would cut ("Bộ Văn hóa, Thể thao và Du
 * lịch" → "Bộ Văn hóa"), and committees named for their subject ("Ủy ban Quốc gia về Chuyển đổi số"), which
 * the "về"-starts-the-subject rule would cut. Matched at the start of the issuer phrase, case-sensitively.
 */
export const ISSUER_NAMES: readonly string[] = z
  .array(z.string().min(3))
  .parse([
    'Bộ Văn hóa, Thể thao và Du lịch',
    'Bộ Văn hoá, Thể thao và Du lịch',
    'Bộ Văn hóa - Thông tin',
    'Sở Văn hóa, Thể thao và Du lịch',
    'Sở Văn hoá, Thể thao và Du lịch',
    'Sở Văn hóa, Thể thao',
    'Sở Văn hóa, Thông tin, Thể thao và Du lịch',
    'Ủy ban Quốc gia về Chuyển đổi số',
    'Ủy ban Quốc gia về chuyển đổi số',
    'Ủy ban Quốc gia về người cao tuổi Việt Nam',
    'Ủy ban Quốc gia về trẻ em',
    'Ủy ban Quốc gia phòng, chống AIDS, ma túy, mại dâm',
    'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
  ])
  .sort((a, b) => b.length - a.length);

/** Positions a signer holds, longest first ("PHÓ CHỦ TỊCH" before "CHỦ TỊCH"). */
export const SIGNER_POSITIONS: readonly string[] = z
  .array(z.string())
  .parse([
    'PHÓ CHỦ TỊCH THƯỜNG TRỰC',
    'PHÓ CHỦ TỊCH',
    'CHỦ TỊCH',
    'PHÓ CHÁNH VĂN PHÒNG',
    'CHÁNH VĂN PHÒNG',
    'PHÓ GIÁM ĐỐC',
    'GIÁM ĐỐC',
    'PHÓ TRƯỞNG BAN',
    'TRƯỞNG BAN',
    'PHÓ BÍ THƯ',
    'BÍ THƯ',
    // National documents: "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG".
    'PHÓ THỦ TƯỚNG',
    'THỦ TƯỚNG',
    'BỘ TRƯỞNG',
    'THỨ TRƯỞNG',
    'PHÓ CỤC TRƯỞNG',
    'CỤC TRƯỞNG',
  ])
  .sort((a, b) => b.length - a.length);

/** Authority markers of a signature block: "TM." (on behalf of), "KT." (deputising), "TL.", "TUQ.", "Q.". */
export const AUTHORITY_MARKERS: readonly string[] = ['TM', 'KT', 'TL', 'TUQ', 'Q'];
