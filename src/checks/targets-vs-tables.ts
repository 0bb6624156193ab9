// Narrative targets against the summary table that restates them ("BẢNG TỔNG HỢP CHỈ TIÊU …"): each table row
// group under "Chỉ tiêu N" is matched to target N, each row to the clause of the target it restates, and the
// values compared year by year in the plan's own columns (not the baseline "KQ 2020" nor national columns).
import type { Table, Target } from '../contract/schema.js';
import { detectNotation, type Notation, parseVnNumber } from '../numbers/parse.js';

export interface TargetConflict {
  target: Target;
  table: Table;
  /** Index into table.rows of the row holding the disagreeing value. */
  row: number;
  /** Null for a value due every year, compared with all the plan's year columns. */
  year: number | null;
  narrative: number[];
  tabled: number[];
  column: string;
}

// Columns that hold something other than this plan's own targets.
const NOT_PLAN_COLUMN =
  /toàn quốc|cả nước|quốc gia|trung ương|(?<![\p{L}])kq(?![\p{L}])|kết quả|đạt được|(?<![\p{L}])ước(?![\p{L}])|hiện trạng|năm gốc|so sánh|đã thực hiện|thực hiện năm|(?:^|\/ )thực hiện/iu;
const YEAR = /(?:19|20)\d{2}/g;
const VALUE_CELL = /^[<>≤≥]?\s*\d/;
const NUMBER_IN_CELL = /(\d+(?:[.,]\d+)*)/g;
const TARGET_LABEL = /chỉ\s*tiêu\s*(\d+)/iu;
const GOAL_LABEL = /^\W*mục\s*tiêu\s*\d+/iu;
const STOP_WORDS = new Set([
  'và',
  'của',
  'các',
  'có',
  'được',
  'trên',
  'dưới',
  'vào',
  'năm',
  'đến',
  'đạt',
  'xuống',
  'tỷ',
  'lệ',
]);

interface Segment {
  text: string;
  /** Index into table.rows where the segment's values start. */
  row: number;
  /** One entry per value column, the cell text ('' when empty). */
  cells: string[];
  rows: number[];
}

function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .replace(/[^\p{L}\d\s]/gu, ' ')
      .split(/\s+/)
      // Small numbers stay: "dưới 1 tuổi" and "dưới 5 tuổi" tell two clauses apart.
      .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOP_WORDS.has(w)),
  );
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / Math.min(a.size, b.size);
}

/** Plan columns: header names a year and is not a baseline, result or national column. */
function planColumns(table: Table): Array<{ index: number; year: number }> {
  const out: Array<{ index: number; year: number }> = [];
  table.columns.forEach((c, index) => {
    const years = c.match(YEAR);
    const year = years ? Number(years[years.length - 1]) : null;
    if (year !== null && !NOT_PLAN_COLUMN.test(c)) out.push({ index, year });
  });
  return out;
}

/**
 * Reads the table as a stream of cells in reading order: a text cell opens a segment and the cells after it
 * are its values, column by column. The stream survives rows the reader split or merged differently.
 */
function segments(table: Table, firstValueCol: number): Segment[] {
  const width = table.columns.length - firstValueCol;
  const out: Segment[] = [];
  let cur: Segment | null = null;
  table.rows.forEach((r, ri) => {
    for (const raw of r.cells) {
      const c = raw.trim();
      if (c !== '' && !VALUE_CELL.test(c)) {
        cur = { text: c, row: ri, cells: [], rows: [] };
        out.push(cur);
      } else if (cur) {
        cur.cells.push(c);
        cur.rows.push(ri);
      }
    }
  });
  for (const s of out) {
    // A short run lacks leading merged cells; a long one carries trailing empties.
    if (s.cells.length > width) {
      s.cells = s.cells.slice(0, width);
      s.rows = s.rows.slice(0, width);
    } else if (s.cells.length < width && s.cells.some((c) => c !== '')) {
      const pad = width - s.cells.length;
      s.cells = [...Array(pad).fill(''), ...s.cells];
      s.rows = [...Array(pad).fill(s.row), ...s.rows];
    }
  }
  return out;
}

function numbersIn(cell: string, notation: Notation | null): number[] {
  const out: number[] = [];
  for (const m of cell.matchAll(NUMBER_IN_CELL)) {
    const p = parseVnNumber(m[1] ?? '', { notation });
    if (p) out.push(p.value);
  }
  return out;
}

