// Provinces and centrally-run cities: the 63 units before the 2025 merger and the 34 after it
// (Nghị quyết 202/2025/QH15, effective 12/6/2025). A plan names its issuer in either era, so both lists
// are kept; an entry valid in both eras appears once with era 'both'.
import { z } from 'zod';

const ProvinceSchema = z.object({
  /** Canonical spelling, without the "tỉnh"/"thành phố" prefix. */
  name: z.string().min(2),
  kind: z.enum(['province', 'city']),
  era: z.enum(['pre-2025', 'post-2025', 'both']),
  /** Other spellings seen in documents (tone placement, "Đăk"/"Đắk", hyphenation, abbreviations). */
  variants: z.array(z.string()).default([]),
  /** For units dissolved in 2025: the post-2025 unit that absorbed them. */
  mergedInto: z.string().optional(),
});
export type Province = z.infer<typeof ProvinceSchema>;

type Raw = z.input<typeof ProvinceSchema>;
const p = (name: string, extra: Partial<Raw> = {}): Raw => ({ name, kind: 'province', era: 'both', ...extra });
const city = (name: string, extra: Partial<Raw> = {}): Raw => ({ name, kind: 'city', era: 'both', ...extra });
const gone = (name: string, mergedInto: string, variants: string[] = []): Raw => ({
  name,
  kind: 'province',
  era: 'pre-2025',
  mergedInto,
  variants,
});

const RAW: Raw[] = [
  // Centrally-run cities.
  city('Hà Nội'),
  city('Hồ Chí Minh', { variants: ['TP Hồ Chí Minh', 'TP. Hồ Chí Minh', 'TP.HCM', 'TPHCM', 'TP HCM', 'Sài Gòn'] }),
  city('Hải Phòng'),
  city('Đà Nẵng'),
  city('Cần Thơ'),
  city('Huế', { era: 'post-2025' }),
  // Units unchanged by the merger or that kept their name while absorbing neighbours.
  p('Lai Châu'),
  p('Điện Biên'),
  p('Sơn La'),
  p('Lạng Sơn'),
  p('Quảng Ninh'),
  p('Thanh Hóa'),
  p('Nghệ An'),
  p('Hà Tĩnh'),
  p('Cao Bằng'),
  p('Tuyên Quang'),
  p('Lào Cai'),
  p('Thái Nguyên'),
  p('Phú Thọ'),
  p('Bắc Ninh'),
  p('Hưng Yên'),
  p('Ninh Bình'),
  p('Quảng Trị'),
  p('Quảng Ngãi'),
  p('Gia Lai'),
  p('Khánh Hòa'),
  p('Lâm Đồng'),
  p('Đắk Lắk', { variants: ['Đăk Lăk', 'Đắc Lắc', 'Đắk Lăk', 'Đăk Lắk', 'Daklak'] }),
  p('Đồng Nai'),
  p('Tây Ninh'),
  p('Vĩnh Long'),
  p('Đồng Tháp'),
  p('Cà Mau'),
  p('An Giang'),
  // Dissolved in 2025.
  { name: 'Thừa Thiên Huế', kind: 'province', era: 'pre-2025', mergedInto: 'Huế', variants: ['Thừa Thiên - Huế'] },
  gone('Hà Giang', 'Tuyên Quang'),
  gone('Yên Bái', 'Lào Cai'),
  gone('Bắc Kạn', 'Thái Nguyên', ['Bắc Cạn']),
  gone('Vĩnh Phúc', 'Phú Thọ'),
  gone('Hòa Bình', 'Phú Thọ'),
  gone('Bắc Giang', 'Bắc Ninh'),
  gone('Thái Bình', 'Hưng Yên'),
  gone('Hải Dương', 'Hải Phòng'),
  gone('Hà Nam', 'Ninh Bình'),
  gone('Nam Định', 'Ninh Bình'),
  gone('Quảng Bình', 'Quảng Trị'),
  gone('Quảng Nam', 'Đà Nẵng'),
  gone('Kon Tum', 'Quảng Ngãi', ['Kontum']),
  gone('Bình Định', 'Gia Lai'),
  gone('Ninh Thuận', 'Khánh Hòa'),
  gone('Đắk Nông', 'Lâm Đồng', ['Đăk Nông', 'Đắc Nông']),
  gone('Bình Thuận', 'Lâm Đồng'),
  gone('Phú Yên', 'Đắk Lắk'),
  gone('Bà Rịa - Vũng Tàu', 'Hồ Chí Minh', ['Bà Rịa Vũng Tàu', 'BR-VT']),
  gone('Bình Dương', 'Hồ Chí Minh'),
  gone('Bình Phước', 'Đồng Nai'),
  gone('Long An', 'Tây Ninh'),
  gone('Sóc Trăng', 'Cần Thơ'),
  gone('Hậu Giang', 'Cần Thơ'),
  gone('Bến Tre', 'Vĩnh Long'),
  gone('Trà Vinh', 'Vĩnh Long'),
  gone('Tiền Giang', 'Đồng Tháp'),
  gone('Bạc Liêu', 'Cà Mau'),
  gone('Kiên Giang', 'An Giang'),
];

