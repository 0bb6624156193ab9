// Metadata: the header block (issuer, "Số:", place and date, document type, title), the period, the signer,
// the legal basis and the recipients.
//
// Policy for values every issued plan states (issuer, province, number, type, date, place, title, signer):
// when absent they are null with confidence medium and the flag `missing`; an unissued draft's blank number
// and date ("Số: …/KH-UBND", "ngày … tháng … năm 2023") are null with `draft` instead. Values taken from
// somewhere other than their usual place (province from the body, a period's start from the issue year)
// carry `inferred` and confidence medium. Optional values (period, legal basis) are simply null/empty.
import { absent, field } from '../contract/field.js';
import type { Field, Metadata, Span } from '../contract/schema.js';
import type { Doc, Line, Outline, Zones } from '../doc/types.js';
import { splitNumber, TYPE_LINES } from '../rules/doc-kinds.js';
import { bodyName, type IssuerKind, issuerByCode, PROVINCIAL_KINDS, unitHeadOf } from '../rules/issuers.js';
import { documentKindByName, documentKindByNumber } from '../rules/legal.js';
import { lookupProvince, matchProvinceWords, type Province } from '../rules/provinces.js';
import { cleanText } from '../text/clean.js';
import { isoDate } from './dates.js';
import { extractLegalBasis } from './legal-basis.js';
import { parseLabel } from './outline.js';
import { findRecipients, findSigners } from './signature.js';

const MISSING = ['missing'];
/** The 2025 merger took effect on 12 June 2025; documents after it name the 34 new units. */
const MERGER_DATE = '2025-06-12';

function span(doc: Doc, start: number, end: number): Span {
  let lo = 0;
  let hi = doc.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.lines[mid]?.start ?? 0) <= start) lo = mid;
    else hi = mid - 1;
  }
  return { start, end, line: doc.lines[lo]?.number ?? 1 };
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Issuer and province.

interface PlaceMatch {
  province: Province | null;
  /** The name as written, when it is not in the provinces table. */
  raw: string;
  prefix: 'tỉnh' | 'thành phố';
  start: number;
  end: number;
}

