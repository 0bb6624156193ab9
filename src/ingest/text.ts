import type { DocTree } from '../doc/types.js';

/** Plain text: UTF-8 with or without BOM, any line ending; one paragraph block per raw line. */
export function readText(bytes: Uint8Array): DocTree {
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  return { format: 'text', blocks: lines.map((t) => ({ type: 'paragraph', text: t })), pages: null, messages: [] };
}
