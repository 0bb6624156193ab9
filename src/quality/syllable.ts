// How much of a text reads as Vietnamese. THE RULE (the one place it is written down):
//
//   1. Split the text on whitespace; strip surrounding quotes/brackets/punctuation; split on "-" "/" "." "," ";" ":" "&" "+" "|" "=" and apostrophes ("H'Mông").
//   2. A piece is NEUTRAL (not counted) when it has a digit or no letter at all (table rules "|", "+"), or is a capital abbreviation written with plain
//      letters and Đ only ("UBND", "KH", "CĐN", "HĐND", "TTr"), or is a single letter ("a", "b" list labels),
//      or is a plain-ASCII word of Latin letters alone (English/loan words such as "Internet", "online": they
//      are not evidence of garbling; a legacy-encoded Vietnamese text never consists only of them).
//   3. Every other piece COUNTS and is VALID when it is one Vietnamese syllable: onset + rhyme from
//      src/rules/syllables.ts, at most one tone mark, and a stop-closed rhyme (-p -t -c -ch) only with the
//      acute or dot-below tone.
//   4. The text's score is valid / counted. Mojibake (VNI "MUÏC TIEÂU", TCVN3 "KÕ ho¹ch") produces pieces
//      with Latin-1 letters and symbols that are never syllables, so it scores 0.25–0.45 (ASCII words like
//      "EM", "TRONG" survive); real Vietnamese scores above 0.9, foreign-heavy pages above 0.7 (measured on seeds, corpus and the mixed archive: see test/quality).
//   5. A text FAILS (garbled) when it has at least MIN_COUNTED counted pieces and its score is below
//      PASS_SHARE; a short span (values) fails when it has a counted piece that is not valid and its score is
//      below SPAN_PASS_SHARE. See src/checks/quality.ts for what failing does.
import { SYLLABLES } from '../rules/syllables.js';
import { isSpace } from '../text/chars.js';

export const PASS_SHARE = 0.6;
export const SPAN_PASS_SHARE = 0.6;
export const MIN_COUNTED = 5;

const ONSETS = [...SYLLABLES.onsets].sort((a, b) => b.length - a.length);
const RHYMES = new Set(SYLLABLES.rhymes);
const STOP = new RegExp(`(?:${SYLLABLES.stopCodas.join('|')})$`);
/** Tone marks as combining characters (NFD). Circumflex, breve and horn are letters' parts, not tones. */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ACUTE_OR_DOT = /[\u0301\u0323]/;

/** A plan repeats a few thousand distinct words: remember the verdicts (bounded, cleared when full). */
const memo = new Map<string, boolean>();
const MEMO_MAX = 50_000;

/** Is `word` (any case) one written Vietnamese syllable? */
export function isVietnameseSyllable(word: string): boolean {
  const known = memo.get(word);
  if (known !== undefined) return known;
  const verdict = checkSyllable(word);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(word, verdict);
  return verdict;
}

function checkSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE) ?? [];
  if (tones.length > 1) return false;
  const bare = nfd.replace(TONE, '').normalize('NFC');
  if (!/^[a-zđăâêôơư]+$/.test(bare)) return false;
  const check = (rhyme: string): boolean => {
    if (!RHYMES.has(rhyme)) return false;
    if (STOP.test(rhyme) && tones.length === 1 && !ACUTE_OR_DOT.test(tones[0] ?? '')) return false;
    return true;
  };
  if (check(bare)) return true;
  for (const onset of ONSETS) {
    if (!bare.startsWith(onset)) continue;
    const rest = bare.slice(onset.length);
    // "gi" + "a" = "gia"; "gì" is g + i. "qu" + "y" = "quy".
    if (rest.length > 0 && check(rest)) return true;
    if (onset === 'gi' && rest === '') return true;
  }
  return false;
}

export interface TextScore {
  counted: number;
  valid: number;
  /** valid / counted, 1 when nothing counts. */
  share: number;
}

