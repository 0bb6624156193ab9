// Who issues a document: the issuer block at the top left of the header (Nghị định 30/2020/NĐ-CP, Phụ lục I).
// The block holds the issuing body in bold, under the body it belongs to when there is one:
//
//   ỦY BAN NHÂN DÂN / TỈNH BÌNH DƯƠNG           the provincial committee itself
//   UBND TỈNH QUẢNG NAM / SỞ Y TẾ               a department of the province: issuer "Sở Y tế tỉnh Quảng Nam"
//   BỘ Y TẾ                                      a ministry: no province
//   THỦ TƯỚNG CHÍNH PHỦ, CHÍNH PHỦ               national: no province
//   SỞ Y TẾ - CÔNG ĐOÀN NGÀNH Y TẾ               a joint plan (number "…/KH-SYT-CĐN"): both issue it
//
// The codes after a number's type code name the issuers too ("/KH-SYT" Sở Y tế; "/KH-SYT-CĐN" two issuers), so a
// header the reader mangled can be checked against — or, with lower confidence, replaced by — the number.
import { z } from 'zod';
import { foldName } from './provinces.js';

export const ISSUER_KINDS = [
  'people-committee',
  'department',
  'ministry',
  'government',
  'prime-minister',
  'party',
  'mass-organisation',
  'other',
] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/** Bodies whose issuer name carries the province ("Sở Y tế tỉnh Quảng Nam"); national bodies do not. */
export const PROVINCIAL_KINDS: ReadonlySet<IssuerKind> = new Set(['people-committee', 'department', 'party', 'other']);

const UnitHeadSchema = z.object({
  /** How the body's name opens in a header, upper case ("SỞ", "BỘ", "CÔNG ĐOÀN"). */
  head: z.string().min(2),
  kind: z.enum(ISSUER_KINDS),
  /** A fixed name ("Thủ tướng Chính phủ"); otherwise the name is the line as written, in sentence case. */
  name: z.string().optional(),
});

// Longest first: "BỘ CHỈ HUY QUÂN SỰ" is no ministry, "THỦ TƯỚNG CHÍNH PHỦ" is not "CHÍNH PHỦ".
// Counter-examples: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (the national motto, right column), "Số: …" (the number).
export const UNIT_HEADS = z
  .array(UnitHeadSchema)
  .parse([
    { head: 'THỦ TƯỚNG CHÍNH PHỦ', kind: 'prime-minister', name: 'Thủ tướng Chính phủ' },
    { head: 'CHÍNH PHỦ', kind: 'government', name: 'Chính phủ' },
    { head: 'VĂN PHÒNG CHÍNH PHỦ', kind: 'ministry', name: 'Văn phòng Chính phủ' },
    { head: 'BỘ CHỈ HUY QUÂN SỰ', kind: 'department' },
    { head: 'BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG', kind: 'department' },
    { head: 'BỘ', kind: 'ministry' },
    { head: 'SỞ', kind: 'department' },
    { head: 'CÔNG AN', kind: 'department' },
    { head: 'BAN QUẢN LÝ', kind: 'department' },
    { head: 'THANH TRA', kind: 'department' },
    { head: 'VĂN PHÒNG', kind: 'department' },
    { head: 'CHI CỤC', kind: 'department' },
    { head: 'TỔNG CỤC', kind: 'ministry' },
    { head: 'CỤC', kind: 'ministry' },
    { head: 'BẢO HIỂM XÃ HỘI', kind: 'department' },
    { head: 'TỈNH ỦY', kind: 'party' },
    { head: 'TỈNH UỶ', kind: 'party' },
    { head: 'THÀNH ỦY', kind: 'party' },
    { head: 'THÀNH UỶ', kind: 'party' },
    { head: 'BAN CHỈ ĐẠO', kind: 'other' },
    { head: 'BAN', kind: 'party' },
    { head: 'CÔNG ĐOÀN', kind: 'mass-organisation' },
    { head: 'LIÊN ĐOÀN LAO ĐỘNG', kind: 'mass-organisation' },
    { head: 'ĐOÀN THANH NIÊN', kind: 'mass-organisation' },
    { head: 'TỈNH ĐOÀN', kind: 'mass-organisation' },
    { head: 'THÀNH ĐOÀN', kind: 'mass-organisation' },
    { head: 'HỘI', kind: 'mass-organisation' },
    { head: 'ỦY BAN MẶT TRẬN', kind: 'mass-organisation' },
    { head: 'UỶ BAN MẶT TRẬN', kind: 'mass-organisation' },
    { head: 'ỦY BAN MTTQ', kind: 'mass-organisation' },
    { head: 'TRUNG TÂM', kind: 'other' },
    { head: 'TRƯỜNG', kind: 'other' },
    { head: 'BỆNH VIỆN', kind: 'other' },
    { head: 'HỘI ĐỒNG', kind: 'other' },
  ])
  .sort((a, b) => b.head.length - a.head.length);

