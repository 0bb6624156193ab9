// Legal basis: every numbered document a plan cites in its preamble ("Căn cứ …", "Thực hiện …") or in a
// section that states its grounds ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH"), and the laws a "Căn cứ" line cites by name
// ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"): number null, `title` the law's name.
// For a plan issued by decision the decision's preamble is read too: that is where its "Căn cứ" lines stand.
import type { LegalBasis } from '../contract/schema.js';
import { lineSpan } from '../doc/build.js';
import type { Doc, Line, Outline, Zone } from '../doc/types.js';
import {
  BASIS_OPENERS,
  basisKindAlternation,
  DOCUMENT_KINDS,
  ISSUER_BY_SUFFIX,
  ISSUER_NAMES,
  ISSUER_STOP_WORDS,
} from '../rules/legal.js';
import { classifySection } from '../rules/sections.js';
import { cleanText } from '../text/clean.js';
import { leadingDate } from './dates.js';

// Kind, optional "số", then a number with at least one separator: "1437/QĐ-TTg", "57-NQ/TW",
// "163/2024/QH15", "10- CTr/TU". Each repetition starts with a separator, so matching stays linear.
const REF_RE = new RegExp(
  `(?<![\\p{L}])(${basisKindAlternation()})\\s+(?:số\\s*)?(\\d{1,5}(?:\\s?[/-]\\s?[\\p{L}\\d&]+){1,4})`,
  'giu',
);
const ISSUER_HEAD_RE = /^\s*,?\s*của\s+/iu;
const STOP_RE = new RegExp(
  `^(?:${[...ISSUER_STOP_WORDS]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/\s+/g, '\\s+'))
    .join('|')})(?![\\p{L}])`,
  'u',
);

const KIND_START_RE = new RegExp(`^(?:${basisKindAlternation()})(?![\\p{L}])`, 'iu');

function canonicalKind(written: string): string {
  const key = written.toLowerCase().replace(/\s+/g, ' ');
  return DOCUMENT_KINDS.find((k) => k.name.toLowerCase() === key)?.name ?? written;
}

