// Rows of a pipe-delimited table. Row boundaries are not marked in the text: the row width is the period at
// which cell classes (row labels, amounts, dates, short/long text, empty) repeat; rows are then cut by a
// dynamic programme that prefers full-width rows whose cells fit the class profile of their column. Short rows
// (a cell spanning several rows is printed once) are right-aligned; one extra leading cell is allowed (the
// spanning cell's own row). Leading rows without values are the header. In the "leading pipe" variant
// ("| a | b |" rows as markdown dumps print them) every row starts with an empty marker cell.

import { HEADER_WORDS } from '../rules/normalise.js';
import { type CellClass, cellClass, cellKind, isRowLabel, isValue, isYear } from './cells.js';
import { reconstructHeader, reconstructLevels } from './header.js';
import { escapeRegex, LABEL_RE } from './patterns.js';

export interface RowLayout {
  rows: string[][];
  headerRows: number;
  columns: string[] | null;
  /** Indexes (into rows) of rows whose cell count does not fit. */
  irregular: number[];
}

const MAX_WIDTH = 40;
const CLASSES: readonly CellClass[] = ['empty', 'label', 'num', 'date', 'short', 'long'];
const HEADER_WORD_RE = new RegExp(`^(?:${HEADER_WORDS.map(escapeRegex).join('|')})`, 'iu');

/**
 * Row period of a cell stream: the lag at which cell classes repeat best (matches on rare classes weigh more:
 * amounts repeat at every lag, row labels only at the row width), reduced to its smallest divisor that repeats
 * nearly as well (a table of width 7 also repeats at 14 and 21).
 */
export function findPeriod(classes: readonly CellClass[]): number | null {
  const m = classes.length;
  const counts = new Map<CellClass, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const weight = classes.map((c) => 1 / (counts.get(c) ?? 1));
  const scores: number[] = [];
  let bestLag = 0;
  let best = 0;
  for (let lag = 2; lag <= Math.min(MAX_WIDTH, Math.floor(m / 2)); lag++) {
    let same = 0;
    let total = 0;
    let plain = 0;
    for (let i = 0; i + lag < m; i++) {
      const w = weight[i]!;
      total += w;
      if (classes[i] === classes[i + lag]) {
        same += w;
        plain++;
      }
    }
    const s = total === 0 ? 0 : (same / total + plain / (m - lag)) / 2;
    scores[lag] = s;
    if (s > best + 1e-9) {
      best = s;
      bestLag = lag;
    }
  }
  if (bestLag === 0 || best < 0.3) return null;
  for (let d = 2; d < bestLag; d++) {
    if (bestLag % d === 0 && (scores[d] ?? 0) >= best * 0.96) return d;
  }
  return bestLag;
}

/**
 * Leading-pipe tables: every row starts with an empty marker cell and the last row ends the stream, so the row
 * period is the smallest one whose positions counted back from the end hold markers.
 */
export function findMarkerPeriod(classes: readonly CellClass[]): number | null {
  const m = classes.length;
  for (let p = 2; p <= Math.min(MAX_WIDTH + 1, m); p++) {
    let hits = 0;
    let n = 0;
    for (let i = m - p; i >= 0; i -= p) {
      n++;
      if (classes[i] === 'empty') hits++;
    }
    // Empty data cells also look like markers; require most rows and a filled row somewhere to avoid p = 2.
    if (n > 0 && hits / n >= 0.85 && classes.slice(m - p + 1).some((c) => c !== 'empty')) return p;
  }
  return null;
}

/** Class frequencies per column: `p[column × CLASSES.length + class index]`, for `columns` columns. */
interface Profile {
  columns: number;
  p: Float64Array;
}
const NCLASS = CLASSES.length;
const CLASS_INDEX = new Map(CLASSES.map((c, i) => [c, i]));
const classIndex = (c: CellClass): number => CLASS_INDEX.get(c) ?? 0;

/** Counts → smoothed frequencies, column by column: (count + 0.5) / (column total + 3). */
function smooth(counts: Float64Array, columns: number): Profile {
  for (let col = 0; col < columns; col++) {
    let n = 0;
    for (let k = 0; k < NCLASS; k++) n += counts[col * NCLASS + k]!;
    for (let k = 0; k < NCLASS; k++) counts[col * NCLASS + k] = (counts[col * NCLASS + k]! + 0.5) / (n + 3);
  }
  return { columns, p: counts };
}

function isText(c: CellClass | undefined): boolean {
  return c === 'short' || c === 'long';
}

/** Class frequencies per column, read from the stream at period P with column 0 at `phase`. */
function phaseProfile(classes: readonly CellClass[], period: number, phase: number): Profile {
  const counts = new Float64Array(period * NCLASS);
  for (let i = 0; i < classes.length; i++) {
    const col = (((i - phase) % period) + period) % period;
    counts[col * NCLASS + classIndex(classes[i]!)]! += 1;
  }
  return smooth(counts, period);
}