/** Splits a target into clauses (";") and gives each value the clause it was read from. */
function clauses(t: Target): Array<{ text: string; values: Target['values'] }> {
  const parts = t.text.split(/;\s*/);
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    at += p.length + 1;
  }
  const out = parts.map((text) => ({ text, values: [] as Target['values'] }));
  let cursor = 0;
  for (const v of t.values) {
    let pos = v.text ? t.text.indexOf(v.text, cursor) : -1;
    if (pos < 0) pos = t.text.indexOf(String(v.value).replace('.', ','), cursor);
    if (pos < 0) pos = cursor;
    cursor = pos + Math.max(1, v.text.length);
    let k = 0;
    while (k + 1 < starts.length && (starts[k + 1] ?? Infinity) <= pos) k++;
    out[k]?.values.push(v);
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

function findTarget(targets: Target[], text: string, n: string | null): Target | null {
  if (n !== null) {
    const byLabel = targets.find((t) => t.label !== null && TARGET_LABEL.exec(t.label)?.[1] === n);
    if (byLabel) return byLabel;
  }
  // By words only when one target clearly stands out: a wrong match would report a conflict that is not.
  const w = words(text);
  const scored = targets
    .map((t) => ({ t, s: overlap(w, words(t.text.replace(TARGET_LABEL, ''))) }))
    .sort((a, b) => b.s - a.s);
  const [best, second] = scored;
  if (!best || best.s < 0.75 || (second && best.s - second.s < 0.15)) return null;
  return best.t;
}

export function targetTableConflicts(targets: Target[], tables: Table[]): TargetConflict[] {
  const conflicts: TargetConflict[] = [];
  for (const table of tables) {
    if (table.kind === 'layout') continue;
    const plan = planColumns(table);
    if (plan.length === 0) continue;
    const firstValueCol = Math.min(...table.columns.map((c, i) => (c.match(YEAR) ? i : Number.POSITIVE_INFINITY)));
    if (!Number.isFinite(firstValueCol)) continue;
    const segs = segments(table, firstValueCol);
    const notation = detectNotation(segs.flatMap((s) => s.cells.flatMap((c) => c.match(NUMBER_IN_CELL) ?? [])));

    // Group segments under the "Chỉ tiêu N" that opens them; a "Mục tiêu N" heading closes a group.
    const groups: Array<{ n: string | null; head: string; segs: Segment[] }> = [];
    // Without "Chỉ tiêu N" labels every row stands for itself and is matched to a target by its words.
    const labelled = segs.some((s) => TARGET_LABEL.test(s.text));
    for (const s of segs) {
      if (!labelled) {
        groups.push({ n: null, head: s.text, segs: [s] });
        continue;
      }
      const n = TARGET_LABEL.exec(s.text)?.[1] ?? null;
      const last = groups[groups.length - 1];
      if (n !== null || !last || GOAL_LABEL.test(s.text)) groups.push({ n, head: s.text, segs: [s] });
      else last.segs.push(s);
    }
    for (const g of groups) {
      const target = findTarget(targets, g.head, g.n);
      if (!target || target.values.length === 0) continue;
      const cl = clauses(target);
      // Heading rows ("- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ em") open a group but hold no values.
      const valued = g.segs.filter((s) => s.cells.some((c) => c !== ''));
      valued.forEach((s, k) => {
        // The row restating a clause shares its words; rows with too few words follow clause order.
        const w = words(s.text.replace(TARGET_LABEL, ''));
        let pick = Math.min(k, cl.length - 1);
        let best = 0.3;
        cl.forEach((c, i) => {
          // Clause order breaks ties: tables restate clauses in the order the text gives them.
          const o = overlap(w, words(c.text.replace(TARGET_LABEL, ''))) + (i === k ? 0.05 : 0);
          if (o > best) {
            best = o;
            pick = i;
          }
        });
        if (valued.length === 1 && cl.length === 1) pick = 0;
        const clause = cl[pick];
        if (!clause) return;
        for (const { index, year } of plan) {
          const cell = s.cells[index - firstValueCol] ?? '';
          const tabled = numbersIn(cell, notation);
          const narrative = clause.values.filter((v) => v.year === year).map((v) => v.value);
          if (tabled.length === 0 || narrative.length === 0) continue;
          if (narrative.some((v) => tabled.some((t) => same(v, t)))) continue;
          conflicts.push({
            target,
            table,
            row: s.rows[index - firstValueCol] ?? s.row,
            year,
            narrative,
            tabled,
            column: table.columns[index] ?? String(index),
          });
        }
        // A value due every year ("Duy trì 100% …") must appear in at least one of the plan's year columns.
        const timeless = clause.values.filter((v) => v.year === null).map((v) => v.value);
        if (timeless.length > 0 && clause.values.every((v) => v.year === null)) {
          const cells = plan.map(({ index }) => numbersIn(s.cells[index - firstValueCol] ?? '', notation));
          const tabled = cells.flat();
          const first = plan[0];
          if (first && tabled.length > 0 && !timeless.some((v) => tabled.some((t) => same(v, t)))) {
            conflicts.push({
              target,
              table,
              row: s.rows[first.index - firstValueCol] ?? s.row,
              year: null,
              narrative: timeless,
              tabled,
              column: plan.map(({ index }) => table.columns[index] ?? String(index)).join(', '),
            });
          }
        }
      });
    }
  }
  return conflicts;
}
