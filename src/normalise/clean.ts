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
// A line made only of rule characters: "-------", "___", "…......", "* * *".
const DECORATION_RE = /^[-_=~.…·*•]{3,}$/;

/** Whitespace and Unicode normalisation of one raw line; keeps leading/trailing text intact otherwise. */
export function cleanSpaces(raw: string): string {
  return raw.normalize('NFC').replace(ZERO_WIDTH_RE, '').replace(SPACE_RE, ' ').replace(MULTI_SPACE_RE, ' ').trim();
}

/** Drops markdown markers while keeping their text. */
export function stripMarkdown(line: string): string {
  return line.replace(HEADING_RE, '').replace(EMPHASIS_RE, '').replace(MULTI_SPACE_RE, ' ').trim();
}

/** One raw line → clean text (markdown dropped, spaces normalised). */
export function cleanLine(raw: string): string {
  return stripMarkdown(cleanSpaces(raw));
}

export function isDecoration(line: string): boolean {
  return DECORATION_RE.test(line.replace(/ /g, ''));
}

/** Joins the lines of one table cell with single spaces, dropping decoration lines. */
export function joinCellLines(lines: readonly string[]): string {
  return lines
    .filter((l) => l !== '' && !isDecoration(l))
    .join(' ')
    .replace(MULTI_SPACE_RE, ' ')
    .trim();
}
