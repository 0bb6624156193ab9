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
const DECORATION_CHARS = new Set('-_=~.…·*•');

// Fast paths, since every raw line passes here. Code points below U+0300, Latin Extended Additional (the
// precomposed Vietnamese letters) and general punctuation from U+2002 are all NFC on their own and never compose
// with a neighbour: a line made only of them is already NFC. A line with none of the characters the three
// replacements look for needs only trimming.
const MAYBE_NOT_NFC_RE = /[^\u0000-\u02FF\u1E00-\u1EFF\u2002-\u2027\u2030-\u205E]/;
const NEEDS_SPACING_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]| {2}/;

/** Whitespace and Unicode normalisation of one raw line; keeps leading/trailing text intact otherwise. */
export function cleanSpaces(raw: string): string {
  const nfc = MAYBE_NOT_NFC_RE.test(raw) ? raw.normalize('NFC') : raw;
  if (!NEEDS_SPACING_RE.test(nfc)) return nfc.trim();
  return nfc.replace(ZERO_WIDTH_RE, '').replace(SPACE_RE, ' ').replace(MULTI_SPACE_RE, ' ').trim();
}

/** Drops markdown markers while keeping their text. */
export function stripMarkdown(line: string): string {
  const unheaded = line.replace(HEADING_RE, '');
  // Most lines hold neither marker: skip the emphasis scan, whose lookarounds run at every position.
  const plain = unheaded.includes('*') || unheaded.includes('_') ? unheaded.replace(EMPHASIS_RE, '') : unheaded;
  return plain.replace(MULTI_SPACE_RE, ' ').trim();
}

/** One raw line → clean text (markdown dropped, spaces normalised). */
export function cleanLine(raw: string): string {
  return stripMarkdown(cleanSpaces(raw));
}

// Called on every line pair while unwrapping: a scan that stops at the first text character, with no copy.
export function isDecoration(line: string): boolean {
  let rules = 0;
  for (const c of line) {
    if (c === ' ') continue;
    if (!DECORATION_CHARS.has(c)) return false;
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