/** Class frequencies per column from the full-width rows of a previous cut. */
function rowProfile(classes: readonly CellClass[], cuts: readonly Cut[], width: number, marker: boolean): Profile {
  const off = marker ? 1 : 0;
  const counts = new Float64Array((width + off) * NCLASS);
  for (const c of cuts) {
    const k = c.end - c.start - off;
    if (k < width) continue;
    for (let t = 0; t < width; t++) counts[(off + t) * NCLASS + classIndex(classes[c.end - width + t]!)]! += 1;
  }
  return smooth(counts, width + off);
}

interface Cut {
  start: number;
  end: number;
}

/**
 * Cuts cells into rows of at most `width` (+1) cells. `marker`: rows start with an empty marker cell.
 * Cost per row: 1, plus 1.5 per missing/extra cell, plus per cell the unlikelihood of its class in its column.
 */
function cutRows(classes: readonly CellClass[], width: number, marker: boolean, prof: Profile): Cut[] {
  return cutRowsCost(classes, width, marker, prof).cuts;
}

function cutRowsCost(
  classes: readonly CellClass[],
  width: number,
  marker: boolean,
  prof: Profile,
): { cuts: Cut[]; cost: number } {
  const m = classes.length;
  const codes = Uint8Array.from(classes, classIndex);
  const best = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(m + 1).fill(-1);
  best[0] = 0;
  const off = marker ? 1 : 0;
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(best[i]!)) continue;
    if (marker && classes[i] !== 'empty') {
      // Not a row start: only a stray cell can be skipped here, at a high price.
      if (best[i]! + 4 < best[i + 1]!) {
        best[i + 1] = best[i]! + 4;
        from[i + 1] = i;
      }
      continue;
    }
    // One extra leading cell only for a group label cell in front of a row label ("Mục tiêu 1" | "Chỉ tiêu 1").
    const extra = isText(classes[i + off]) && isText(classes[i + off + 1]) ? 1 : 0;
    for (let k = 1; k <= width + extra && i + off + k <= m; k++) {
      const j = i + off + k;
      let cost = 1 + 1.5 * Math.abs(width - k);
      // Right-align short rows; an extra leading cell has no column.
      const first = k > width ? 1 : 0;
      for (let t = first; t < k; t++) {
        const col = off + width - k + t;
        const p = col < prof.columns ? prof.p[col * NCLASS + codes[i + off + t]!]! : 0.1;
        cost += 1 - p;
      }
      if (first) cost += 0.5;
      if (best[i]! + cost < best[j]!) {
        best[j] = best[i]! + cost;
        from[j] = i;
      }
    }
  }
  const cuts: Cut[] = [];
  let j = m;
  while (j > 0) {
    const i = from[j]!;
    if (i < 0) break;
    cuts.unshift({ start: i, end: j });
    j = i;
  }
  return { cuts, cost: best[m]! };
}

function looksLikeHeaderRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c !== '');
  if (filled.length === 0 || row.some(isValue)) return false;
  return filled.some((c) => HEADER_WORD_RE.test(c));
}

/** "A | B | 1 | 2 | 3 | 4=3/2" under a header: column numbers, part of the header. */
function isNumberingRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c !== '');
  if (filled.length < 3 || filled.some((c) => c.length > 8)) return false;
  const ints = filled.map((c) => Number.parseInt(c.replace(/^\(|\)$/g, ''), 10)).filter((n) => Number.isFinite(n));
  let run = 0;
  for (let i = 1; i < ints.length; i++) if (ints[i] === ints[i - 1]! + 1) run++;
  return run >= 2 && filled.every((c) => /^[(]?(?:[A-Z]|\d{1,2}(?:\s?[=*/+-]\s?[\d/+*()-]{1,12})?)[)]?$/.test(c));
}