// "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "Ủy ban nhân dân thành phố Cần Thơ", "UBND TP. Hồ Chí Minh".
const ISSUER_RE = /(?<![\p{L}])(?:[UỦ][YỶ]\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(TỈNH|THÀNH\s+PHỐ|TP\.?)\s*/giu;
const WORDS_RE = /^[^\s|,;:()]+(?:[ \t]+[^\s|,;:()]+){0,5}/u;

/** Province words after a "tỉnh"/"thành phố" prefix ending at `at`. */
function provinceAfter(text: string, at: number, prefixText: string): PlaceMatch | null {
  const m = WORDS_RE.exec(text.slice(at, at + 120));
  if (!m) return null;
  const words = m[0].split(/[ \t]+/);
  const hit = matchProvinceWords(words);
  const prefix = /^t[iỉ]nh/iu.test(prefixText) ? 'tỉnh' : 'thành phố';
  if (hit) {
    const used = words.slice(0, hit.words).join(' ');
    return { province: hit.province, raw: used, prefix, start: at, end: at + used.length };
  }
  // Unknown name: keep the capitalised words, which is all a name can be.
  const cap: string[] = [];
  for (const w of words) {
    if (!/^\p{Lu}/u.test(w)) break;
    cap.push(w);
  }
  if (cap.length === 0) return null;
  const used = cap.join(' ');
  return { province: null, raw: used, prefix, start: at, end: at + used.length };
}

const ISSUER_ALONE_RE = /^\s*(?:[UỦ][YỶ]\s+BAN\s+NHÂN\s+DÂN|UBND)\s*$/iu;
const LEVEL_FIRST_RE = /^\s*(TỈNH|THÀNH\s+PHỐ|TP\.?)\s+/iu;
const MOTTO_RE = /\s+C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s.*$/iu;
const SLOGAN_RE = /\s+Độc\s+lập\b.*$/iu;
/** How many lines from the top the issuer's two-line block ("ỦY BAN NHÂN DÂN" / "TỈNH HẢI DƯƠNG") may start at. */
const TOP_LINES = 4;

/**
 * The issuer block set as two rows of the header table: "ỦY BAN NHÂN DÂN | CỘNG HÒA …" over "TỈNH HẢI DƯƠNG |
 * Độc lập …". Read from the first cells of the top lines, so the issuer comes from the header and not from a
 * sentence of the preamble that happens to name a People's Committee.
 */
function splitHeaderIssuer(doc: Doc, headerEnd: number, fromLine = 0): { match: PlaceMatch; start: number } | null {
  for (let i = fromLine; i < Math.min(fromLine + TOP_LINES, doc.lines.length - 1); i++) {
    const a = doc.lines[i] as Line;
    const b = doc.lines[i + 1] as Line;
    if (b.start >= headerEnd) return null;
    // A PDF text layer runs the two header columns together: "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI …" over
    // "TỈNH HẢI DƯƠNG Độc lập - Tự do - Hạnh phúc". The national motto is the right column.
    const left = (a.text.split(' | ')[0] ?? '').replace(MOTTO_RE, '');
    if (!ISSUER_ALONE_RE.test(left)) continue;
    const cell = (b.text.split(' | ')[0] ?? '').replace(SLOGAN_RE, '');
    const level = LEVEL_FIRST_RE.exec(cell);
    if (!level) continue;
    const at = b.start + level[0].length;
    const place = provinceAfter(doc.text.slice(0, b.start + cell.length), at, level[1] as string);
    if (place) return { match: place, start: a.start };
  }
  return null;
}

function headerIssuer(doc: Doc, headerEnd: number, fromLine = 0): { match: PlaceMatch; start: number } | null {
  const split = splitHeaderIssuer(doc, headerEnd, fromLine);
  if (split) return split;
  const from = doc.lines[fromLine]?.start ?? 0;
  const text = doc.text.slice(0, headerEnd);
  ISSUER_RE.lastIndex = 0;
  for (const m of text.slice(from).matchAll(ISSUER_RE)) {
    const at = from + (m.index ?? 0) + m[0].length;
    const place = provinceAfter(text, at, m[1] as string);
    if (place) return { match: place, start: from + (m.index ?? 0) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The issuer block beyond the provincial committee (rules in src/rules/issuers.ts): departments under their
// province's committee, ministries, the Prime Minister, joint issuers.

export interface IssuerUnit {
  name: string;
  kind: IssuerKind;
  start: number;
  end: number;
}

interface IssuerBlock {
  /** The provincial committee heading the block ("UBND TỈNH QUẢNG NAM" above "SỞ Y TẾ"), or null. */
  committee: PlaceMatch | null;
  /** The issuing bodies under it (empty when the committee itself issues). */
  units: IssuerUnit[];
  /** A province named inside a unit ("CÔNG AN TỈNH NGHỆ AN"), when no committee heads the block. */
  unitProvince: PlaceMatch | null;
}

const BLOCK_COMMITTEE_RE = /^(?:[UỦ][YỶ]\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(TỈNH|THÀNH\s+PHỐ|TP\.?)\s*/u;
const LOCAL_COMMITTEE_RE = /^(?:[UỦ][YỶ]\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU)\s+(.+)$/u;
const UNIT_PLACE_RE = /\s(TỈNH|THÀNH PHỐ)\s+(?=\p{Lu})/u;
const RULE_CHARS_RE = /[-–_=]{3,}/gu;

/**
 * Reads the left column of the header, top down, while it is in capitals: "UBND TỈNH QUẢNG NAM" / "SỞ Y TẾ" →
 * committee Quảng Nam, unit Sở Y tế. Stops at the number ("Số: …"), a type line or prose.
 */
function readIssuerBlock(doc: Doc, fromLine: number, headerEnd: number): IssuerBlock | null {
  const left: { text: string; start: number }[] = [];
  for (let i = fromLine; i < doc.lines.length && left.length < 6; i++) {
    const line = doc.lines[i] as Line;
    if (line.start >= headerEnd) break;
    if (line.kind === 'blank') continue;
    const raw = (line.text.split(' | ')[0] ?? '').replace(MOTTO_RE, '').replace(SLOGAN_RE, '');
    const t = raw.replace(/\*+/g, '').replace(RULE_CHARS_RE, ' ').replace(/^#+/u, '').replace(/\s+/g, ' ').trim();
    if (t === '' || t === '|') continue;
    if (
      /^Số(?![\p{L}])/u.test(t) ||
      /\p{Ll}/u.test(t) ||
      TYPE_LINES.some((tl) => t === tl.line || t.startsWith(`${tl.line} `))
    )
      break;
    const at = line.text.indexOf(t.slice(0, 6));
    left.push({ text: t, start: line.start + Math.max(0, at) });
  }
  if (left.length === 0) return null;
  // The block as one string, one header line per "\n", with a map back to document offsets.
  const joined = left.map((l) => l.text).join('\n');
  const lineAt = (k: number): { start: number; offset: number } => {
    let acc = 0;
    for (const l of left) {
      if (k <= acc + l.text.length) return { start: l.start, offset: k - acc };
      acc += l.text.length + 1;
    }
    const last = left[left.length - 1] as { text: string; start: number };
    return { start: last.start, offset: last.text.length };
  };
  const docOffset = (k: number): number => {
    const { start, offset } = lineAt(k);
    return start + offset;
  };

  let committee: PlaceMatch | null = null;
  let rest = joined;
  let restAt = 0;
  const cm = BLOCK_COMMITTEE_RE.exec(joined);
  if (cm) {
    const place = provinceAfter(joined.replace(/\n/g, ' '), cm[0].length, cm[1] as string);
    if (place) {
      committee = { ...place, start: docOffset(place.start), end: docOffset(place.end) };
      rest = joined.slice(place.end);
      restAt = place.end;
    }
  }
  // Units: one per header line, or per " - " on one line (joint issuers); a line not opening a body continues the
  // name above it ("SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH").
  const units: IssuerUnit[] = [];
  let unitProvince: PlaceMatch | null = null;
  const re = /[^\n]+/gu;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    let pos = m.index;
    for (const piece of m[0].split(/(\s+[-–]\s+)/u)) {
      const pieceAt = pos;
      pos += piece.length;
      const text = piece.trim();
      if (text === '' || /^[-–]$/u.test(text)) continue;
      const head = unitHeadOf(text);
      const local = LOCAL_COMMITTEE_RE.exec(text);
      const prev = units[units.length - 1];
      if (!head && !local && prev) {
        prev.name = `${prev.name} ${text}`;
        prev.end = docOffset(restAt + pieceAt + piece.length);
        continue;
      }
      // An upper-case line that opens no known body (a web page's title, a bare "ỦY BAN NHÂN DÂN") is no issuer.
      if (!head && !local) continue;
      units.push({
        name: text,
        kind: local ? 'people-committee' : (head?.kind ?? 'other'),
        start: docOffset(restAt + pieceAt + (piece.length - piece.trimStart().length)),
        end: docOffset(restAt + pieceAt + piece.trimEnd().length),
      });
    }
  }
  for (const u of units) {
    const local = LOCAL_COMMITTEE_RE.exec(u.name);
    const head = unitHeadOf(u.name);
    if (local) {
      u.name = `Ủy ban nhân dân ${(local[1] as string).toLowerCase()} ${titleCase(local[2] as string)}`;
      continue;
    }
    if (head?.name) {
      u.name = head.name;
      continue;
    }
    // "CÔNG AN TỈNH NGHỆ AN": the province inside the unit's name.
    const pm = UNIT_PLACE_RE.exec(u.name);
    if (pm) {
      const place = provinceAfter(u.name, pm.index + pm[0].length, pm[1] as string);
      if (place) {
        const placeName = place.province?.name ?? titleCase(place.raw);
        const own = bodyName(u.name.slice(0, pm.index));
        u.name = `${own} ${place.prefix} ${placeName}`;
        unitProvince ??= place.province ? { ...place, start: u.start, end: u.end } : null;
        continue;
      }
    }
    u.name = bodyName(u.name);
    // A provincial body takes its province from the committee line above it.
    if (committee && PROVINCIAL_KINDS.has(u.kind)) {
      u.name = `${u.name} ${committee.prefix} ${committee.province?.name ?? titleCase(committee.raw)}`;
    }
  }
  if (!committee && units.length === 0) return null;
  return { committee, units, unitProvince };
}

/**
 * The level of the People's Committee that issued the plan, from its header: "thành phố" for a centrally-run
 * city ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"), "tỉnh" for a province, null without a header.
 */
export function issuerLevel(doc: Doc, outline: Outline): 'tỉnh' | 'thành phố' | null {
  const bodyStartLine = doc.lines[outline.bodyStart];
  return headerIssuer(doc, bodyStartLine ? bodyStartLine.start : doc.text.length)?.match.prefix ?? null;
}

// Lower-case "tỉnh"/"thành phố" in running text: "trên địa bàn tỉnh Quảng Ninh".
const BODY_PLACE_RE = /(?<![\p{L}])(tỉnh|thành phố)\s+(?=\p{Lu})/gu;

function bodyProvince(doc: Doc, from: number, to: number, issued: string | null): PlaceMatch | null {
  const text = doc.text.slice(0, to);
  const counts = new Map<string, { n: number; first: PlaceMatch }>();
  BODY_PLACE_RE.lastIndex = from;
  for (let m = BODY_PLACE_RE.exec(text); m; m = BODY_PLACE_RE.exec(text)) {
    const place = provinceAfter(text, m.index + m[0].length, m[1] as string);
    const prov = place?.province;
    if (!place || !prov) continue;
    // "thành phố Huế" in a 2016 plan is the provincial capital, not the 2025 city.
    if (issued && issued < MERGER_DATE && prov.era === 'post-2025') continue;
    if (issued && issued >= MERGER_DATE && prov.era === 'pre-2025') continue;
    const entry = counts.get(prov.name);
    if (entry) entry.n++;
    else counts.set(prov.name, { n: 1, first: place });
  }
  let best: { n: number; first: PlaceMatch } | null = null;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best?.first ?? null;
}

// ---------------------------------------------------------------------------------------------
// Number, place and date.

const NUMBER_RE = /(?<![\p{L}])Số\s*:\s*([^|\n]*)/u;
// Without its colon ("Số 1832/KH-UBND") the label is taken only when a full number follows: "Số" opens ordinary
// header words too.
const BARE_NUMBER_RE = /(?<![\p{L}])Số[ \t]+(?=\d{1,6}[A-Za-z]?[ \t]*\/)([^|\n]*)/u;
// The number and its symbol, with the stray spaces typists leave around "/" and "-" ("1832 /KH - UBND"). A spaced
// separator must be followed by a whole upper-case symbol part ("UBND"), so a place run into the header ("… -
// Hải Dương") is not taken in. Each repeat opens with a separator the parts cannot hold: the pattern stays linear.
// A stray mark after the digits ("68. /KH-UBND": the tail of a handwritten 8 under OCR) is not part of the number.
const SYMBOL_PART = '[\\p{Lu}\\d][\\p{Lu}\\d.&]*(?![\\p{L}\\d])';
const NUMBER_VALUE_RE = new RegExp(
  `^\\d{1,6}[A-Za-z]?[.,]?[ \\t]*\\/[ \\t]*[\\p{L}\\d.&]+(?:[-/][\\p{L}\\d.&]+|[ \\t]+[-/][ \\t]*${SYMBOL_PART}|[-/][ \\t]+${SYMBOL_PART})*`,
  'u',
);
// Day and month may be blank in drafts ("ngày     tháng     năm 2023").
// A header cell may hold the motto before the place ("… Độc lập - Tự do - Hạnh phúc Bắc Giang, ngày …"): the
// place is cut after it below, so the run before the comma may be that long.
const DATE_LINE_RE = /(?:^|\|)\s*([^|\n,]{2,140}?)\s*,\s*ngày\s*([^\s|]*)\s*tháng\s*([^\s|]*)\s*năm\s*([^\s|]+)/mu;

function documentNumber(doc: Doc, headerEnd: number, from = 0): Field<string> {
  const text = doc.text.slice(from, headerEnd);
  const m = NUMBER_RE.exec(text) ?? BARE_NUMBER_RE.exec(text);
  if (!m) return absent(MISSING);
  const raw = (m[1] as string).replace(/\*+/g, '').trim();
  const start =
    from +
    (m.index ?? 0) +
    m[0].length -
    (m[1] as string).length +
    ((m[1] as string).length - (m[1] as string).trimStart().length);
  const num = NUMBER_VALUE_RE.exec(raw)?.[0];
  if (num)
    return field(
      num.replace(/[ \t]+/g, '').replace(/^(\d+[A-Za-z]?)[.,]\//, '$1/'),
      span(doc, start, start + num.length),
    );
  // "Số: …/KH-UBND", "Số:      /KH-UBND": an unissued draft.
  if (/^[\s….·_-]*\/\S/u.test(raw))
    return field<string>(null, span(doc, start, start + raw.length), 'medium', ['draft']);
  return field<string>(null, span(doc, start, start + raw.length), 'medium', MISSING);
}

function placeAndDate(doc: Doc, headerEnd: number, from = 0): { place: Field<string>; date: Field<string> } {
  const text = doc.text.slice(from, headerEnd);
  const found = DATE_LINE_RE.exec(text);
  if (!found) return { place: absent(MISSING), date: absent(MISSING) };
  // Offsets below are into doc.text.
  const m = Object.assign(found, { index: found.index + from });
  // A reader that runs the header's two columns together leaves "Số: …/KH-UBND" before the place
  // ("Số: /KH-UBND Hải Dương, ngày …"): a place name holds no digit, slash or colon, so it starts after the last.
  const written = m[1] as string;
  const cut = /^.*(?:[\d/:]\S*|Hạnh phúc[\s*_-]*)\s+/u.exec(written)?.[0].length ?? 0;
  const rawPlace = written.slice(cut);
  const placeText = cleanText(rawPlace).replace(/^[\s*]+|[\s*]+$/g, '');
  const placeStart = (m.index ?? 0) + m[0].indexOf(written) + cut + (rawPlace.length - rawPlace.trimStart().length);
  let placeSpan = span(doc, placeStart, placeStart + rawPlace.trim().length);
  let placeValue = placeText;
  // OCR breaks a place name at the end of the header column ("Bình" / "Dương, ngày …"): the word left alone on
  // the line above completes it when together they name a province and the part alone does not.
  const lineIndex = doc.lines.findIndex((l) => l.number === placeSpan.line);
  const at = doc.lines[lineIndex];
  const above = lineIndex > 0 ? doc.lines[lineIndex - 1] : undefined;
  if (at?.geo?.ocr && above?.kind === 'text' && placeStart === at.start && !lookupProvince(placeText)) {
    const word = above.text.trim();
    if (/^\p{Lu}\p{L}*$/u.test(word) && lookupProvince(`${word} ${placeText}`)) {
      placeValue = `${word} ${placeText}`;
      placeSpan = span(doc, above.start, placeStart + rawPlace.trim().length);
    }
  }
  const place = placeText === '' || /[\d/:]/u.test(placeText) ? absent<string>(MISSING) : field(placeValue, placeSpan);
  const dateStart = (m.index ?? 0) + m[0].indexOf('ngày');
  const dateSpan = span(doc, dateStart, (m.index ?? 0) + m[0].length);
  const [d, mo, y] = [m[2], m[3], m[4]].map((s) => (s as string).replace(/\*+/g, ''));
  if (![d, mo, y].every((s) => /^\d+$/.test(s as string))) {
    // Blank day and month (dots, an ellipsis, spaces): an unissued draft. Something written there that is not
    // digits — a handwritten day in a scanned header ("ngàyŒ9 tháng $3") — was issued but cannot be read.
    // ("ngày   tháng 6 năm 2023": a blank day beside a typed month is a draft too.)
    if ([d, mo].every((p) => BLANK_RE.test(p as string) || /^\d+$/.test(p as string))) {
      return { place, date: field<string>(null, dateSpan, 'medium', ['draft']) };
    }
    return { place, date: illegibleDate(doc, dateSpan, d as string, mo as string, y as string) };
  }
  const iso = isoDate(Number(d), Number(mo), Number(y));
  return {
    place,
    date: iso ? field(iso, dateSpan) : field<string>(null, dateSpan, 'medium', ['date-invalid']),
  };
}

const BLANK_RE = /^[\s….·_-]*$/u;
// The time an electronic signature was applied, printed in the stamp's text box on signed scans
// ("Thời gian ký: 09.03.2020 13:45:14 +07:00").
const SIGNED_AT_RE = /Thời gian ký\s*:\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})/u;

/** The digits of a date part OCR half-read ("Œ9" → 9, "$3" → 3): one or two digits amid at most two other marks. */
function legibleDigits(part: string): number | null {
  const digits = part.replace(/\D/g, '');
  if (digits.length === 0 || digits.length > 2 || part.length - digits.length > 2) return null;
  return Number(digits);
}

/**
 * A header date whose day or month was filled in but cannot be read (handwriting under OCR). Not a draft: the
 * value is the e-signature time when the document carries one in the year stated and the legible digits agree
 * with it (medium, `inferred`); else what the legible digits give, or null — always with `illegible`, and low
 * unless the signature time confirms it.
 */
function illegibleDate(doc: Doc, at: Span, d: string, mo: string, y: string): Field<string> {
  const year = /^\d{4}$/.test(y) ? Number(y) : null;
  const day = legibleDigits(d);
  const month = legibleDigits(mo);
  const read = year !== null && day !== null && month !== null ? isoDate(day, month, year) : null;
  const signed = SIGNED_AT_RE.exec(doc.text.slice(0, 20_000));
  const signedIso = signed ? isoDate(Number(signed[1]), Number(signed[2]), Number(signed[3])) : null;
  const agrees = (part: number | null, value: number) =>
    part === null || String(value).padStart(2, '0').endsWith(String(part));
  if (signed && signedIso && year !== null && Number(signed[3]) === year) {
    if (agrees(day, Number(signed[1])) && agrees(month, Number(signed[2]))) {
      const confirmed = day !== null && month !== null;
      return field(signedIso, at, confirmed ? 'medium' : 'low', ['illegible', 'inferred']);
    }
  }
  return field<string>(read, at, 'low', ['illegible']);
}

const DRAFT_MARK_RE = /^\(?\s*(?:DỰ THẢO|Dự thảo)(?:\s*(?:lần|số)\s*\d+)?\s*\)?\s*:?$/u;

/** The header carries a draft mark on a line of its own ("(DỰ THẢO)", "Dự thảo:", "DỰ THẢO LẦN 2"). */
function draftMarked(doc: Doc, headerEnd: number, from = 0): boolean {
  for (const line of doc.lines) {
    if (line.start < from) continue;
    if (line.start >= headerEnd) break;
    if (line.kind !== 'text') continue;
    for (const cell of line.text.split('|')) if (DRAFT_MARK_RE.test(cleanText(cell))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Document type and title.

interface TypeLine {
  index: number;
  kind: string;
  /** Title text on the same line after the type word, when the reader joined them. */
  rest: string;
  /** Offset of `rest` in the line's text when the type word sat mid-line (the reader ran the header together). */
  restAt?: number;
}

// "… năm 2016 KẾ HOẠCH THỰC HIỆN CÔNG TÁC … NĂM 2016 Thực hiện Quyết định …": a reader that lost the header's
// paragraphs runs the type line and the capitalised title into one line. The title is the run of upper-case
// words after the type word; the first word with a lower-case letter starts the preamble.
const RUN_IN_TYPE_RE = /(?<![\p{L}])KẾ HOẠCH\s+(?=\p{Lu}{2})/u;
const UPPER_WORD_RE = /[^\s\p{Ll}]+(?:\s+|$)/uy;

function runInTitle(text: string, at: number): string {
  UPPER_WORD_RE.lastIndex = at;
  let end = at;
  for (let m = UPPER_WORD_RE.exec(text); m; m = UPPER_WORD_RE.exec(text)) end = m.index + m[0].length;
  return text.slice(at, end).trim();
}

function findTypeLine(doc: Doc, headerEnd: number, fromLine = 0): TypeLine | null {
  for (let i = fromLine; i < doc.lines.length && (doc.lines[i]?.start ?? 0) < headerEnd; i++) {
    const line = doc.lines[i] as Line;
    if (line.kind !== 'text') continue;
    const t = cleanText(line.text);
    const exact = documentKindByName(t);
    if (exact && t === t.toUpperCase()) return { index: i, kind: exact.name, rest: '' };
    // "KẾ HOẠCH LIÊN NGÀNH", "KẾ HOẠCH PHỐI HỢP": the words after KẾ HOẠCH qualify the type; the title follows.
    if (TYPE_LINES.some((tl) => tl.kind === 'plan' && tl.line === t)) return { index: i, kind: 'Kế hoạch', rest: '' };
    const m = /^(KẾ HOẠCH)\s+(\p{Lu}.*)$/u.exec(t);
    if (m) return { index: i, kind: 'Kế hoạch', rest: m[2] as string };
  }
  for (let i = fromLine; i < doc.lines.length && (doc.lines[i]?.start ?? 0) < headerEnd; i++) {
    const line = doc.lines[i] as Line;
    if (line.kind !== 'text') continue;
    const m = RUN_IN_TYPE_RE.exec(line.text);
    if (!m) continue;
    const restAt = m.index + m[0].length;
    const rest = runInTitle(line.text, restAt);
    // At least a few words, or it is a heading word in capitals, not a title.
    if (rest.split(/\s+/u).length >= 3) return { index: i, kind: 'Kế hoạch', rest, restAt };
  }
  return null;
}

const TITLE_STOP_RE = /^(?:Căn cứ|Kính gửi|Xét đề nghị|Thực hiện\s+\p{L}+\s+(?:số|\d)|Trên cơ sở)/u;

function isUpperText(s: string): boolean {
  const l = s.replace(/[^\p{L}]/gu, '');
  return l.length > 0 && l === l.toUpperCase();
}

function title(doc: Doc, type: TypeLine | null, bodyStart: number): { field: Field<string>; end: number } {
  if (!type) return { field: absent(MISSING), end: 0 };
  const typeLine = doc.lines[type.index] as Line;
  if (type.restAt !== undefined) {
    const s = typeLine.start + type.restAt;
    const f = field(cleanText(type.rest), span(doc, s, s + type.rest.length), 'medium', ['run-in']);
    return { field: f, end: type.index + 1 };
  }
  if (type.rest !== '') {
    const at = typeLine.text.indexOf(type.rest.slice(0, 10));
    const s = at >= 0 ? typeLine.start + at : typeLine.start;
    return { field: field(type.rest, span(doc, s, typeLine.end)), end: type.index + 1 };
  }
  const parts: Line[] = [];
  for (let i = type.index + 1; i < bodyStart; i++) {
    const line = doc.lines[i] as Line;
    if (line.kind === 'blank') {
      if (parts.length > 0) break;
      continue;
    }
    const t = cleanText(line.text);
    if (line.kind !== 'text' || /^-+$/.test(t)) {
      if (parts.length > 0) break;
      continue;
    }
    if (TITLE_STOP_RE.test(t) || parseLabel(line.text)?.kind === 'dec') break;
    // Only an upper-case title can continue on the next line: prose never follows it in capitals.
    if (parts.length > 0 && !(isUpperText(cleanText((parts[0] as Line).text)) && !/\p{Ll}/u.test(t))) break;
    parts.push(line);
  }
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) return { field: absent(MISSING), end: type.index + 1 };
  const text = parts.map((l) => cleanText(l.text)).join(' ');
  const s = span(doc, first.start, last.end);
  const f = parts.length > 1 ? field(text, s, 'medium', ['wrapped']) : field(text, s);
  return { field: f, end: doc.lines.indexOf(last) + 1 };
}

// ---------------------------------------------------------------------------------------------
// Period.

type Period = { from: number; to: number };

const RANGE_RE =
  /(?<![\p{L}])(?:giai đoạn|thời kỳ|năm học|năm|từ năm)\s+((?:19|20)\d\d)\s*(?:[-–—]|đến(?:\s+hết)?(?:\s+năm)?)\s*((?:19|20)\d\d)(?!\d)/iu;
const SINGLE_RE = /(?<![\p{L}])năm\s+((?:19|20)\d\d)(?![\d\s]*[-–—]\s*\d)/giu;
const UNTIL_RE = /(?<![\p{L}])đến\s+năm\s+((?:19|20)\d\d)(?!\d)/giu;

function periodIn(
  text: string,
  issuedYear: number | null,
): { value: Period; at: number; len: number; inferred: boolean } | null {
  const r = RANGE_RE.exec(text);
  if (r) {
    const from = Number(r[1]);
    const to = Number(r[2]);
    if (from <= to && to - from <= 50) return { value: { from, to }, at: r.index, len: r[0].length, inferred: false };
  }
  for (const m of text.matchAll(SINGLE_RE)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
    // "ngày 25 tháng 12 năm 2023" is a date; "tầm nhìn đến năm 2045" a vision; "đến năm" is handled below.
    if (/tháng\s+\d{1,2}\s*$/iu.test(before) || /(?:đến|tầm nhìn|định hướng)\s*$/iu.test(before)) continue;
    const y = Number(m[1]);
    return { value: { from: y, to: y }, at: m.index ?? 0, len: m[0].length, inferred: false };
  }
  for (const m of text.matchAll(UNTIL_RE)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 20), m.index);
    if (/(?:tầm nhìn|định hướng)\s*$/iu.test(before) || issuedYear === null) continue;
    const to = Number(m[1]);
    if (to < issuedYear) continue;
    return { value: { from: issuedYear, to }, at: m.index ?? 0, len: m[0].length, inferred: true };
  }
  return null;
}

function period(doc: Doc, outline: Outline, titleField: Field<string>, issuedYear: number | null): Field<Period> {
  const src = titleField.source;
  if (titleField.value && src) {
    const text = doc.text.slice(src.start, src.end);
    const p = periodIn(text, issuedYear);
    if (p) {
      const s = span(doc, src.start + p.at, src.start + p.at + p.len);
      return p.inferred ? field(p.value, s, 'medium', ['inferred']) : field(p.value, s);
    }
  }
  // Fall back to a "2. Thời gian thực hiện: từ năm 2019 đến năm 2025" line in the body. Bullets under tasks
  // ("- Thời gian thực hiện: Năm 2025 và các năm tiếp theo") time one task, not the plan: only ranges count.
  for (let i = outline.bodyStart; i < outline.bodyEnd; i++) {
    const line = doc.lines[i] as Line;
    const at = line.text.search(/Thời gian(?: thực hiện| triển khai)?\s*:/iu);
    if (at < 0 || line.kind !== 'text') continue;
    const kind = parseLabel(line.text)?.kind;
    if (kind && kind !== 'dec' && kind !== 'letter') continue;
    const p = periodIn(line.text.slice(at, at + 200), issuedYear);
    if (p && !p.inferred && p.value.from < p.value.to) {
      const s = span(doc, line.start + at + p.at, line.start + at + p.at + p.len);
      return field(p.value, s, 'medium', ['inferred']);
    }
  }
  return absent();
}

// ---------------------------------------------------------------------------------------------

/** The decision number and date in an attached plan's note "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày …)". */
function attachedNote(doc: Doc, lineIndex: number): { number: Field<string>; date: Field<string> } {
  const line = doc.lines[lineIndex] as Line;
  const at = line.text.search(/Quyết\s+định/u);
  const after = at >= 0 ? line.text.slice(at) : '';
  const m = /^Quyết\s+định\s+(?:số\s*:?\s*)?/u.exec(after);
  if (!m) return { number: absent(MISSING), date: absent(MISSING) };
  const numAt = at + m[0].length;
  const rest = line.text.slice(numAt);
  const num = NUMBER_VALUE_RE.exec(rest)?.[0];
  let number: Field<string>;
  if (num) number = field(num.replace(/[ \t]+/g, ''), span(doc, line.start + numAt, line.start + numAt + num.length));
  else if (/^[\s….·_-]*\/\S/u.test(rest))
    number = field<string>(null, span(doc, line.start + numAt, line.start + numAt + 12), 'medium', ['draft']);
  else number = absent(MISSING);
  const dm = /ngày\s*([^\s|/]*)\s*(?:tháng\s*|\/)([^\s|/]*)\s*(?:năm\s*|\/)(\d{4})/u.exec(rest);
  let date: Field<string> = absent(MISSING);
  if (dm) {
    const s0 = line.start + numAt + dm.index;
    const sp = span(doc, s0, s0 + dm[0].length);
    const [d, mo, y] = [dm[1], dm[2], dm[3]] as string[];
    if (![d, mo, y].every((x) => /^\d+$/.test(x as string))) date = field<string>(null, sp, 'medium', ['draft']);
    else {
      const iso = isoDate(Number(d), Number(mo), Number(y));
      date = iso ? field(iso, sp) : field<string>(null, sp, 'medium', ['date-invalid']);
    }
  }
  return { number, date };
}

/** Zones to read when the pipeline did not segment the document (unit tests call extractMetadata directly). */
function defaultZones(doc: Doc, outline: Outline): Zones {
  const n = doc.lines.length;
  const z = (from: number, to: number) => ({ from, to });
  const plan = {
    range: z(0, n),
    header: z(0, outline.bodyStart),
    typeLine: null,
    title: z(outline.bodyStart, outline.bodyStart),
    preamble: z(outline.bodyStart, outline.bodyStart),
    body: z(outline.bodyStart, outline.bodyEnd),
    tail: z(outline.bodyEnd, n),
    recipients: null,
    appendices: [],
  };
  return { plan, decision: null, attachedBy: null };
}

export function extractMetadata(doc: Doc, outline: Outline, given?: Zones): Metadata {
  const zones = given ?? doc.zones ?? defaultZones(doc, outline);
  const decision = zones.decision;
  const planFrom = zones.plan.range.from;
  const bodyStartLine = doc.lines[outline.bodyStart];
  const bodyStartOffset = bodyStartLine ? bodyStartLine.start : doc.text.length;
  // Number, date, place and issuer come from the decision's header when a decision issues the plan; else from
  // everything above the plan's first section (readers sometimes push header cells below the title).
  const headFromLine = decision ? decision.range.from : planFrom;
  const headFrom = doc.lines[headFromLine]?.start ?? 0;
  const headerEnd = decision ? (doc.lines[decision.body.from]?.start ?? bodyStartOffset) : bodyStartOffset;

  let documentNumberField = documentNumber(doc, headerEnd, headFrom);
  let { place, date } = placeAndDate(doc, headerEnd, headFrom);
  if (!decision && zones.attachedBy !== null) {
    // The attached plan without its decision: the note under the title names the decision that issued it.
    const note = attachedNote(doc, zones.attachedBy);
    if (note.number.value || note.number.flags.includes('draft') || !documentNumberField.value) {
      documentNumberField = note.number;
      date = note.date;
      if (!place.value) place = absent(MISSING);
    }
  }
  const planStartOffset = doc.lines[planFrom]?.start ?? 0;
  const type = findTypeLine(doc, bodyStartOffset, planFrom);
  const { field: titleField, end: titleEnd } = title(doc, type, outline.bodyStart);

  // Document type: the type line, else the number's type code ("/KH-").
  let documentType: Field<string>;
  const byNumber =
    documentNumberField.value && !decision && zones.attachedBy === null
      ? documentKindByNumber(documentNumberField.value)
      : null;
  if (type?.restAt !== undefined) {
    const line = doc.lines[type.index] as Line;
    const at = line.start + line.text.lastIndexOf('KẾ HOẠCH', type.restAt);
    documentType = field(type.kind, span(doc, at, at + 'KẾ HOẠCH'.length), 'medium', ['run-in']);
  } else if (type) {
    const line = doc.lines[type.index] as Line;
    documentType = field(type.kind, { start: line.start, end: line.end, line: line.number });
    if (
      byNumber &&
      byNumber.name !== type.kind &&
      !byNumber.codes.some((c) => documentKindByName(type.kind)?.codes.includes(c))
    ) {
      documentType = field(type.kind, documentType.source, 'medium', ['type-mismatch']);
    }
  } else if (byNumber && documentNumberField.source) {
    documentType = field(byNumber.name, documentNumberField.source, 'medium', ['inferred']);
  } else {
    documentType = absent(MISSING);
  }

  // Issuer and province: the header's issuer block, else the body ("trên địa bàn tỉnh Quảng Ninh").
  let issuer: Field<string>;
  let province: Field<string>;
  let issuers: { name: string; kind: IssuerKind }[] = [];
  const headerLineEnd = decision ? (doc.lines[decision.typeLine ?? decision.body.from]?.start ?? headerEnd) : headerEnd;
  const block = readIssuerBlock(doc, headFromLine, headerLineEnd);
  const head = headerIssuer(doc, headerEnd, headFromLine);
  if (block && block.units.length > 0) {
    const first = block.units[0] as IssuerUnit;
    const last = block.units[block.units.length - 1] as IssuerUnit;
    const s = span(doc, block.committee ? Math.min(block.committee.start, first.start) : first.start, last.end);
    issuers = block.units.map((u) => ({ name: u.name, kind: u.kind }));
    const place = block.committee ?? block.unitProvince;
    const unknown = place !== null && place.province === null;
    issuer = field(
      issuers.map((u) => u.name).join('; '),
      s,
      unknown ? 'medium' : 'high',
      unknown ? ['unknown-province'] : [],
    );
    if (place) {
      const name = place.province?.name ?? titleCase(place.raw);
      province = field(
        name,
        span(doc, place.start, place.end),
        unknown ? 'medium' : 'high',
        unknown ? ['unknown-province'] : [],
      );
    } else if (issuers.every((u) => !PROVINCIAL_KINDS.has(u.kind))) {
      // A ministry, the Government or the Prime Minister: a national document has no province.
      province = absent();
    } else {
      const found = bodyProvince(doc, 0, doc.lines[outline.bodyEnd]?.start ?? doc.text.length, date.value);
      province = found?.province
        ? field(found.province.name, span(doc, found.start, found.end), 'medium', ['inferred'])
        : absent(MISSING);
    }
  } else if (head) {
    const { match } = head;
    const name = match.province?.name ?? titleCase(match.raw);
    const s = span(doc, head.start, match.end);
    const provSpan = span(doc, match.start, match.end);
    const flags = match.province ? [] : ['unknown-province'];
    const conf = match.province ? 'high' : 'medium';
    issuer = field(`Ủy ban nhân dân ${match.prefix} ${name}`, s, conf, flags);
    province = field(name, provSpan, conf, flags);
    issuers = [{ name: issuer.value as string, kind: 'people-committee' }];
  } else {
    const found = bodyProvince(doc, 0, doc.lines[outline.bodyEnd]?.start ?? doc.text.length, date.value);
    if (found?.province) {
      const s = span(doc, found.start, found.end);
      province = field(found.province.name, s, 'medium', ['inferred']);
      issuer = field(`Ủy ban nhân dân ${found.prefix} ${found.province.name}`, s, 'medium', ['inferred']);
      issuers = [{ name: issuer.value as string, kind: 'people-committee' }];
    } else {
      province = absent(MISSING);
      issuer = absent(MISSING);
    }
  }
  // The issuer codes of the number ("/KH-SYT-CĐN") name every issuer: a joint plan whose header the reader
  // kept only in part, or a header lost altogether, is completed from them (inferred).
  if (documentNumberField.value) {
    const coded = splitNumber(documentNumberField.value)
      .issuers.map((c) => issuerByCode(c))
      .filter((c) => c !== null);
    const national = coded.filter(
      (c) => c.kind === 'ministry' || c.kind === 'prime-minister' || c.kind === 'government',
    );
    if (
      issuer.value === null &&
      national.length > 0 &&
      national.length === coded.length &&
      documentNumberField.source
    ) {
      issuers = national.map((c) => ({ name: c.name, kind: c.kind }));
      issuer = field(issuers.map((u) => u.name).join('; '), documentNumberField.source, 'medium', ['inferred']);
      province = absent();
    } else if (coded.length >= 2 && issuers.length === 1 && issuer.value !== null) {
      for (const c of coded.slice(1)) {
        if (issuers.some((u) => u.name.startsWith(c.name))) continue;
        issuers.push({ name: c.name, kind: c.kind });
        issuer = field(issuers.map((u) => u.name).join('; '), issuer.source, 'medium', [...issuer.flags, 'inferred']);
      }
    }
  }
  if (date.value && province.value && province.confidence === 'high') {
    // A unit dissolved by the 2025 merger cannot issue after it (or the date is wrong).
    const prov = (block?.committee ?? block?.unitProvince)?.province ?? head?.match.province;
    if (prov && prov.era === 'pre-2025' && date.value >= MERGER_DATE) {
      province = field(province.value, province.source, 'medium', ['date-invalid']);
    }
  }

  const issuedYear = date.value ? Number(date.value.slice(0, 4)) : null;
  // A plan may state no period, so an absent one is normally certain; without any text (a scan) it is unknown.
  const periodField = doc.text.trim() === '' ? absent<Period>(MISSING) : period(doc, outline, titleField, issuedYear);

  // Tail: from the end of the body to the first appendix ("PHỤ LỤC") after it.
  const tailStart = doc.lines[outline.bodyEnd]?.start ?? doc.text.length;
  let tailEnd = doc.text.length;
  for (let i = outline.bodyEnd + 1; i < doc.lines.length; i++) {
    const t = cleanText((doc.lines[i] as Line).text);
    if (/^PHỤ LỤC\b|^Phụ lục(?:\s+(?:số\s+)?[0-9IVX]+)?\s*$/u.test(t)) {
      tailEnd = (doc.lines[i] as Line).start;
      break;
    }
  }
  // The decision's signer signs the plan it issues; its recipients receive it.
  const decisionTail = decision
    ? { start: doc.lines[decision.tail.from]?.start ?? planStartOffset, end: planStartOffset }
    : null;
  const decisionSigners = decisionTail ? findSigners(doc, decisionTail.start, decisionTail.end) : [];
  const signers = decisionSigners.length > 0 ? decisionSigners : findSigners(doc, tailStart, tailEnd);
  const signer = signers[0] ?? null;
  // A signed document with a blank number was numbered outside the text (a stamp, a digital signature), unless
  // its header says it is a draft ("DỰ THẢO", "Dự thảo:"), whose signature block names the intended signer.
  if (signer && !draftMarked(doc, headerEnd, headFrom) && !draftMarked(doc, bodyStartOffset, planStartOffset)) {
    for (const f of [documentNumberField, date]) {
      if (f.flags.includes('draft')) f.flags = ['missing'];
    }
  }
  const isDraft = documentNumberField.flags.includes('draft') || date.flags.includes('draft');
  const signerField: Metadata['signer'] = signer
    ? field(
        { name: signer.name, position: signer.position, onBehalfOf: signer.onBehalfOf },
        signer.source,
        signer.position && !signer.fuzzy ? 'high' : 'medium',
        signer.position ? (signer.fuzzy ? ['fuzzy-match'] : []) : MISSING,
      )
    : absent(isDraft ? ['missing', 'draft'] : MISSING);

  const decisionRecipients = decisionTail ? findRecipients(doc, decisionTail.start, decisionTail.end) : [];
  const decisionBasis = decision ? [decision.preamble] : [];
  return {
    issuer,
    province,
    documentNumber: documentNumberField,
    documentType,
    issuedDate: date,
    place,
    title: titleField,
    period: periodField,
    signer: signerField,
    signers: signers.map((x) => ({
      name: x.name,
      position: x.position,
      onBehalfOf: x.onBehalfOf,
      source: x.source,
    })),
    issuers,
    legalBasis: extractLegalBasis(doc, outline, titleEnd, decisionBasis),
    recipients: decisionRecipients.length > 0 ? decisionRecipients : findRecipients(doc, tailStart, tailEnd),
  };
}