/** The issuer phrase at the start of `text` (after "của"): words up to a stop word or punctuation. */
function readIssuer(text: string): string | null {
  const head = ISSUER_HEAD_RE.exec(text);
  if (!head) return null;
  let rest = text.slice(head[0].length);
  const words: string[] = [];
  // Known names with a comma or a "về" inside, optionally after the minister's title ("Bộ trưởng Bộ Văn hóa, …"),
  // and the place a provincial body's name ends with ("Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Dương").
  const title = /^Bộ trưởng\s+(?=Bộ\s)/u.exec(rest)?.[0] ?? '';
  const known = ISSUER_NAMES.find(
    (n) => rest.startsWith(n, title.length) && !/^\p{L}/u.test(rest.slice(title.length + n.length)),
  );
  if (known) {
    const after = rest.slice(title.length + known.length);
    const place = /^\s*(?:tỉnh|thành phố)\s+\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,3}/u.exec(after)?.[0] ?? '';
    return `${title}${known}${place}`;
  }
  while (words.length < 12) {
    const m = /^(\s*)([^\s,;:()“”"]+)/u.exec(rest);
    if (!m) break;
    const word = m[2] as string;
    // Stop words only end the phrase in lower case: "Ban Tổ chức Trung ương" keeps its "Tổ chức".
    if (words.length > 0 && STOP_RE.test(rest.slice((m[1] as string).length))) break;
    if (/^(?:ngày|số)$/u.test(word)) break;
    // "và" joins two issuers' names ("Bộ Lao động - Thương binh và Xã hội") but also two citations
    // ("của Thủ tướng Chính phủ và Kế hoạch số 160-KH/TU"): continue only into a capitalised non-kind word.
    if (word === 'và') {
      const next = /^\s*(\S+(?:\s+\S+)?)/u.exec(rest.slice(m[0].length))?.[1] ?? '';
      if (!/^\p{Lu}/u.test(next) || KIND_START_RE.test(next)) break;
    }
    words.push(word);
    rest = rest.slice(m[0].length);
  }
  const issuer = words.join(' ').replace(/[.]+$/, '');
  return issuer === '' ? null : issuer;
}

function normaliseNumber(raw: string): string {
  return raw.replace(/\s*([/-])\s*/g, '$1');
}

function referencesIn(line: Line): LegalBasis[] {
  const out: LegalBasis[] = [];
  for (const m of line.text.matchAll(REF_RE)) {
    const number = normaliseNumber(m[2] as string);
    if (!number.includes('/')) continue;
    const start = m.index ?? 0;
    let end = start + m[0].length;
    const after = line.text.slice(end, end + 400);
    const date = leadingDate(after);
    let issuerText = after;
    if (date) {
      end += date.length;
      issuerText = after.slice(date.length);
    }
    const issuer = readIssuer(issuerText) ?? ISSUER_BY_SUFFIX.find((s) => s.pattern.test(number))?.issuer ?? null;
    out.push({
      kind: canonicalKind(m[1] as string),
      number,
      date: date?.iso ?? null,
      issuer,
      source: lineSpan(line, start, end),
    });
  }
  return out;
}

function opensBasis(text: string): boolean {
  const t = cleanText(text);
  return BASIS_OPENERS.some((o) => t.startsWith(o) && !/^\p{L}/u.test(t.slice(o.length, o.length + 1)));
}

// Kinds a "Căn cứ" line cites by name. Example: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm
// 2015;" → Luật, title "Luật Tổ chức chính quyền địa phương", 2015-06-19. "Căn cứ Luật Tổ chức Chính phủ và Luật
// Tổ chức chính quyền địa phương …" → two laws. Counter-examples: "Căn cứ Luật sửa đổi, bổ sung một số điều của
// Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương …" is one law; "Căn cứ luật pháp hiện hành" names
// none (lower case); "Thực hiện Luật …, UBND tỉnh ban hành Kế hoạch" is not read (only "Căn cứ" lines end a name
// cleanly at "ngày" or ";").
const NAMED_RE = /(?<![\p{L}])(Hiến pháp|Bộ luật|Luật|Pháp lệnh)\s+(?=\p{Lu})/gu;
const NAMED_MAX = 160;

function namedIn(line: Line): LegalBasis[] {
  const text = line.text;
  if (!/^\s*\**\s*Căn cứ(?![\p{L}])/u.test(text)) return [];
  const out: LegalBasis[] = [];
  let consumed = 0;
  for (const m of text.matchAll(NAMED_RE)) {
    const start = m.index ?? 0;
    if (start < consumed) continue;
    // Already cited by number ("Luật số 72/2025/QH15") — REF_RE reads those.
    if (/^\S+\s+(?:số\s*)?\d/u.test(text.slice(start + (m[1] as string).length))) continue;
    const rest = text.slice(start);
    const amending = /^Luật sửa đổi/u.test(rest);
    const stop = /\s+ngày\s+\d|\s*;|\s+số\s+\d|\s*\(|\s*\.\s*$|,\s*(?=(?:Căn cứ|Ủy ban|UBND|Theo|Xét)\b)/u.exec(rest);
    let end = stop ? stop.index : rest.replace(/[\s.,;]+$/u, '').length;
    if (!stop && rest.length > NAMED_MAX) continue;
    let name = rest.slice(0, end);
    if (!amending) {
      // "Luật A và Luật B": two laws; the first ends before "và".
      const and = /\s+và\s+(?=(?:Bộ luật|Luật|Pháp lệnh)\s+\p{Lu})|,\s+(?=(?:Bộ luật|Luật|Pháp lệnh)\s+\p{Lu})/u.exec(
        name,
      );
      if (and) {
        name = name.slice(0, and.index);
        end = and.index;
      }
    }
    name = name.replace(/[\s,.]+$/u, '');
    if (name.length > NAMED_MAX || name.split(/\s+/u).length < 2) continue;
    consumed = start + end;
    const after = text.slice(start + end);
    const numbered = /^\s+số\s+(\d{1,5}(?:\s?[/-]\s?[\p{L}\d&]+){1,4})/u.exec(after);
    const date = leadingDate(numbered ? after.slice(numbered[0].length) : after);
    out.push({
      kind: canonicalKind(m[1] as string),
      number: numbered ? normaliseNumber(numbered[1] as string) : null,
      title: name,
      date: date?.iso ?? null,
      issuer: null,
      source: lineSpan(line, start, start + end + (numbered?.[0].length ?? 0) + (date?.length ?? 0)),
    });
  }
  return out;
}

/**
 * Legal basis of the plan; `from` is the first preamble line (after the title). `extra` zones are read too (the
 * preamble of the decision that issues an attached plan).
 */
export function extractLegalBasis(doc: Doc, outline: Outline, from: number, extra: readonly Zone[] = []): LegalBasis[] {
  const lines: Line[] = [];
  for (const z of extra) {
    for (let i = z.from; i < Math.min(z.to, doc.lines.length); i++) {
      const line = doc.lines[i] as Line;
      if (line.kind === 'text' && opensBasis(line.text)) lines.push(line);
    }
  }
  for (let i = Math.max(0, from); i < Math.min(outline.bodyStart, doc.lines.length); i++) {
    const line = doc.lines[i] as Line;
    if (line.kind === 'text' && opensBasis(line.text)) lines.push(line);
  }
  for (const s of outline.sections) {
    if (classifySection(s.title) !== 'basis') continue;
    for (let i = s.headLine + 1; i < s.endLine; i++) {
      const line = doc.lines[i] as Line;
      if (line.kind === 'text') lines.push(line);
    }
  }
  const byNumber = new Map<string, LegalBasis>();
  for (const line of lines) {
    for (const ref of [...referencesIn(line), ...namedIn(line)].sort((a, b) => a.source.start - b.source.start)) {
      const key = (ref.number ?? ref.title ?? '').toLowerCase();
      const seen = byNumber.get(key);
      if (!seen) byNumber.set(key, ref);
      else {
        seen.date ??= ref.date;
        seen.issuer ??= ref.issuer;
      }
    }
  }
  return [...byNumber.values()];
}