export const PROVINCES: readonly Province[] = z.array(ProvinceSchema).parse(RAW);

// Old ("oà", "uý") and new ("òa", "úy") tone placement are both in use; fold them to one form. Every
// replacement keeps the string length, so offsets computed on folded text stay valid. The pairs never overlap
// nor make a new pair, so one pass over the alternation equals one pass per pair.
const TONE_FOLD: Readonly<Record<string, string>> = {
  oà: 'òa',
  oá: 'óa',
  oả: 'ỏa',
  oã: 'õa',
  oạ: 'ọa',
  oè: 'òe',
  oé: 'óe',
  oẻ: 'ỏe',
  oẽ: 'õe',
  oẹ: 'ọe',
  uỳ: 'ùy',
  uý: 'úy',
  uỷ: 'ủy',
  uỹ: 'ũy',
  uỵ: 'ụy',
};
const TONE_FOLD_RE = /o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]/g;
/** Characters that can be anything but NFC already (see src/normalise/clean.ts). */
const MAYBE_NOT_NFC_RE = /[^\u0000-\u02FF\u1E00-\u1EFF\u2002-\u2027\u2030-\u205E]/;

/** Names, titles and phrases are folded again and again by every rule table: remember (bounded, cleared when full). */
const folded = new Map<string, string>();
const FOLD_MEMO_MAX = 20_000;
const FOLD_MEMO_CHARS = 400;

/** Lower-case, NFC, one tone placement, no punctuation, single spaces: the key names are compared by. */
export function foldName(s: string): string {
  if (s.length > FOLD_MEMO_CHARS) return fold(s);
  const known = folded.get(s);
  if (known !== undefined) return known;
  const out = fold(s);
  if (folded.size >= FOLD_MEMO_MAX) folded.clear();
  folded.set(s, out);
  return out;
}

function fold(s: string): string {
  const lower = (MAYBE_NOT_NFC_RE.test(s) ? s.normalize('NFC') : s).toLowerCase();
  return lower
    .replace(TONE_FOLD_RE, (pair) => TONE_FOLD[pair] ?? pair)
    .replace(/[.\-–—_,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, Province>();
for (const prov of PROVINCES) {
  for (const v of [prov.name, ...prov.variants]) {
    const key = foldName(v);
    if (!BY_KEY.has(key)) BY_KEY.set(key, prov);
  }
}
// Spellings without spaces ("tphcm") are keyed too so "TP.HCM" and "TPHCM" meet.
for (const [key, prov] of [...BY_KEY]) {
  const compact = key.replace(/ /g, '');
  if (!BY_KEY.has(compact)) BY_KEY.set(compact, prov);
}

/** The province or centrally-run city a name denotes, or null. Accepts a leading "tỉnh"/"thành phố"/"TP". */
export function lookupProvince(name: string): Province | null {
  const key = foldName(name);
  const direct = BY_KEY.get(key) ?? BY_KEY.get(key.replace(/ /g, ''));
  if (direct) return direct;
  const stripped = key.replace(/^(?:tỉnh|thành phố|tp)\s*/, '');
  return BY_KEY.get(stripped) ?? BY_KEY.get(stripped.replace(/ /g, '')) ?? null;
}

/** Longest prefix of `words` (up to 5 words) that names a province; returns it and how many words it took. */
export function matchProvinceWords(words: readonly string[]): { province: Province; words: number } | null {
  for (let n = Math.min(5, words.length); n >= 1; n--) {
    const prov = lookupProvince(words.slice(0, n).join(' '));
    if (prov) return { province: prov, words: n };
  }
  return null;
}

/** Provinces of one era: 63 before the merger, 34 after. */
export function provincesOf(era: 'pre-2025' | 'post-2025'): Province[] {
  return PROVINCES.filter((x) => x.era === era || x.era === 'both');
}
