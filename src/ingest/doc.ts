// Word 97–2003 (.doc) with word-extractor, a maintained pure-JS reader of the binary format: it works on a
// fresh machine (no LibreOffice) and reads a plan in milliseconds (LibreOffice's conversion costs seconds
// per document: `npm run bench`). It returns the text in reading order with Word's cell marks turned into
// tabs: every table row ends in a tab, its cells are separated by tabs and a cell's own paragraphs by
// newlines — enough to rebuild rows and cells (merged cells come out as empty cells).
// word-extractor reports no fonts, so legacy Vietnamese encodings are found per paragraph from the
// character statistics (legacy/detect.ts).
import WordExtractor from 'word-extractor';
import type { Block, DocTree } from '../doc/types.js';
import { UnreadableDocumentError } from '../errors.js';
import { inspectCfb } from './cfb.js';
import { convertLegacyTree } from './legacy/detect.js';

/** A row is at most this many lines (a cell's own paragraphs); more means it was not a row. */
const MAX_ROW_LINES = 40;

export async function readDoc(bytes: Uint8Array): Promise<DocTree> {
  const cfb = inspectCfb(bytes);
  if (cfb.kind !== 'word') {
    throw new UnreadableDocumentError(cfb.reason, cfb.message);
  }
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody();
  } catch (err) {
    throw new UnreadableDocumentError(
      'corrupt-file',
      `The Word 97-2003 document could not be read (truncated or damaged): ${(err as Error).message}`,
      { cause: err },
    );
  }
  return convertLegacyTree({ format: 'doc', blocks: bodyToBlocks(body), pages: null, messages: [] });
}

/** Splits word-extractor's body into paragraphs and tables (see the file comment for the layout). */
export function bodyToBlocks(body: string): Block[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  const flush = () => {
    if (table) blocks.push({ type: 'table', rows: table, origin: 'docx' });
    table = null;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    // A row starts on a line with a tab (its first cell has one paragraph) or, inside a table, on any line;
    // it runs to the first line ending in a tab.
    const end = rowEnd(lines, i, table !== null);
    if (end >= 0) {
      const cells = lines
        .slice(i, end + 1)
        .join('\n')
        .slice(0, -1)
        .split('\t');
      const width = (table as string[][] | null)?.[0]?.length;
      if ((table === null && cells.length >= 2) || width === cells.length) {
        if (table === null) table = [];
        (table as string[][]).push(cells.map((c) => c.trim()));
        i = end + 1;
        continue;
      }
      if (table !== null) {
        flush();
        continue; // the same lines may start a new table
      }
    }
    flush();
    blocks.push({ type: 'paragraph', text: line.replace(/\t+/g, ' ') });
    i++;
  }
  flush();
  return blocks;
}

function rowEnd(lines: string[], start: number, inTable: boolean): number {
  const first = lines[start] ?? '';
  if (!inTable && !first.includes('\t')) return -1;
  for (let j = start; j < Math.min(lines.length, start + MAX_ROW_LINES); j++) {
    const l = lines[j] ?? '';
    if (l.endsWith('\t')) return j;
    if (!inTable && j > start) return -1;
  }
  return -1;
}
