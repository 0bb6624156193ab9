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

interface Candidate extends HeaderShape {
  /** How many spanning parent cells the structure uses (+0.3 per level with several parents per group, +1 per bare-year parent). */
  parents: number;
}

import { GROUP_HEADER_WORDS, GROUP_TOTAL_WORDS, LEAF_HEADER_WORDS } from '../rules/normalise.js';
import { escapeRegex } from './patterns.js';

const MAX_LEVELS = 3;
const LEAF_RE = new RegExp(`^(?:${LEAF_HEADER_WORDS.map(escapeRegex).join('|')})$`, 'iu');
const TOTAL_RE = new RegExp(`^(?:${GROUP_TOTAL_WORDS.map(escapeRegex).join('|')})$`, 'iu');
const GROUP_RE = new RegExp(`^(?:${GROUP_HEADER_WORDS.map(escapeRegex).join('|')})(?=$|[\\s,:(])`, 'iu');
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
  let best: HeaderShape | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let levels = 2; levels <= MAX_LEVELS; levels++) {
    searchBounds(cells, width, levels, 0, [], (shape) => {
      // Fewest spanning parents, then fewest levels; a grouping word ("Trong đó") left as a leaf is implausible.
      const groupLeaves = shape.columns.filter((c) => GROUP_RE.test(c.split(' / ').pop() ?? '')).length;
      const leafParents = shape.columns.filter((c) =>
        c
          .split(' / ')
          .slice(0, -1)
          .some((p) => LEAF_RE.test(p)),
      ).length;
      // Two leaf columns with the same full name mean the spans were misread.
      const duplicates = shape.columns.length - new Set(shape.columns).size;
      const topTotals = shape.columns.filter((c) => TOTAL_RE.test(c)).length;
      // Ties: the wider top row (leading columns span down, groups come last).
      const score =
        shape.parents +
        shape.rows.length * 0.01 -
        (shape.rows[0]?.length ?? 0) * 0.001 +
        groupLeaves * 5 +
        (leafParents > 0 ? 10 : 0) +
        topTotals * 0.6 +
        duplicates * 5;
      if (score < bestScore) {
        bestScore = score;
        best = shape;
      }
    });
  }
  if (!best) return null;
  const { rows, columns } = best as HeaderShape;
  return { rows, columns };
}

function searchBounds(
  cells: readonly string[],
  width: number,
  levels: number,
  start: number,
  ends: number[],
  found: (c: Candidate) => void,
): void {
  if (ends.length === levels - 1) {
    const all = [...ends, cells.length];
    const rows: string[][] = [];
    let from = 0;
    for (const e of all) {
      rows.push(cells.slice(from, e));
      from = e;
    }
    searchParents(rows, width, 0, [{ prefix: '' }], [], 0, found);
    return;
  }
  for (let b = start + 1; b < cells.length; b++) searchBounds(cells, width, levels, b, [...ends, b], found);
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
  parentCount: number,
  found: (c: Candidate) => void,
): void {
  let level = rows[li] ?? [];
  const last = li === rows.length - 1;
  if (li > 0) {
    // Placeholders: a level may repeat, as empty cells, the columns that span down from above.
    let skip = 0;
    while (skip < level.length && level[skip] === '' && skip < columns.length) skip++;
    if (skip > 0 && (level.length - skip) % parents.length === 0 && level.length - skip > 0) level = level.slice(skip);
  }
  if (level.length === 0 || level.length % parents.length !== 0) return;
  const per = level.length / parents.length;
  // A cell spanning across covers at least two columns.
  if (li > 0 && per < 2) return;
  const groups = parents.map((p, i) => ({ prefix: p.prefix, cells: level.slice(i * per, (i + 1) * per) }));
  if (last) {
    const cols = [...columns];
    for (const g of groups) for (const c of g.cells) cols.push(joinHeader(g.prefix, c));
    if (cols.length === width) found({ rows, columns: cols, parents: parentCount });
    return;
  }
  // Try the fewest trailing parents first: a group usually has one spanning cell.
  // The first cell of the top level (STT, "Nội dung") never spans across.
  for (let q = 1; q <= (li === 0 ? per - 1 : per); q++) {
    const cols = [...columns];
    const next: Parent[] = [];
    for (const g of groups) {
      for (const c of g.cells.slice(0, per - q)) cols.push(joinHeader(g.prefix, c));
      for (const c of g.cells.slice(per - q)) next.push({ prefix: joinHeader(g.prefix, c) });
    }
    if (cols.length >= width) continue;
    // A bare year rarely spans across other columns (its children would be years too).
    const yearParents = next.filter((p) => /(?:^| \/ )(?:19|20)\d{2}$/.test(p.prefix)).length;
    searchParents(rows, width, li + 1, next, cols, parentCount + next.length + (q > 1 ? 0.3 : 0) + yearParents, found);
  }
}

const MAX_PARENTS_PER_LEVEL = 3;

function* subsets(n: number, k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc.slice();
    return;
  }
  for (let i = start; i < n; i++) {
    acc.push(i);
    yield* subsets(n, k, i + 1, acc);
    acc.pop();
  }
}

/**
 * Header rows already known (marker-delimited dumps): pick, level by level, which cells span across (anywhere in
 * the row, not only at its end); their children, the next level's cells, are shared out evenly in order and
 * take the parent's place in the leaf order.
 */
export function reconstructLevels(rows: readonly string[][], width: number): HeaderShape | null {
  if (rows.length === 0 || rows.length > MAX_LEVELS) return null;
  const expand = (li: number, names: string[]): string[] | null => {
    if (li === rows.length - 1) return names;
    const below = rows[li + 1]!;
    for (let k = 1; k <= Math.min(MAX_PARENTS_PER_LEVEL, names.length); k++) {
      if (below.length % k !== 0 || below.length / k < 2) continue;
      const per = below.length / k;
      // STT, "Nội dung", "Đơn vị tính" never span across; otherwise the leftmost reading wins (a period column
      // such as "Năm hiện hành 2025" over "Kế hoạch | Ước thực hiện" comes before the later years).
      for (const pick of subsets(names.length, k)) {
        if (pick.some((i) => LEAF_RE.test(names[i] ?? ''))) continue;
        const out: string[] = [];
        let child = 0;
        for (const [i, n] of names.entries()) {
          if (pick.includes(i)) {
            for (const c of below.slice(child * per, (child + 1) * per)) out.push(joinHeader(n, c));
            child++;
          } else out.push(n);
        }
        const r = expand(li + 1, out);
        if (r && r.length === width) return r;
      }
    }
    return null;
  };
  const top = rows[0]!;
  const columns = rows.length === 1 ? top.slice() : expand(0, top.slice());
  if (!columns || columns.length !== width) return null;
  return { rows: rows.map((r) => r.slice()), columns };
}
