// Finds legacy-encoded Vietnamese by its statistics and converts it. Used for plain text, HTML and .doc
// (where no font says what the bytes mean) and as a fallback for DOCX runs whose font is inherited.
//
// A paragraph is a candidate only when it could be legacy characters at all (every character is a
// Windows-1252 one) and has a non-ASCII one; real Unicode Vietnamese almost always has a letter outside
// Windows-1252 (ư ơ đ ạ ế …). The document's encoding is chosen once, over all candidates together: the
// encoding whose conversion reads best as Vietnamese (src/quality/syllable.ts) — and only when it reads
// well (≥ ACCEPT_SHARE) and clearly better than the text as it is (French "été" or English never do).
// Then each candidate paragraph is converted unless its conversion reads worse than the original.
import type { Diagnostic } from '../../contract/schema.js';
import type { Block, DocTree } from '../../doc/types.js';
import { scoreText } from '../../quality/syllable.js';
import { decodeLegacy, ENCODING_NAMES, isWin1252, LEGACY_ENCODINGS, type LegacyEncoding } from './convert.js';

const ACCEPT_SHARE = 0.75;
const MIN_GAIN = 0.25;
const MIN_COUNTED = 3;
/** Enough text to decide; documents are one encoding, so a sample of the candidates suffices. */
const SAMPLE_CHARS = 65_536;

function isCandidate(text: string): boolean {
  return (
    /[\u0001-\u0008\u0011-\u001f\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(
      text,
    ) && isWin1252(text)
  );
}

/** The legacy encoding these texts are written in, or null when they read as they are. */
export function detectLegacyEncoding(texts: readonly string[]): LegacyEncoding | null {
  let sample = '';
  for (const t of texts) {
    if (sample.length >= SAMPLE_CHARS) break;
    if (isCandidate(t)) sample += `${t}\n`;
  }
  if (sample === '') return null;
  const raw = scoreText(sample);
  if (raw.counted < MIN_COUNTED) return null;
  let best: { encoding: LegacyEncoding; share: number } | null = null;
  for (const encoding of LEGACY_ENCODINGS) {
    const s = scoreText(decodeLegacy(sample, encoding));
    if (s.counted >= MIN_COUNTED && (best === null || s.share > best.share)) best = { encoding, share: s.share };
  }
  if (!best || best.share < ACCEPT_SHARE || best.share - raw.share < MIN_GAIN) return null;
  return best.encoding;
}

/** Converts one paragraph if it is a candidate and its conversion does not read worse. */
export function convertParagraph(text: string, encoding: LegacyEncoding): string {
  if (!isCandidate(text)) return text;
  const converted = decodeLegacy(text, encoding);
  return scoreText(converted).valid >= scoreText(text).valid ? converted : text;
}

export function legacyDiagnostic(
  encoding: LegacyEncoding,
  how: string,
  converted: number,
  unit = 'paragraph',
): Diagnostic {
  return {
    code: 'legacy-encoding',
    severity: 'warning',
    message: `Text written in the legacy ${ENCODING_NAMES[encoding]} encoding (${encoding}) was converted to Unicode ${how} (${converted} ${unit}${converted === 1 ? '' : 's'}); check names and diacritics.`,
    source: null,
  };
}

/** Detects a legacy encoding over the whole tree and converts the paragraphs and cells written in it. */
export function convertLegacyTree(tree: DocTree, how = 'from the character statistics'): DocTree {
  const texts: string[] = [];
  for (const b of tree.blocks) {
    if (b.type === 'paragraph') texts.push(b.text);
    else for (const row of b.rows) texts.push(...row);
  }
  const encoding = detectLegacyEncoding(texts);
  if (!encoding) return tree;
  let converted = 0;
  const conv = (t: string): string => {
    const out = convertParagraph(t, encoding);
    if (out !== t) converted++;
    return out;
  };
  const blocks = tree.blocks.map(
    (b): Block =>
      b.type === 'paragraph' ? { ...b, text: conv(b.text) } : { ...b, rows: b.rows.map((r) => r.map(conv)) },
  );
  return { ...tree, blocks, messages: [...tree.messages, legacyDiagnostic(encoding, how, converted)] };
}
