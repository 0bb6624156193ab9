// Multi-level table headers. A text dump of an HTML header with row/col spans lists each header row's cells in
// order: a cell spanning down is listed once (in its top row), a cell spanning across is the parent of cells in
// the next row. Given the leaf width (the width of the data rows) we search for the level structure that
// explains the cell list: per level, leading leaf cells then trailing parent cells, the next level's cells
// shared out evenly among the parents. Small search space: at most 3 levels, headers of a few dozen cells.
export interface HeaderShape {
  /** The header cells level by level, as listed. */
  rows: string[][];
  /** Leaf column names, parents joined with " / ". */
  columns: string[];
}

const MAX_LEVELS = 3;
const MAX_CELLS = 60;

export function joinHeader(prefix: string, name: string): string {
  if (prefix === '') return name;
  if (name === '') return prefix;
  return `${prefix} / ${name}`;
}

/** Leaf column names from the header cells and the leaf count; null when no level structure explains them. */
export function reconstructHeader(cells: readonly string[], width: number): HeaderShape | null {
  const k = cells.length;
  if (k === 0 || width <= 0 || k > MAX_CELLS) return null;
  if (k === width) return { rows: [cells.slice()], columns: cells.slice() };
  for (let levels = 2; levels <= MAX_LEVELS; levels++) {
    const found = searchBounds(cells, width, levels, 0, []);
    if (found) return found;
  }
  return null;
}

function searchBounds(
  cells: readonly string[],
  width: number,
  levels: number,
  start: number,
  ends: number[],
): HeaderShape | null {
  if (ends.length === levels - 1) {
    const all = [...ends, cells.length];
    const rows: string[][] = [];
    let from = 0;
    for (const e of all) {
      rows.push(cells.slice(from, e));
      from = e;
    }
    return searchParents(rows, width, 0, [{ prefix: '' }], []);
  }
  for (let b = start + 1; b < cells.length; b++) {
    const r = searchBounds(cells, width, levels, b, [...ends, b]);
    if (r) return r;
  }
  return null;
}

interface Parent {
  prefix: string;
}

/**
 * Level `li` of `rows`: its cells are shared among `parents`; in each group the trailing `q` cells are parents of
 * the next level. `columns` collects leaves in reading order.
 */
function searchParents(
  rows: string[][],
  width: number,
  li: number,
  parents: Parent[],
  columns: string[],
): HeaderShape | null {
  let level = rows[li] ?? [];
  const last = li === rows.length - 1;
  if (li > 0) {
    // Placeholders: a level may repeat, as empty cells, the columns that span down from above.
    let skip = 0;
    while (skip < level.length && level[skip] === '' && skip < columns.length) skip++;
    if (skip > 0 && (level.length - skip) % parents.length === 0 && level.length - skip > 0) level = level.slice(skip);
  }
  if (level.length === 0 || level.length % parents.length !== 0) return null;
  const per = level.length / parents.length;
  const groups = parents.map((p, i) => ({ prefix: p.prefix, cells: level.slice(i * per, (i + 1) * per) }));
  if (last) {
    const cols = [...columns];
    for (const g of groups) for (const c of g.cells) cols.push(joinHeader(g.prefix, c));
    return cols.length === width ? { rows, columns: cols } : null;
  }
  // Try the fewest trailing parents first: a group usually has one spanning cell.
  for (let q = 1; q <= per; q++) {
    const cols = [...columns];
    const next: Parent[] = [];
    for (const g of groups) {
      for (const c of g.cells.slice(0, per - q)) cols.push(joinHeader(g.prefix, c));
      for (const c of g.cells.slice(per - q)) next.push({ prefix: joinHeader(g.prefix, c) });
    }
    if (cols.length >= width) continue;
    const r = searchParents(rows, width, li + 1, next, cols);
    if (r) return r;
  }
  return null;
}
