import type { DocTree } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { detectTextEncoding, type TextEncodingInfo } from './decode.js';
import { win1252 } from './legacy/convert.js';
import { convertLegacyTree } from './legacy/detect.js';

function linesToTree(text: string): DocTree {
  const lines = text.split(/\r\n|\r|\n/);
  // A final newline does not open a new, empty line.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return { format: 'text', blocks: lines.map((t) => ({ type: 'paragraph', text: t })), pages: null, messages: [] };
}

/**
 * Plain text: UTF-8 with or without BOM (or UTF-16 with BOM), any line ending; one paragraph block
 * per raw line. Text in a legacy Vietnamese encoding (TCVN3, VNI, VISCII, Windows-1258) — as bytes that are
 * not UTF-8, or pasted into a UTF-8 file as mojibake — is detected from its statistics and converted.
 * Unwrapping and pipe-table reconstruction belong to the normaliser.
 */
export function readText(bytes: Uint8Array, decoded?: TextEncodingInfo): DocTree {
  const enc = decoded ?? detectTextEncoding(bytes);
  if (enc) return convertLegacyTree(linesToTree(enc.text));
  if (!bytes.includes(0)) {
    const tree = convertLegacyTree(linesToTree(win1252(bytes)));
    if (tree.messages.some((m) => m.code === 'legacy-encoding')) return tree;
  }
  throw new UnreadableDocumentError(
    'not-text',
    'The file is not valid UTF-8, BOM-marked UTF-16, nor Vietnamese text in a legacy encoding (TCVN3, VNI, VISCII, Windows-1258).',
  );
}