const EDGE = /^[\s"'“”‘’«»()[\]{}<>.,;:!?…*•–—-]+|[\s"'“”‘’«»()[\]{}<>.,;:!?…*•–—-]+$/g;
/**
 * Letters legacy-encoding mojibake can never produce: neither Vietnamese nor Windows-1252 (Turkish ı ş ğ,
 * Cyrillic, Arabic, CJK …). A word containing one is foreign, not garbled.
 */
const FOREIGN_LETTER = /(?![a-zA-Z\u00c0-\u00ffŒœŠšŽžŸƒĂăĐđĨĩŨũƠơƯưẠ-ỹ])\p{L}/u;
const ABBREVIATION = /^[A-ZĐ][A-ZĐa-z]*[A-ZĐ]$|^[A-ZĐ]{1,2}$/;

const NEUTRAL = 0;
const VALID = 1;
const INVALID = 2;
/** Verdicts per piece as split by rule 1: plans repeat a few thousand distinct pieces (bounded, cleared when full). */
const pieceMemo = new Map<string, number>();

function classifyPiece(part: string): number {
  const known = pieceMemo.get(part);
  if (known !== undefined) return known;
  const verdict = judgePiece(part);
  if (pieceMemo.size >= MEMO_MAX) pieceMemo.clear();
  pieceMemo.set(part, verdict);
  return verdict;
}

function judgePiece(part: string): number {
  const w = part.replace(EDGE, '');
  if (w.length === 0) return NEUTRAL;
  if (/\d/.test(w) || !/\p{L}/u.test(w) || FOREIGN_LETTER.test(w)) return NEUTRAL;
  if (w.length === 1) return NEUTRAL;
  const syllable = isVietnameseSyllable(w);
  // Plain ASCII: an abbreviation ("UBND", "TTr") or a foreign word; neither is garbling.
  if (!syllable && (/^[A-Za-z]+$/.test(w) || ABBREVIATION.test(w))) return NEUTRAL;
  return syllable ? VALID : INVALID;
}

/** A token's counts packed in one number: counted × 2^26 + valid (a token has far fewer pieces than 2^26). */
const PACK = 2 ** 26;
/** Verdicts per whitespace-free token: a plan repeats a few thousand distinct words (bounded, cleared when full). */
const tokenMemo = new Map<string, number>();
const MEMO_TOKEN_CHARS = 64;

function judgeToken(token: string): number {
  let counted = 0;
  let valid = 0;
  for (const part of token.split(/[-/.,;:&+|='’]+/)) {
    if (part === '') continue;
    const v = classifyPiece(part);
    if (v === NEUTRAL) continue;
    counted++;
    if (v === VALID) valid++;
  }
  return counted * PACK + valid;
}

function tokenScore(token: string): number {
  if (token.length > MEMO_TOKEN_CHARS) return judgeToken(token);
  const known = tokenMemo.get(token);
  if (known !== undefined) return known;
  const packed = judgeToken(token);
  if (tokenMemo.size >= MEMO_MAX) tokenMemo.clear();
  tokenMemo.set(token, packed);
  return packed;
}

const toScore = (counted: number, valid: number): TextScore => ({
  counted,
  valid,
  share: counted === 0 ? 1 : valid / counted,
});

/** Scores a text by rule 1–4 above. Linear in the text's length. */
export function scoreText(text: string): TextScore {
  let counted = 0;
  let valid = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    const packed = tokenScore(text.slice(start, i));
    const c = Math.floor(packed / PACK);
    counted += c;
    valid += packed - c * PACK;
  }
  return toScore(counted, valid);
}

export interface TextScorer {
  /** scoreText(text). */
  total: TextScore;
  /** scoreText(text.slice(start, end)). */
  span(start: number, end: number): TextScore;
}

/**
 * Scores a text and many spans of it without rescoring it each time (a section's span covers most of a plan):
 * every whitespace-separated token is judged once, prefix sums give the tokens wholly inside a span, and only the
 * tokens a span cuts through are scored again. Same results as scoreText(text) and scoreText(text.slice(start,
 * end)).
 */
export function textScorer(text: string): TextScorer {
  const starts: number[] = [];
  const ends: number[] = [];
  const counted: number[] = [0];
  const valid: number[] = [0];
  let c = 0;
  let v = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    const packed = tokenScore(text.slice(start, i));
    const tc = Math.floor(packed / PACK);
    c += tc;
    v += packed - tc * PACK;
    starts.push(start);
    ends.push(i);
    counted.push(c);
    valid.push(v);
  }
  /** The first index whose value in `xs` (sorted) is at least / more than `at`. */
  const search = (xs: number[], at: number, strict: boolean): number => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? xs[mid]! <= at : xs[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const span = (start: number, end: number): TextScore => {
    let sc = 0;
    let sv = 0;
    const add = (t: TextScore) => {
      sc += t.counted;
      sv += t.valid;
    };
    let i = search(starts, start, false);
    // A token the span starts inside of: only its part within the span counts.
    if (i > 0 && ends[i - 1]! > start) add(scoreText(text.slice(start, Math.min(end, ends[i - 1]!))));
    const j = Math.max(i, search(ends, end, true));
    sc += counted[j]! - counted[i]!;
    sv += valid[j]! - valid[i]!;
    i = j;
    // A token the span ends inside of.
    if (i < starts.length && starts[i]! < end) add(scoreText(text.slice(starts[i]!, end)));
    return toScore(sc, sv);
  };
  return { total: toScore(c, v), span };
}

export function textFails(score: TextScore): boolean {
  return score.counted >= MIN_COUNTED && score.share < PASS_SHARE;
}

export function spanFails(score: TextScore): boolean {
  return score.counted > score.valid && score.share < SPAN_PASS_SHARE;
}
