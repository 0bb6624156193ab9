// Normalisation: DocTree → Doc. Unwraps lines broken mid-phrase, drops markdown markers, rebuilds
// pipe-delimited tables and tells layout tables from content tables.
import { DocBuilder, type DocHeader } from '../doc/build.js';
import type { Doc, DocTree } from '../doc/types.js';

export function normalise(tree: DocTree, header: Omit<DocHeader, 'format' | 'pages'>): Doc {
  const b = new DocBuilder({ ...header, format: tree.format, pages: tree.pages });
  for (const block of tree.blocks) {
    if (block.type === 'paragraph') b.addText(block.text);
    else b.addTable(block.rows, { origin: block.origin, layout: false, headerRows: 0 });
  }
  return b.build(tree.messages);
}
