// Character-level cleanup shared by body text and table cells: Unicode NFC, whitespace, zero-width characters,
// markdown emphasis and heading markers, decoration rules ("-------", "___").

// Zero-width space/joiners, word joiner, BOM, soft hyphen.
const ZERO_WIDTH_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Tabs, NBSP and the other Unicode spaces that readers leave inside lines.
const SPACE_RE = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const MULTI_SPACE_RE = / {2,}/g;
// Markdown emphasis: any run of "*" or "__", except a footnote mark "(*)".
const EMPHASIS_RE = /(?<!\()\*+(?!\))|__+(?=\S)|(?<=\S)__+/g;
const HEADING_RE = /^#{1,6}\s+/;
// A line made only of rule characters: "-------", "___", "…......", "* * *" (spaces aside, at least three).
const DECORATION_CODES = new Set([...'-_=~.…·*•'].map((c) => c.charCodeAt(0)));

// Fast paths, since every raw line passes here. Code points below U+0300, Latin Extended Additional (the
// precomposed Vietnamese letters) and general punctuation from U+2002 are all NFC on their own and never compose
// with a neighbour: a line made only of them is already NFC. A line with none of the characters the three
// replacements look for needs only trimming.
// Both tests are one scan of character codes (they were regexes: the hottest patterns of normalisation).
const MAYBE_NOT_NFC = 1;
const NEEDS_SPACING = 2;

/** A character the three replacements look for: zero-width, soft hyphen, a space other than U+0020. */
function isOddSpace(c: number): boolean {
  return (
    c === 9 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xad ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * MAYBE_NOT_NFC: a character outside U+0000–02FF, U+1E00–1EFF, U+2002–2027, U+2030–205E. NEEDS_SPACING: one
 * isOddSpace character, or two spaces in a row.
 */
function scan(s: string, want: number): number {
  let found = 0;
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) found |= NEEDS_SPACING;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c < 0x80) {
      if (c === 9 || c === 11 || c === 12) found |= NEEDS_SPACING;
    } else {
      if (!(c <= 0x2ff || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x2002 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e)))
        found |= MAYBE_NOT_NFC;
      if (isOddSpace(c)) found |= NEEDS_SPACING;
    }
    if (found === want) return found;
  }
  return found;
}

/** Whitespace and Unicode normalisation of one raw line; keeps leading/trailing text intact otherwise. */
export function cleanSpaces(raw: string): string {
  let found = scan(raw, MAYBE_NOT_NFC | NEEDS_SPACING);
  let nfc = raw;
  if (found & MAYBE_NOT_NFC) {
    nfc = raw.normalize('NFC');
    found = scan(nfc, NEEDS_SPACING);
  }
  if (!(found & NEEDS_SPACING)) return nfc.trim();
  return nfc.replace(ZERO_WIDTH_RE, '').replace(SPACE_RE, ' ').replace(MULTI_SPACE_RE, ' ').trim();
}

/** Drops markdown markers while keeping their text. */
export function stripMarkdown(line: string): string {
  // A heading marker only ever opens the line.
  const unheaded = line.charCodeAt(0) === 35 ? line.replace(HEADING_RE, '') : line;
  // Most lines hold neither marker: skip the emphasis scan, whose lookarounds run at every position.
  const plain = unheaded.includes('*') || unheaded.includes('_') ? unheaded.replace(EMPHASIS_RE, '') : unheaded;
  return (plain.includes('  ') ? plain.replace(MULTI_SPACE_RE, ' ') : plain).trim();
}

/** One raw line → clean text (markdown dropped, spaces normalised). */
export function cleanLine(raw: string): string {
  return stripMarkdown(cleanSpaces(raw));
}

// Called on every line pair while unwrapping: a scan that stops at the first text character, with no copy.
export function isDecoration(line: string): boolean {
  let rules = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) continue;
    // A surrogate half is never one of them, as its whole character was not.
    if (!DECORATION_CODES.has(c)) return false;
    rules++;
  }
  return rules >= 3;
}

/** Joins the lines of one table cell with single spaces, dropping decoration lines. */
export function joinCellLines(lines: readonly string[]): string {
  return lines
    .filter((l) => l !== '' && !isDecoration(l))
    .join(' ')
    .replace(MULTI_SPACE_RE, ' ')
    .trim();
}
