// OCR-tolerant matching of rule-table phrases (section headings, document kinds, keywords): a weighted edit
// distance in which the errors OCR makes cost less than a different letter — a dropped, doubled or wrong
// diacritic ("MỤC TIỂU", "Căn cử") and the look-alikes 0/O, 1/l/I, 5/S cost half — under a distance limit that
// grows with the phrase. It is a mechanism, not a typo list: every phrase of every table gets the tolerance.
import { foldName } from './provinces.js';

const bases = new Map<string, string>();

/** Letters without their marks: "ể" → "e", "đ" → "d". */
export function baseLetter(c: string): string {
  let b = bases.get(c);
  if (b === undefined) {
    b =
      c === 'đ' || c === 'Đ'
        ? 'd'
        : c
            .normalize('NFD')
            .replace(/\p{M}+/gu, '')
            .toLowerCase();
    // Callers pass one character at a time: the map stays as small as the alphabets seen.
    if (bases.size < 10_000) bases.set(c, b);
  }
  return b;
}

const LOOK_ALIKES: ReadonlyArray<readonly [string, string]> = [
  ['0', 'o'],
  ['1', 'l'],
  ['1', 'i'],
  ['l', 'i'],
  ['5', 's'],
  ['8', 'b'],
];
const alike = new Set(LOOK_ALIKES.flatMap(([a, b]) => [`${a}${b}`, `${b}${a}`]));

/** The cost of writing `a` where `b` stands, given both letters' bases. */
function substitutionCost(a: string, b: string, ba: string, bb: string): number {
  if (a === b) return 0;
  if (ba === bb || alike.has(`${ba}${bb}`)) return 0.5;
  return 1;
}

/** Weighted edit distance of two strings (compared as given), or `cap + 1` as soon as it must exceed `cap`. */
export function ocrDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > cap) return cap + 1;
  const bx = x.map(baseLetter);
  const by = y.map(baseLetter);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + substitutionCost(x[i - 1] ?? '', y[j - 1] ?? '', bx[i - 1] ?? '', by[j - 1] ?? ''),
      );
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** How far a phrase may be from the text and still match: half an OCR error per 4 letters, at most 2. */
export function distanceLimit(phrase: string): number {
  return Math.min(2, Math.floor([...phrase.replace(/\s+/g, '')].length / 4) * 0.5);
}

/** Does `text` equal `phrase` up to OCR noise (compared case-, spacing- and punctuation-folded)? */
export function fuzzyEquals(text: string, phrase: string): boolean {
  // Far longer than the phrase cannot be equal to it: decided before folding, so long lines cost nothing.
  if (text.length > phrase.length * 2 + 8) return false;
  const t = foldName(text);
  const p = foldName(phrase);
  if (t === p) return true;
  const limit = distanceLimit(p);
  return limit > 0 && ocrDistance(t, p, limit) <= limit;
}

/** Longest text looked at, so matching stays linear on adversarial input. */
const MAX_TEXT = 300;

/**
 * Does `text` contain `phrase` up to OCR noise? Windows of the text's words as many as the phrase has (and one
 * more or fewer, for words split or run together) are compared to it.
 */
export function fuzzyIncludes(text: string, phrase: string): boolean {
  return fuzzyIncluder(text)(phrase);
}

/** fuzzyIncludes(text, ·) for many phrases: the text is folded and split once. */
export function fuzzyIncluder(text: string): (phrase: string) => boolean {
  const t = foldName(text.slice(0, MAX_TEXT));
  let words: string[] | null = null;
  return (phrase) => {
    const p = foldName(phrase);
    if (t.includes(p)) return true;
    const limit = distanceLimit(p);
    if (limit === 0) return false;
    words ??= t.split(' ');
    const n = p.split(' ').length;
    for (let size = Math.max(1, n - 1); size <= n + 1; size++) {
      for (let i = 0; i + size <= words.length; i++) {
        if (ocrDistance(words.slice(i, i + size).join(' '), p, limit) <= limit) return true;
      }
    }
    return false;
  };
}