/**
 * Names as written in running text, for names whose capitals the sentence-case rule below gets wrong or that
 * readers see abbreviated. Keyed by foldName of the upper-case header text.
 */
const KNOWN_NAMES: readonly string[] = z
  .array(z.string().min(3))
  .parse([
    'Sở Công Thương',
    'Bộ Công Thương',
    'Sở Giao thông vận tải',
    'Bộ Giao thông vận tải',
    'Sở Nông nghiệp và Phát triển nông thôn',
    'Bộ Nông nghiệp và Phát triển nông thôn',
    'Sở Lao động - Thương binh và Xã hội',
    'Bộ Lao động - Thương binh và Xã hội',
    'Sở Văn hóa, Thể thao và Du lịch',
    'Bộ Văn hóa, Thể thao và Du lịch',
    'Sở Thông tin và Truyền thông',
    'Bộ Thông tin và Truyền thông',
    'Bộ Chỉ huy Quân sự',
    'Bộ Chỉ huy Bộ đội Biên phòng',
    'Công an',
    'Văn phòng Ủy ban nhân dân',
    'Văn phòng UBND',
    'Ban Quản lý các khu công nghiệp',
    'Ban Quản lý Khu kinh tế',
    'Bảo hiểm xã hội',
    'Liên đoàn Lao động',
    'Công đoàn ngành Y tế',
    'Công đoàn ngành Giáo dục',
    'Ủy ban Mặt trận Tổ quốc Việt Nam',
    'Tỉnh ủy',
    'Thành ủy',
    'Tỉnh đoàn',
    'Thành đoàn',
  ]);
const KNOWN_BY_KEY = new Map(KNOWN_NAMES.map((n) => [foldName(n), n]));

/**
 * Sentence case for a body's name printed in capitals: the first word of the name and of each coordinated part
 * after "và", ",", "-" keeps its capital ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo", "SỞ VĂN HÓA, THỂ
 * THAO VÀ DU LỊCH" → "Sở Văn hóa, Thể thao và Du lịch", "BỘ Y TẾ" → "Bộ Y tế"). Known exceptions come from the
 * table above ("Sở Công Thương").
 */
export function bodyName(upper: string): string {
  const clean = upper.replace(/\s+/g, ' ').trim();
  const known = KNOWN_BY_KEY.get(foldName(clean));
  if (known) return known;
  const words = clean.toLowerCase().split(' ');
  const out: string[] = [];
  let capNext = true;
  for (const [i, w] of words.entries()) {
    // The head word ("sở", "bộ") then the first word of the name proper.
    const cap = i <= 1 || capNext;
    out.push(cap ? w.charAt(0).toUpperCase() + w.slice(1) : w);
    capNext = w === 'và' || w === '-' || w.endsWith(',');
    if (w === 'và' || w === '-') out[out.length - 1] = w;
  }
  return out.join(' ');
}

/** The unit head a header line opens with, or null ("SỞ Y TẾ" → SỞ/department). */
export function unitHeadOf(line: string): z.infer<typeof UnitHeadSchema> | null {
  const t = line.normalize('NFC').replace(/\s+/g, ' ').trim();
  for (const u of UNIT_HEADS) {
    if (t === u.head || t.startsWith(`${u.head} `)) return u;
  }
  return null;
}

const IssuerCodeSchema = z.object({
  /** The code as it appears after the type code of a number ("SYT" in "15/KH-SYT"). */
  code: z.string().min(1),
  name: z.string().min(2),
  kind: z.enum(ISSUER_KINDS),
});

