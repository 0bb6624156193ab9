// Section-heading aliases and the markers that bound a plan's body. Plans follow the layout of
// Nghị định 30/2020/NĐ-CP: header (issuer, number, place and date), document type and title, a preamble
// citing what the plan implements, Roman-numeral sections, a closing formula ("Trên đây là Kế hoạch …"),
// "Nơi nhận:", the signature block and appendices ("PHỤ LỤC").
import { z } from 'zod';
import { fuzzyIncluder } from './fuzzy.js';
import { foldName } from './provinces.js';

export const SECTION_KINDS = [
  'basis',
  'viewpoints',
  'purpose',
  'objectives',
  'scope',
  'tasks',
  'budget',
  'implementation',
  'reporting',
  'assessment',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const AliasSchema = z.object({ kind: z.enum(SECTION_KINDS), phrases: z.array(z.string().min(2)).min(1) });

// Order matters: a heading takes the first kind one of whose phrases it contains, so the more specific
// headings come first ("TỔ CHỨC THỰC HIỆN" before "NHIỆM VỤ", "CHẾ ĐỘ BÁO CÁO" before "TỔ CHỨC").
export const SECTION_ALIASES = z.array(AliasSchema).parse([
  { kind: 'reporting', phrases: ['chế độ báo cáo', 'chế độ thông tin', 'thông tin, báo cáo', 'theo dõi, kiểm tra'] },
  {
    kind: 'implementation',
    phrases: ['tổ chức thực hiện', 'phân công nhiệm vụ', 'phân công thực hiện', 'trách nhiệm thực hiện', 'phân công'],
  },
  { kind: 'budget', phrases: ['kinh phí', 'nguồn lực', 'nguồn vốn', 'dự toán'] },
  { kind: 'objectives', phrases: ['mục tiêu', 'chỉ tiêu'] },
  { kind: 'purpose', phrases: ['mục đích', 'yêu cầu'] },
  { kind: 'viewpoints', phrases: ['quan điểm', 'nguyên tắc'] },
  { kind: 'scope', phrases: ['đối tượng', 'phạm vi', 'thời gian'] },
  { kind: 'basis', phrases: ['căn cứ', 'sự cần thiết', 'cơ sở pháp lý'] },
  { kind: 'assessment', phrases: ['kết quả', 'tình hình', 'đánh giá', 'dự báo'] },
  { kind: 'tasks', phrases: ['nhiệm vụ', 'giải pháp', 'nội dung', 'hoạt động', 'lộ trình'] },
]);

/**
 * Other words section headings are made of ("KINH PHÍ THỰC HIỆN", "NHIỆM VỤ CỤ THỂ", "GIẢI PHÁP CHỦ YẾU"): with
 * the alias phrases above, the vocabulary an OCR'd heading is matched against (src/extract/sections.ts).
 */
export const HEADING_WORDS: readonly string[] = z
  .array(z.string().min(2))
  .parse(['thực hiện', 'cụ thể', 'chủ yếu', 'trọng tâm', 'trọng điểm', 'tổng quát', 'chung']);

const FOLDED_ALIASES = SECTION_ALIASES.map((a) => ({ kind: a.kind, phrases: a.phrases.map(foldName) }));
/** A plan's section titles are classified by more than one stage: remember (bounded, cleared when full). */
const classified = new Map<string, SectionKind | null>();

/** What a section is about, from its title ("II. NHIỆM VỤ VÀ GIẢI PHÁP" → tasks); null when unrecognised. */
export function classifySection(title: string): SectionKind | null {
  const known = classified.get(title);
  if (known !== undefined) return known;
  const kind = classify(title);
  if (classified.size >= 5_000) classified.clear();
  classified.set(title, kind);
  return kind;
}

function classify(title: string): SectionKind | null {
  const t = foldName(title);
  for (const alias of FOLDED_ALIASES) {
    if (alias.phrases.some((ph) => t.includes(ph))) return alias.kind;
  }
  // Scanned plans: the same phrases up to OCR noise ("MỤC TIỂU", "TỎ CHỨC THỰC HIỆN"), after no exact match.
  const includes = fuzzyIncluder(title);
  for (const alias of SECTION_ALIASES) {
    if (alias.phrases.some(includes)) return alias.kind;
  }
  return null;
}

/** Letter labels in Vietnamese alphabetical order (no f, j, w, z; đ after d). */
export const LETTER_ORDER: readonly string[] = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

/** Paragraph openers of the closing formula that ends the body. */
export const CLOSING_OPENERS: readonly string[] = z.array(z.string()).parse(['Trên đây là', 'Trên đây là nội dung']);

/** Line openers that start the tail: recipients, signature, appendices, footnotes. */
export const TAIL_PATTERNS: readonly RegExp[] = [
  /^Nơi nhận\s*:/,
  /^(?:TM|KT|TL|TUQ|Q)\s*\.\s*(?:ỦY BAN|UỶ BAN|CHỦ TỊCH|GIÁM ĐỐC|BAN|HỘI ĐỒNG)/u,
  /^PHỤ LỤC\b/u,
  /^Phụ lục(?:\s+(?:số\s+)?[0-9IVXLC]+[a-z]?)?\s*[.:]?\s*$/u,
];

/** Headings of document parts above the Roman sections ("PHẦN I", "Phần thứ hai"). */
export const PART_PATTERN = /^PHẦN\s+(?:THỨ\s+)?([IVXLC]+|[0-9]+|NHẤT|HAI|BA|TƯ|NĂM)\b/iu;

/** Titles of parts that review past results rather than plan (B01 "PHẦN I. KẾT QUẢ THỰC HIỆN …"). */
export const REVIEW_PART_PHRASES: readonly string[] = ['kết quả', 'đánh giá', 'tình hình thực hiện', 'tổng kết'];