/** A data row carries an amount, or several numbers, or starts with a row label. */
function isDataRow(row: readonly string[]): boolean {
  if (row.some(isValue)) return true;
  const numbers = row.slice(1).filter((c) => (cellKind(c) === 'num' || isRowLabel(c)) && !isYear(c)).length;
  if (numbers >= 2) return true;
  // "X | Y" under "Tọa độ" are column names, not a row numbered X.
  return isRowLabel(row[0] ?? '') && !looksLikeHeaderRow(row) && row.slice(1).some((c) => c.length > 3);
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
  const classes = cells.map(cellClass);
  // Marker-delimited rows of varying length (section rows span across): the first row, the header, gives the width.
  const firstRow = leading ? cells.slice(1).indexOf('') : -1;
  const headerWidth = firstRow >= 2 && looksLikeHeaderRow(cells.slice(1, firstRow + 1)) ? firstRow + 1 : null;
  const markerPeriod = leading ? findMarkerPeriod(classes) : null;
  // Two readings of a marker dump: the width of its first (header) row, or the marker period; section rows spoil
  // the period, multi-level headers the first row. Keep the one whose cut fits better.
  let period = markerPeriod ?? headerWidth ?? findPeriod(classes);
  if (markerPeriod !== null && headerWidth !== null && markerPeriod !== headerWidth) {
    // Each column costs as much as two rows: a wide misreading absorbs several rows into one.
    const cost = (p: number) => cutRowsCost(classes, p - 1, true, phaseProfile(classes, p, 0)).cost + 2 * p;
    period = cost(headerWidth) < cost(markerPeriod) ? headerWidth : markerPeriod;
  }
  const single = (): RowLayout => ({
    rows: [leading && cells[0] === '' ? cells.slice(1) : cells.slice()],
    headerRows: 0,
    columns: null,
    irregular: [],
  });
  if (period === null || period > m) return single();
  const marker = leading;
  const width = marker ? period - 1 : period;
  if (width < 1) return single();
  // The phase profile is blurred by irregular rows; re-read it from the rows cut so far and cut again.
  // The last rows are aligned on the end of the stream: read the first profile there only (earlier irregular
  // rows shift the phase).
  const tailFrom = marker ? 0 : Math.max(0, m - 5 * period);
  const tail = classes.slice(tailFrom);
  let cuts = cutRows(classes, width, marker, phaseProfile(tail, period, marker ? 0 : tail.length % period));
  for (let round = 0; round < 2; round++)
    cuts = cutRows(classes, width, marker, rowProfile(classes, cuts, width, marker));
  const rowsAll = cuts.map((c) => cells.slice(c.start + (marker && classes[c.start] === 'empty' ? 1 : 0), c.end));
  // Header: the leading rows before the first data row, re-read as one header cell list.
  let h = 0;
  // Header rows: before the first data row; a section row ("I. Kinh tế số") is not a header row.
  while (
    h < rowsAll.length &&
    !isDataRow(rowsAll[h]!) &&
    h < 6 &&
    (h === 0 || !(rowsAll[h]!.some((c) => LABEL_RE.test(c)) || isRowLabel(rowsAll[h]![0] ?? '')))
  )
    h++;
  if (h === rowsAll.length) h = looksLikeHeaderRow(rowsAll[0] ?? []) ? 1 : 0;
  const numbering = h > 0 && h < rowsAll.length && isNumberingRow(rowsAll[h]!) ? 1 : 0;
  let headerRows: string[][] = [];
  let columns: string[] | null = null;
  if (h > 0) {
    const headStart = cuts[0]!.start;
    const headEnd = cuts[h - 1]!.end;
    const headCells = cells.slice(headStart, headEnd);
    const flat = marker ? splitLeadingHeader(headCells) : null;
    const list = flat ? flat.flat() : headCells;
    const dataWidths = rowsAll.slice(h + numbering).map((r) => r.length);
    const widest = Math.max(width, ...dataWidths);
    const shape =
      (flat ? reconstructLevels(flat, width) : null) ??
      reconstructHeader(list, width) ??
      (widest !== width ? reconstructHeader(list, widest) : null);
    if (shape) {
      headerRows = shape.rows;
      columns = shape.columns;
    } else {
      headerRows = flat ?? rowsAll.slice(0, h);
    }
  }
  const full = columns?.length ?? width;
  // Rows short by the columns that span down from a group row (header wider than the data) are padded on the
  // left so that cells line up with `columns`; any other misfit is irregular.
  if (numbering) headerRows = [...headerRows, rowsAll[h]!];
  // Short rows are padded so that cells line up with the columns: in marker-delimited dumps a short row is a
  // cell spanning across (a section row "I | NHÓM GIẢI PHÁP"), padded on the right; otherwise cells spanning
  // down were printed once, so the row is padded on the left. Only the latter is uncertain (irregular), as is
  // any row wider than the table.
  const irregular: number[] = [];
  const dataRows = rowsAll.slice(h + numbering).map((r, i) => {
    if (r.length > full) irregular.push(headerRows.length + i);
    if (r.length >= full) return r;
    const pad = Array.from({ length: full - r.length }, () => '');
    // Marker dumps: a section row ("I | NHÓM GIẢI PHÁP") spans across, padded right; a row missing leading
    // cells (they span down from the row above) is padded left.
    if (marker && (r.length <= 2 || isRowLabel(r[0] ?? ''))) return [...r, ...pad];
    if (marker) return [...pad, ...r];
    if (!(full > width && r.length === width)) irregular.push(headerRows.length + i);
    return [...pad, ...r];
  });
  const rows = [...headerRows, ...dataRows];
  return { rows, headerRows: headerRows.length, columns, irregular };
}