// Issuer codes of document numbers. Examples: "824/KH-UBND" (Ủy ban nhân dân), "1437/QĐ-TTg" (Thủ tướng), "15/KH-SYT"
// (Sở Y tế), "3/KH-SYT-CĐN" (Sở Y tế with Công đoàn ngành Y tế), "40/KH-BYT" (Bộ Y tế). Counter-examples: the
// department's office codes in a letter's number ("2345/SYT-NVY": NVY is the office that drafted it, not an issuer)
// are never read because letters carry no plan type code; the year in "163/2024/QH15" is skipped by splitNumber.
export const ISSUER_CODES: readonly z.infer<typeof IssuerCodeSchema>[] = z.array(IssuerCodeSchema).parse([
  { code: 'UBND', name: 'Ủy ban nhân dân', kind: 'people-committee' },
  { code: 'TTg', name: 'Thủ tướng Chính phủ', kind: 'prime-minister' },
  { code: 'CP', name: 'Chính phủ', kind: 'government' },
  { code: 'SYT', name: 'Sở Y tế', kind: 'department' },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', kind: 'department' },
  { code: 'SGDĐT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' },
  { code: 'SGD&ĐT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' },
  { code: 'SLĐTBXH', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'department' },
  { code: 'SNN', name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'department' },
  { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'department' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'department' },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường', kind: 'department' },
  { code: 'SKHĐT', name: 'Sở Kế hoạch và Đầu tư', kind: 'department' },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department' },
  { code: 'SVHTT', name: 'Sở Văn hóa và Thể thao', kind: 'department' },
  { code: 'STC', name: 'Sở Tài chính', kind: 'department' },
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'department' },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'department' },
  { code: 'SCT', name: 'Sở Công Thương', kind: 'department' },
  { code: 'SXD', name: 'Sở Xây dựng', kind: 'department' },
  { code: 'SGTVT', name: 'Sở Giao thông vận tải', kind: 'department' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department' },
  { code: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', kind: 'department' },
  { code: 'SNgV', name: 'Sở Ngoại vụ', kind: 'department' },
  { code: 'CAT', name: 'Công an tỉnh', kind: 'department' },
  { code: 'BCH', name: 'Bộ Chỉ huy Quân sự tỉnh', kind: 'department' },
  { code: 'BYT', name: 'Bộ Y tế', kind: 'ministry' },
  { code: 'BGDĐT', name: 'Bộ Giáo dục và Đào tạo', kind: 'ministry' },
  { code: 'BTTTT', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry' },
  { code: 'BCA', name: 'Bộ Công an', kind: 'ministry' },
  { code: 'BQP', name: 'Bộ Quốc phòng', kind: 'ministry' },
  { code: 'BTC', name: 'Bộ Tài chính', kind: 'ministry' },
  { code: 'BKHĐT', name: 'Bộ Kế hoạch và Đầu tư', kind: 'ministry' },
  { code: 'BNV', name: 'Bộ Nội vụ', kind: 'ministry' },
  { code: 'BTP', name: 'Bộ Tư pháp', kind: 'ministry' },
  { code: 'BCT', name: 'Bộ Công Thương', kind: 'ministry' },
  { code: 'BXD', name: 'Bộ Xây dựng', kind: 'ministry' },
  { code: 'BGTVT', name: 'Bộ Giao thông vận tải', kind: 'ministry' },
  { code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ', kind: 'ministry' },
  { code: 'BLĐTBXH', name: 'Bộ Lao động - Thương binh và Xã hội', kind: 'ministry' },
  { code: 'BNNPTNT', name: 'Bộ Nông nghiệp và Phát triển nông thôn', kind: 'ministry' },
  { code: 'BNNMT', name: 'Bộ Nông nghiệp và Môi trường', kind: 'ministry' },
  { code: 'BTNMT', name: 'Bộ Tài nguyên và Môi trường', kind: 'ministry' },
  { code: 'BVHTTDL', name: 'Bộ Văn hóa, Thể thao và Du lịch', kind: 'ministry' },
  { code: 'BNG', name: 'Bộ Ngoại giao', kind: 'ministry' },
  { code: 'CĐN', name: 'Công đoàn ngành', kind: 'mass-organisation' },
  { code: 'LĐLĐ', name: 'Liên đoàn Lao động', kind: 'mass-organisation' },
  { code: 'TU', name: 'Tỉnh ủy', kind: 'party' },
  { code: 'TĐTN', name: 'Tỉnh đoàn', kind: 'mass-organisation' },
  { code: 'MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam', kind: 'mass-organisation' },
  { code: 'BCĐ', name: 'Ban Chỉ đạo', kind: 'other' },
]);
const CODE_BY_KEY = new Map(ISSUER_CODES.map((c) => [c.code.toUpperCase(), c]));

/** The issuer an issuer code of a number names, or null ("SYT" → Sở Y tế). */
export function issuerByCode(code: string): z.infer<typeof IssuerCodeSchema> | null {
  return CODE_BY_KEY.get(code.normalize('NFC').toUpperCase()) ?? null;
}
