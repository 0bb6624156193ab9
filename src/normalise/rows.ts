// Rows of a pipe-delimited table. Row boundaries are not marked in the text, so the row width is inferred from
// the periodicity of the cell kinds (numbers, text, empty) and the rows are laid out backwards from the last
// cell, which always closes the last row. The cells left over at the front are the header. In the
// "leading pipe" variant ("| a | b |" rows, as markdown dumps print them) every row starts with an empty cell.
import { type CellClass, cellClass, isValue } from './cells.js';
import { reconstructHeader } from './header.js';
import { HEADER_WORDS } from './rules.js';

export interface RowLayout {
  rows: string[][];
  headerRows: number;
  columns: string[] | null;
  /** Indexes (into rows) of rows whose cell count does not fit. */
  irregular: number[];
}

const MAX_WIDTH = 40;
const HEADER_WORD_RE = new RegExp(
  `^(?:${HEADER_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  'iu',
);

/**
 * Row period of a cell stream: the lag at which cell classes repeat best, reduced to its smallest divisor that
 * repeats nearly as well (a table of width 7 also repeats at 14 and 21).
 */
export function findPeriod(classes: readonly CellClass[]): number | null {
  const m = classes.length;
  const scores: number[] = [];
  let bestLag = 0;
  let best = 0;
  // Matches on rare classes weigh more: in a table of amounts, numbers repeat at every lag, row labels only at
  // the row width.
  const counts = new Map<CellClass, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const weight = classes.map((c) => 1 / (counts.get(c) ?? 1));
  for (let lag = 2; lag <= Math.min(MAX_WIDTH, Math.floor(m / 2)); lag++) {
    let same = 0;
    let total = 0;
    for (let i = 0; i + lag < m; i++) {
      const w = weight[i]!;
      total += w;
      if (classes[i] === classes[i + lag]) same += w;
    }
    const s = total === 0 ? 0 : same / total;
    scores[lag] = s;
    if (s > best + 1e-9) {
      best = s;
      bestLag = lag;
    }
  }
  if (bestLag === 0 || best < 0.5) return null;
  for (let d = 2; d < bestLag; d++) {
    if (bestLag % d === 0 && (scores[d] ?? 0) >= best - 0.03) return d;
  }
  return bestLag;
}

function isHeaderLike(row: readonly string[]): boolean {
  if (row.some(isValue)) return false;
  const filled = row.filter((c) => c !== '');
  if (filled.length === 0) return false;
  return true;
}

function looksLikeHeaderRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c !== '');
  if (filled.length === 0 || row.some(isValue)) return false;
  const hits = filled.filter((c) => HEADER_WORD_RE.test(c) || c.length <= 30).length;
  return filled.some((c) => HEADER_WORD_RE.test(c)) && hits >= filled.length * 0.6;
}

/** Splits a header given as marker-delimited rows (leading-pipe variant) on its marker cells. */
function splitLeadingHeader(cells: readonly string[]): string[][] {
  const rows: string[][] = [];
  let cur: string[] | null = null;
  for (const c of cells) {
    if (c === '' && (cur === null || cur.length > 0)) {
      if (cur) rows.push(cur);
      cur = [];
      continue;
    }
    if (cur === null) cur = [];
    cur.push(c);
  }
  if (cur && cur.length > 0) rows.push(cur);
  return rows;
}

export function layoutRows(cells: readonly string[], leading: boolean): RowLayout {
  const m = cells.length;
  if (m === 0) return { rows: [], headerRows: 0, columns: null, irregular: [] };
  const period = findPeriod(cells.map(cellClass));
  if (period === null || period > m) {
    const row = leading && cells[0] === '' ? cells.slice(1) : cells.slice();
    return { rows: [row], headerRows: 0, columns: null, irregular: [] };
  }
  // Lay rows out backwards from the end while they look like data.
  const body: string[][] = [];
  let end = m;
  while (end - period >= 0) {
    const row = cells.slice(end - period, end);
    if (leading && row[0] !== '') break;
    if (isHeaderLike(row) && body.length > 0 && looksLikeHeaderRow(row)) break;
    body.unshift(row);
    end -= period;
  }
  const strip = (r: string[]) => (leading ? r.slice(1) : r);
  const width = leading ? period - 1 : period;
  const dataRows = body.map(strip);
  const headCells = cells.slice(0, end);
  let headerRows: string[][] = [];
  let columns: string[] | null = null;
  const irregular: number[] = [];
  if (headCells.length > 0 && !(headCells.length === 1 && headCells[0] === '')) {
    if (leading) {
      headerRows = splitLeadingHeader(headCells);
      const shape = reconstructHeader(headerRows.flat(), width);
      columns = shape?.columns ?? null;
    } else {
      const shape = reconstructHeader(headCells, width);
      if (shape) {
        headerRows = shape.rows;
        columns = shape.columns;
      } else {
        headerRows = [headCells.slice()];
      }
    }
  } else if (dataRows.length > 1 && looksLikeHeaderRow(dataRows[0]!)) {
    const h = dataRows.shift()!;
    headerRows = [h];
    columns = h;
  }
  const rows = [...headerRows, ...dataRows];
  if (columns === null && headerRows.length > 0) {
    for (let r = 0; r < headerRows.length; r++) if (headerRows[r]!.length !== width) irregular.push(r);
  }
  return { rows, headerRows: headerRows.length, columns, irregular };
}
