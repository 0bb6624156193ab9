// Regexes composed from the rule tables. Every pattern is linear: alternations of literals and bounded classes,
// no nested quantifiers.
import {
  CONNECTOR_PUNCTUATION,
  CONNECTOR_WORDS,
  HEADING_TAIL_WORDS,
  LABEL_WORDS,
  PARAGRAPH_OPENERS,
  STANDALONE_LINES,
  TABLE_BREAK_OPENERS,
  TERMINAL_PUNCTUATION,
} from '../rules/normalise.js';

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const alt = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');

/** Numbered and lettered labels: "IV.", "1.", "1.1.", "1.1", "1)", "a)", "đ)". A year "2030." is not a label. */
const NUMBERED_LABELS = [
  '^[IVXLC]{1,6}\\.(?=\\s|$)',
  // "I- MỤC ĐÍCH", "II - MỤC TIÊU", "1- Mục tiêu chung": the dash style of older and district plans.
  '^[IVXLC]{1,6}\\s?[-–](?=\\s)',
  '^\\d{1,2}-(?=\\s)',
  '^\\d{1,2}(?:\\.\\d{1,2}){0,3}\\.(?=\\s|$)',
  '^\\d{1,2}(?:\\.\\d{1,2}){1,3}(?=\\s+\\S)',
  '^\\d{1,2}\\)(?=\\s|$)',
  '^[a-zđ]\\)(?=\\s|$)',
];

/** A numbered or lettered label, as opposed to a bullet ("-", "+") or a label word ("Chỉ tiêu 3:"). */
export const NUMBERED_LABEL_RE = new RegExp(NUMBERED_LABELS.join('|'), 'u');

/** Item labels: numbered labels, bullets "-", "+", and label words "Chỉ tiêu 3:", "Mục tiêu 1:". */
export const LABEL_RE = new RegExp(
  [
    ...NUMBERED_LABELS,
    '^[-–—+•·*](?=\\s|\\S)',
    `^(?:${alt(LABEL_WORDS)})\\s+(?:\\d{1,3}|[IVXLC]{1,6})(?:\\.\\d{1,2})?\\s?[:.)](?=\\s|$)`,
  ].join('|'),
  'u',
);

/** A line that is nothing but a label ("III.", "1.", "a)"). */
export const LABEL_ONLY_RE = new RegExp(`^(?:${LABEL_RE.source.split('|^').join('|')})\\s*$`, 'u');

export const STANDALONE_RE = new RegExp(`^(?:${alt(STANDALONE_LINES)})(?:\\s+[IVXLC\\d]{1,5})?\\s*$`, 'u');
export const HEADING_TAIL_RE = new RegExp(`^(?:${alt(HEADING_TAIL_WORDS)})\\s*$`, 'u');
export const OPENER_RE = new RegExp(`^(?:${alt(PARAGRAPH_OPENERS)})`, 'u');
export const TABLE_BREAK_RE = new RegExp(`^(?:${alt(TABLE_BREAK_OPENERS)})`, 'u');

// Lower-case connectors ("và", "của") match in any case; capitalised head nouns of names ("Hội", "Sở", "Ban")
// only as written: "xã hội", "trung tâm" and "văn bản" end phrases that are complete.
// Plain toLowerCase/toUpperCase throughout normalisation: Vietnamese has no locale-specific case rules (ICU's
// special casing is for tr, az, lt and el), so the 'vi' variants gave the same strings, only slower.
const isLower = (w: string) => w === w.toLowerCase();
const LOWER_CONNECTORS = CONNECTOR_WORDS.filter(isLower);
const HEAD_NOUNS = CONNECTOR_WORDS.filter((w) => !isLower(w));
const CONNECTOR_SET = new Set(LOWER_CONNECTORS.filter((w) => !w.includes(' ')));
const HEAD_NOUN_SET = new Set(HEAD_NOUNS.filter((w) => !w.includes(' ')));
const MULTI_WORD_CONNECTORS = LOWER_CONNECTORS.filter((w) => w.includes(' '));
const MULTI_WORD_HEADS = HEAD_NOUNS.filter((w) => w.includes(' '));

export function endsWithConnector(line: string): boolean {
  const t = line.trimEnd();
  const last = t.slice(-1);
  if (CONNECTOR_PUNCTUATION.includes(last)) return true;
  const word = t.slice(t.lastIndexOf(' ') + 1);
  if (HEAD_NOUN_SET.has(word) || MULTI_WORD_HEADS.some((w) => t.endsWith(` ${w}`) || t === w)) return true;
  const lower = t.toLowerCase();
  if (CONNECTOR_SET.has(word.toLowerCase())) return true;
  return MULTI_WORD_CONNECTORS.some((w) => lower.endsWith(` ${w}`) || lower === w);
}

const TERMINAL_SET = new Set(TERMINAL_PUNCTUATION);
/** True when the line ends a sentence or list entry ("./.", "…;", "…)." count; closing quotes are skipped). */
export function endsWithTerminal(line: string): boolean {
  let t = line.trimEnd();
  while (t.length > 0 && /["”’)\]*]/.test(t.slice(-1))) t = t.slice(0, -1);
  return TERMINAL_SET.has(t.slice(-1));
}

/** A 4-digit year range continued on the next line: "… 2021" / "- 2030". */
export const YEAR_END_RE = /(?:^|\D)(?:19|20)\d{2}$/;
export const DASH_YEAR_START_RE = /^[-–]\s?(?:19|20)\d{2}\b/;

/** A line opening with a figure ("100% các điểm", "3.000 lượt"): a continuation unless it is a label. */
export const NUMBER_START_RE = /^\d/u;

/** A dash followed by a lower-case word: a broken sentence ("từ sản xuất" / "- quản lý - tiêu thụ"). */
export const DASH_LOWER_RE = /^[-–]\s?\p{Ll}/u;
