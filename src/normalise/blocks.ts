// Tables that readers already delivered as rows (DOCX, HTML, PDF): find the header rows and leaf columns.
// Merged header cells arrive repeated or empty; a parent spanning several columns is carried to the right.

import { HEADER_WORDS } from '../rules/normalise.js';
import { isValue } from './cells.js';
import { joinHeader } from './header.js';
import { escapeRegex } from './patterns.js';
import type { RowLayout } from './rows.js';

const HEADER_WORD_RE = new RegExp(`^(?:${HEADER_WORDS.map(escapeRegex).join('|')})`, 'iu');
const MAX_HEADER_ROWS = 3;

function headerLike(row: readonly string[]): boolean {
  const filled = row.filter((c) => c !== '');
  return filled.length > 0 && !row.some(isValue);
}

export function blockRows(rows: string[][]): RowLayout {
  const width = Math.max(0, ...rows.map((r) => r.length));
  let headerRows = 0;
  if (rows[0] && headerLike(rows[0]) && rows[0].some((c) => HEADER_WORD_RE.test(c))) {
    headerRows = 1;
    // Further header levels: rows without values directly under a header that has merged (empty/repeated) cells.
    while (
      headerRows < MAX_HEADER_ROWS &&
      headerRows < rows.length - 1 &&
      headerLike(rows[headerRows]!) &&
      hasSpans(rows[headerRows - 1]!)
    ) {
      headerRows++;
    }
  }
  let columns: string[] | null = null;
  if (headerRows > 0) {
    columns = Array.from({ length: width }, () => '');
    for (let h = 0; h < headerRows; h++) {
      const row = rows[h]!;
      let carry = '';
      for (let c = 0; c < width; c++) {
        const cell = row[c] ?? '';
        // An empty cell right of a parent (and with something below) belongs to the parent's span.
        const below = rows[h + 1]?.[c] ?? '';
        const name = cell !== '' ? cell : h < headerRows - 1 && below !== '' ? carry : '';
        if (cell !== '') carry = cell;
        const prev = columns[c]!;
        if (name !== '' && !prev.endsWith(name)) columns[c] = joinHeader(prev, name);
      }
    }
  }
  const irregular: number[] = [];
  for (const [i, r] of rows.entries()) if (i >= headerRows && r.length !== width) irregular.push(i);
  return { rows, headerRows, columns, irregular };
}

function hasSpans(row: readonly string[]): boolean {
  return row.some((c, i) => c === '' || (i > 0 && c === row[i - 1]));
}
