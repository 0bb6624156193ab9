// Vietnamese number words: "Hai tỷ một trăm lẻ bốn triệu bốn trăm bảy mươi ngàn đồng" → 2104470000.
// The grammar: groups of at most three places ("[d trăm] [d mươi | mười | lẻ] [d]"), each followed by a
// scale word in descending order; compound scales ("nghìn tỷ", "tỷ tỷ") multiply. Anything else is rejected,
// so a colloquial "hai tỷ ba" (2.3 billion) or a sentence that merely contains number words yields null.
import { LONE_WORDS_NOT_AMOUNTS, NUMBER_WORDS, type NumberWordTable } from '../rules/number-words.js';

interface Lexicon {
  digits: Map<string, number>;
  afterTens: Map<string, number>;
  ten: Set<string>;
  tens: Set<string>;
  hundred: Set<string>;
  zeroTens: Set<string>;
  scales: Map<string, number>;
  trailing: string[];
}

function lexicon(t: NumberWordTable): Lexicon {
  return {
    digits: new Map(Object.entries(t.digits)),
    afterTens: new Map(Object.entries(t.afterTens)),
    ten: new Set(t.ten),
    tens: new Set(t.tens),
    hundred: new Set(t.hundred),
    zeroTens: new Set(t.zeroTens),
    scales: new Map(Object.entries(t.scales)),
    // longest first, so "việt nam đồng" is stripped before "đồng"
    trailing: [...t.trailing].sort((a, b) => b.length - a.length),
  };
}

const LEX = lexicon(NUMBER_WORDS);
const LONE = new Set(LONE_WORDS_NOT_AMOUNTS);
const MAX_WORDS = 60;

/** 60 words never need more characters than this: longer text is refused before any pass over it. */
const MAX_CHARS = 1024;

function tokenize(text: string): string[] | null {
  if (text.length > MAX_CHARS) return null;
  const clean = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[()[\]{},.;:!?"'“”/*_–—-]/g, ' ')
    .trim();
  if (clean === '') return null;
  let tokens = clean.split(/\s+/);
  // Closing words ("đồng", "chẵn", "Việt Nam đồng") may come in any order at the end.
  let stripped = true;
  while (stripped && tokens.length > 0) {
    stripped = false;
    const tail = tokens.join(' ');
    for (const w of LEX.trailing) {
      if (tail === w || tail.endsWith(` ${w}`)) {
        tokens = tokens.slice(0, tokens.length - w.split(' ').length);
        stripped = true;
        break;
      }
    }
  }
  return tokens.length > 0 && tokens.length <= MAX_WORDS ? tokens : null;
}

interface Group {
  value: number;
  next: number;
  /** True when the group is a lone unit digit ("ba"), with no hundreds or tens place. */
  bareUnit: boolean;
}

function unitAt(tokens: string[], i: number, allowAfterTens: boolean): number | null {
  const t = tokens[i];
  if (t === undefined) return null;
  const d = LEX.digits.get(t);
  if (d !== undefined && d > 0) return d;
  if (allowAfterTens) return LEX.afterTens.get(t) ?? null;
  return null;
}

/** One group of up to three places starting at `i`; null when no group starts there. */
function readGroup(tokens: string[], start: number): Group | null {
  let i = start;
  let value = 0;
  let places = 0;
  const at = (k: number) => tokens[k] ?? '';
  const digit = LEX.digits.get(at(i));
  if (digit !== undefined && LEX.hundred.has(at(i + 1))) {
    value += digit * 100;
    i += 2;
    places++;
  }
  if (LEX.zeroTens.has(at(i))) {
    if (places === 0) return null;
    const u = unitAt(tokens, i + 1, true);
    if (u === null) return null;
    return { value: value + u, next: i + 2, bareUnit: false };
  }
  const d = LEX.digits.get(at(i));
  if (d !== undefined && d >= 2 && LEX.tens.has(at(i + 1))) {
    value += d * 10;
    i += 2;
    const u = unitAt(tokens, i, true);
    return u === null ? { value, next: i, bareUnit: false } : { value: value + u, next: i + 1, bareUnit: false };
  }
  // "muoi" without diacritics is both "mười" and "mươi": here no digit precedes it, so it is ten.
  if (LEX.ten.has(at(i))) {
    value += 10;
    i += 1;
    const u = unitAt(tokens, i, true);
    return u === null ? { value, next: i, bareUnit: false } : { value: value + u, next: i + 1, bareUnit: false };
  }
  if (d !== undefined && !LEX.scales.has(at(i))) {
    return { value: value + d, next: i + 1, bareUnit: places === 0 };
  }
  return places > 0 ? { value, next: i, bareUnit: false } : null;
}

/** Parses an amount spelled out in Vietnamese words; null when the text is not a well-formed amount. */
export function parseVnNumberWords(text: string): number | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  if (tokens.length === 1 && LONE.has(tokens[0] ?? '')) return null;
  const stack: Array<{ value: number; scale: number }> = [];
  let i = 0;
  let prevWasScale = false;
  let pending: Group | null = null;
  while (i < tokens.length) {
    const tok = tokens[i] ?? '';
    const scale = LEX.scales.get(tok);
    if (scale !== undefined) {
      if (pending) {
        const top = stack[stack.length - 1];
        if (top && top.scale <= scale) return null;
        stack.push({ value: pending.value * scale, scale });
        pending = null;
      } else if (prevWasScale) {
        // A compound scale ("nghìn tỷ", "tỷ tỷ") multiplies what the previous scale made.
        const top = stack.pop();
        if (!top) return null;
        const below = stack[stack.length - 1];
        if (below && below.scale <= top.scale * scale) return null;
        stack.push({ value: top.value * scale, scale: top.scale * scale });
      } else {
        return null;
      }
      prevWasScale = true;
      i++;
      continue;
    }
    if (pending) return null;
    const g = readGroup(tokens, i);
    if (!g) return null;
    pending = g;
    prevWasScale = false;
    i = g.next;
  }
  if (pending?.bareUnit && stack.length > 0) return null;
  const total = stack.reduce((s, p) => s + p.value, 0) + (pending?.value ?? 0);
  return Number.isInteger(total) ? total : null;
}
