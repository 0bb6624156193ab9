// Builds a Doc from already-unwrapped lines, the shape the normaliser produces. A line starting with "|"
// opens a table whose rows are given as "a | b" strings until a line equal to "|end".
import { DocBuilder } from '../../src/doc/build.js';
import type { Doc } from '../../src/doc/types.js';

export function docOf(lines: readonly string[], opts: { layoutTables?: boolean } = {}): Doc {
  const b = new DocBuilder({ format: 'text', sha256: '0'.repeat(64), fileName: null, pages: null });
  let table: string[][] | null = null;
  for (const line of lines) {
    if (table) {
      if (line === '|end') {
        b.addTable(table, { origin: 'pipe', layout: opts.layoutTables ?? false, headerRows: 0 });
        table = null;
      } else {
        table.push(line.split(' | '));
      }
      continue;
    }
    if (line === '|') {
      table = [];
      continue;
    }
    b.addText(line);
  }
  if (table) b.addTable(table, { origin: 'pipe', layout: opts.layoutTables ?? false, headerRows: 0 });
  return b.build();
}
