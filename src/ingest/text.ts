import type { DocTree } from '../doc/types.js';
import { decodeText } from './decode.js';

/**
 * Plain text: UTF-8 with or without BOM (or UTF-16 with BOM), any line ending; one paragraph block
 * per raw line. Unwrapping and pipe-table reconstruction belong to the normaliser.
 */
export function readText(bytes: Uint8Array): DocTree {
  const lines = decodeText(bytes).split(/\r\n|\r|\n/);
  // A final newline does not open a new, empty line.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return { format: 'text', blocks: lines.map((t) => ({ type: 'paragraph', text: t })), pages: null, messages: [] };
}
