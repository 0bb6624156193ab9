// Tells layout tables (the header block: issuer, national motto, "Số:", place and date; the signature block:
// "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", signer) from content tables, and lays their cells out.

import { LAYOUT_MARKERS } from '../rules/normalise.js';
import { isValue } from './cells.js';
import { escapeRegex } from './patterns.js';

const MARKER_RES = LAYOUT_MARKERS.map((m) => new RegExp(escapeRegex(m), 'iu'));
const MAX_LAYOUT_CELLS = 10;

/** How many distinct layout markers the cells carry. */
export function layoutScore(cells: readonly string[]): number {
  return MARKER_RES.filter((re) => cells.some((c) => re.test(c))).length;
}

export function isLayoutTable(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled.length === 0 || filled.length > MAX_LAYOUT_CELLS) return false;
  if (filled.filter(isValue).length > 1) return false;
  return layoutScore(filled) >= 1;
}

/**
 * Layout cells → rows. Marker-delimited (leading pipe) input keeps its rows; otherwise cells pair up two by two,
 * as the header block is drawn (issuer | motto, number | place-date) and the signature block (recipients | signer).
 */
export function layoutTableRows(cells: readonly string[], leading: boolean): string[][] {
  if (leading) {
    const rows: string[][] = [];
    let cur: string[] = [];
    for (const [i, c] of cells.entries()) {
      if (c === '' && i > 0 && cur.length > 0) {
        rows.push(cur);
        cur = [];
        continue;
      }
      if (c !== '') cur.push(c);
    }
    if (cur.length > 0) rows.push(cur);
    return rows;
  }
  const filled = cells.filter((c) => c !== '');
  const rows: string[][] = [];
  for (let i = 0; i < filled.length; i += 2) rows.push(filled.slice(i, i + 2));
  return rows;
}
