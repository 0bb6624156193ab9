// Arithmetic checks on a table: a total column equals its components (row sums, read from the multi-level
// header or the column-number row "3=1+2"), and a total row equals its data rows (column sums, read from the
// row numbering hierarchy I / 1 / 1.1 / a / - or from a formula in the label "(I+II+III)").
// In every check `expected` is the total as written and `actual` the sum of its components.
import type { TableCheck } from '../contract/schema.js';

export interface SumRow {
  /** The STT cell ("I", "1", "1.1", "a", "-"), '' when none. */
  stt: string;
  label: string;
  values: Array<number | null>;
  /** False when the row's cells could not be aligned to the columns; its numbers are not trusted. */
  regular: boolean;
  /** A rate, share or index row ("Tỷ lệ …", unit "%"): its figures never add up with others. */
  rate?: boolean;
}

export interface ColumnFormula {
  column: number;
  terms: Array<{ column: number; sign: 1 | -1 }>;
  /** The formula as written in the column-number row ("3=1+2"). */
  text: string;
}

export interface SumInput {
  columns: string[];
  rows: SumRow[];
  /** Columns that hold no quantities (STT, label, unit). */
  skipColumns: ReadonlySet<number>;
  formulas: ColumnFormula[];
}

export interface SumResult {
  checks: TableCheck[];
  /** [row index, flag] for rows whose total did not add up. */
  rowFlags: Array<[number, string]>;
}

const TOTAL_HEADER = /^(?:tổng|cộng)(?:\s|$)/;
const TOTAL_LABEL = /^(?:tổng|cộng)(?:\s|$|:)/i;
const PARTIAL_LEAD = /^(?:trong đó|trong do)(?![\p{L}])/iu;
const LIST_LEAD = /^(?:trong đó|bao gồm|gồm|chia ra)\s*:?\s*/i;
const LABEL_FORMULA = /\(\s*([IVXLCA-Z\d.]+(?:\s*[+-]\s*[IVXLCA-Z\d.]+)+)\s*\)/;
const ROMAN = /^[IVXLC]+$/;
const ALTERNATIVE_BREAKDOWN = /^(?:phân\s+|chia\s+)?theo\s/iu;

const lower = (s: string) => s.normalize('NFC').toLowerCase().trim();
const path = (c: string) => c.split(' / ').map(lower);

function decimals(v: number): number {
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Rounded figures may legitimately miss by half a unit of their last digit per component. */
function tolerance(values: number[]): number {
  const d = Math.max(0, ...values.map(decimals));
  return d === 0 ? 1e-9 : 0.5 * 10 ** -d * values.length + 1e-9;
}

function numericColumns(input: SumInput): number[] {
  const width = Math.max(input.columns.length, ...input.rows.map((r) => r.values.length));
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    if (input.skipColumns.has(c)) continue;
    // Percentages and ratios never add up across rows or columns.
    if (/%|tỷ lệ|so sánh|tốc độ/.test(lower(input.columns[c] ?? ''))) continue;
    if (input.rows.some((r) => r.values[c] !== null && r.values[c] !== undefined)) out.push(c);
  }
  return out;
}

function check(
  kind: 'row-sum' | 'column-sum',
  total: number,
  parts: number[],
  where: string,
  partial = false,
): TableCheck {
  const sum = parts.reduce((a, b) => a + b, 0);
  const tol = tolerance([total, ...parts]);
  const actual = Math.round(sum * 1e9) / 1e9;
  const ok = partial ? actual <= total + tol : Math.abs(total - actual) <= tol;
  return { kind, ok, expected: total, actual, where: partial ? `${where} (partial list: trong đó)` : where };
}

// --------------------------------------------------------------------------------------------- row sums

function headerComponents(columns: string[], total: number, usable: ReadonlySet<number>): number[] | null {
  const p = path(columns[total] ?? '');
  const prefix = p.slice(0, -1);
  const groups = new Map<string, number[]>();
  columns.forEach((c, j) => {
    if (j === total || !usable.has(j)) return;
    const q = path(c);
    if (q.length <= prefix.length || prefix.some((s, k) => q[k] !== s)) return;
    const key = q[prefix.length] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), j]);
  });
  const parts: number[] = [];
  for (const members of groups.values()) {
    const leaf = members.find((j) => path(columns[j] ?? '').length === prefix.length + 1);
    if (leaf !== undefined && members.length === 1) {
      parts.push(leaf);
      continue;
    }
    // A group with its own total column ("Huyện / Tổng cộng") counts once, through that total.
    const sub = members.find((j) => TOTAL_HEADER.test(path(columns[j] ?? '')[prefix.length + 1] ?? ''));
    // Otherwise the group is a breakdown ("Trong đó / …", "Chia ra / …"): all its columns count.
    if (sub !== undefined) parts.push(sub);
    else parts.push(...members);
  }
  return parts.length >= 2 ? parts : null;
}

interface Plan {
  column: number;
  terms: Array<{ column: number; sign: 1 | -1 }>;
  /** How the plan was found, for `where`: the formula as written, or empty for header-derived plans. */
  text: string;
  /** Header-derived plans can rest on a misread header; explicit formulas cannot. */
  source: 'formula' | 'header' | 'figures';
}

function planChecks(input: SumInput, plan: Plan): Array<{ row: number; check: TableCheck }> {
  const name = (k: number) => (input.columns[k] ?? '').split(' / ').pop() || `#${k + 1}`;
  const formula =
    plan.text ||
    `${name(plan.column)} = ${plan.terms.map((t, n) => `${n === 0 ? '' : t.sign < 0 ? '- ' : '+ '}${name(t.column)}`).join(' ')}`;
  const out: Array<{ row: number; check: TableCheck }> = [];
  input.rows.forEach((row, r) => {
    if (!row.regular) return;
    const total = row.values[plan.column];
    if (total === null || total === undefined) return;
    const vals = plan.terms.map((t) => {
      const v = row.values[t.column];
      return v === null || v === undefined ? null : v * t.sign;
    });
    if (vals.every((v) => v === null)) return;
    out.push({
      row: r,
      check: check(
        'row-sum',
        total,
        vals.map((v) => v ?? 0),
        `row "${row.label}": ${formula}`,
      ),
    });
  });
  return out;
}

/** A plan that fails on most rows says more about how the header was read than about the figures. */
function systematic(results: Array<{ check: TableCheck }>): boolean {
  const failed = results.filter((x) => !x.check.ok).length;
  return failed >= 2 && failed * 2 > results.length;
}

/**
 * Totals found from the figures alone: a column that equals the sum of the columns right after (or right
 * before) it on all rows but at most one. Grouped headers ("Huyện / Tổng cộng / Trong đó …") always put a
 * total next to its parts, so this finds them even when the header could not be read.
 */
function discoverPlans(input: SumInput, usable: number[], taken: ReadonlySet<number>): Plan[] {
  const plans: Plan[] = [];
  const usableSet = new Set(usable);
  const rows = input.rows.filter((r) => r.regular);
  for (const t of usable) {
    if (taken.has(t)) continue;
    const withTotal = rows.filter((r) => r.values[t] !== null && r.values[t] !== undefined);
    if (withTotal.length < 2) continue;
    for (const dir of [1, -1] as const) {
      const run: number[] = [];
      for (let j = t + dir; usableSet.has(j); j += dir) run.push(j);
      let found: number[] | null = null;
      for (let k = 2; k <= run.length && !found; k++) {
        const parts = run.slice(0, k);
        let agree = 0;
        let fail = 0;
        let informative = false;
        for (const r of withTotal) {
          const vals = parts.map((j) => r.values[j] ?? 0);
          const total = r.values[t] as number;
          if (Math.abs(vals.reduce((a, b) => a + b, 0) - total) <= tolerance([total, ...vals])) {
            agree++;
            if (total !== 0 && vals.filter((v) => v !== 0).length >= 2) informative = true;
          } else fail++;
        }
        if (informative && fail <= 1 && agree >= (fail === 0 ? 2 : 3)) found = parts;
      }
      if (found) {
        plans.push({
          column: t,
          terms: found.map((column) => ({ column, sign: 1 as const })),
          text: '',
          source: 'figures',
        });
        break;
      }
    }
  }
  return plans;
}

function rowSums(input: SumInput, usable: number[], out: SumResult): void {
  const usableSet = new Set(usable);
  const plans: Plan[] = input.formulas.map((f) => ({ ...f, source: 'formula' as const }));
  const taken = new Set(plans.map((f) => f.column));
  input.columns.forEach((c, j) => {
    if (!usableSet.has(j) || taken.has(j)) return;
    if (!TOTAL_HEADER.test(path(c).pop() ?? '')) return;
    const parts = headerComponents(input.columns, j, usableSet);
    if (parts)
      plans.push({ column: j, terms: parts.map((k) => ({ column: k, sign: 1 as const })), text: '', source: 'header' });
  });
  const kept: Array<Array<{ row: number; check: TableCheck }>> = [];
  const keptTotals = new Set<number>();
  for (const plan of plans) {
    const results = planChecks(input, plan);
    if (plan.source === 'header' && systematic(results)) continue;
    kept.push(results);
    keptTotals.add(plan.column);
  }
  for (const plan of discoverPlans(input, usable, keptTotals)) kept.push(planChecks(input, plan));
  for (const results of kept) {
    for (const { row, check: c } of results) {
      out.checks.push(c);
      if (!c.ok) out.rowFlags.push([row, 'sum-mismatch']);
    }
  }
}

// --------------------------------------------------------------------------------------------- column sums

type RowType = string;

interface Entry {
  parent: number;
  column: number;
  check: TableCheck;
}

function rowType(row: SumRow, prevLetter: string | null): RowType {
  const s = row.stt.replace(/[.)]+$/, '').trim();
  if (s !== '') {
    if (/^\d+$/.test(s)) return 'arabic';
    if (/^\d+(?:\.\d+)+$/.test(s)) return `decimal${s.split('.').length}`;
    // "C" after "B" (or "I" after "H") continues the letters; otherwise Roman numerals win.
    const nextLetter = prevLetter !== null && s.length === 1 && s.charCodeAt(0) === prevLetter.charCodeAt(0) + 1;
    if (ROMAN.test(s) && !nextLetter) return 'roman';
    if (/^[A-ZĐ]$/.test(s)) return 'upper';
    if (/^[a-zđ]$/.test(s)) return 'lower';
    if (/^[-–+*•]$/.test(s)) return `mark${s === '+' ? '+' : '-'}`;
    return 'other';
  }
  const l = row.label.replace(LIST_LEAD, '');
  if (/^[-–]/.test(l)) return 'mark-';
  if (/^\+/.test(l)) return 'mark+';
  return 'none';
}

function sttKey(s: string): string {
  return s
    .replace(/[.)]+$/, '')
    .trim()
    .toUpperCase();
}

function columnSums(input: SumInput, usable: number[], out: SumResult): void {
  const rows = input.rows;
  const types: RowType[] = [];
  let prevLetter: string | null = null;
  for (const r of rows) {
    const t = rowType(r, prevLetter);
    types.push(t);
    if (t === 'upper') prevLetter = sttKey(r.stt);
  }
  const isTotal = rows.map((r, i) => types[i] === 'none' && TOTAL_LABEL.test(r.label.trim()));
  const order: RowType[] = [];
  types.forEach((t, i) => {
    if (t !== 'none' && !isTotal[i] && !order.includes(t)) order.push(t);
  });
  const level = (i: number) => {
    const t = types[i] ?? 'none';
    return t === 'none' ? Number.POSITIVE_INFINITY : order.indexOf(t);
  };
  const hasValues = (i: number) => usable.some((c) => rows[i]?.values[c] != null);
  const evaluate = (parent: number, parts: number[], why: string, partial = false, signs?: number[]) => {
    const p = rows[parent];
    const res: Entry[] = [];
    if (!p?.regular || p.rate || parts.some((k) => !rows[k]?.regular || rows[k]?.rate)) return res;
    for (const c of usable) {
      const total = p.values[c];
      if (total === null || total === undefined) continue;
      const vals = parts.map((k, n) => {
        const v = rows[k]?.values[c];
        return v === null || v === undefined ? null : v * (signs?.[n] ?? 1);
      });
      if (vals.every((v) => v === null)) continue;
      const where = `row "${p.label}" = ${why}, column "${(input.columns[c] ?? '').split(' / ').pop() || c}"`;
      res.push({
        parent,
        column: c,
        check: check(
          'column-sum',
          total,
          vals.map((v) => v ?? 0),
          where,
          partial,
        ),
      });
    }
    return res;
  };
  // Checks are gathered first and kept after the columns that do not add up at all are known.
  const groups: Array<{ entries: Entry[]; alt?: Entry[] }> = [];
  const emit = (parent: number, parts: number[], why: string, partial = false, signs?: number[]) =>
    groups.push({ entries: evaluate(parent, parts, why, partial, signs) });
  const topLevel = (i: number) => {
    const marked = rows.map((_, k) => k).filter((k) => k !== i && !isTotal[k] && types[k] !== 'none');
    const top = marked.length > 0 ? Math.min(...marked.map(level)) : Number.POSITIVE_INFINITY;
    return marked.length > 0
      ? marked.filter((k) => level(k) === top && hasValues(k))
      : rows.map((_, k) => k).filter((k) => k !== i && !isTotal[k] && hasValues(k));
  };

  rows.forEach((row, i) => {
    // 1. An explicit formula in the label: "TỔNG THU (I+II+III)", "Chi còn lại (1-1.1)".
    const f = row.label.match(LABEL_FORMULA);
    if (f?.[1]) {
      const terms = f[1].match(/[+-]?\s*[^+-\s]+/g) ?? [];
      const parts: number[] = [];
      const signs: number[] = [];
      for (const t of terms) {
        const key = sttKey(t.replace(/^[+-]\s*/, ''));
        let best = -1;
        rows.forEach((r, k) => {
          if (k !== i && sttKey(r.stt) === key && (best < 0 || Math.abs(k - i) < Math.abs(best - i))) best = k;
        });
        if (best < 0) return;
        parts.push(best);
        signs.push(t.trim().startsWith('-') ? -1 : 1);
      }
      const formula = f[1].replace(/\s+/g, '');
      groups.push({
        entries: evaluate(i, parts, formula, false, signs),
        alt: evaluate(i, topLevel(i), `sum of the top-level rows (its label says ${formula})`),
      });
      return;
    }
    // 2. A grand total row ("Tổng cộng", "Tổng dự toán …") without numbering: the top-level rows.
    if (isTotal[i]) {
      const parts = topLevel(i);
      if (parts.length >= 2) emit(i, parts, 'sum of the data rows');
      return;
    }
    // 3. A numbered row and the rows under it.
    const lv = level(i);
    if (!Number.isFinite(lv) || !hasValues(i)) return;
    const under: number[] = [];
    for (let k = i + 1; k < rows.length; k++) {
      if (isTotal[k] || level(k) <= lv) break;
      under.push(k);
    }
    const marked = under.filter((k) => Number.isFinite(level(k)));
    const childLevel = Math.min(...marked.map(level));
    const children = marked.filter((k) => level(k) === childLevel && hasValues(k));
    // "Trong đó" introduces a selection, not a breakdown: it can only be checked as an upper bound.
    // It covers the children only when it opens them: the parent ends with it, the first child starts with
    // it, or a "Trong đó:" row without figures comes right before the first child.
    const firstChild = children[0] ?? -1;
    const partialLead =
      /trong đó\s*:?\s*$/iu.test(row.label) ||
      PARTIAL_LEAD.test(rows[firstChild]?.label ?? '') ||
      (PARTIAL_LEAD.test(rows[firstChild - 1]?.label ?? '') && !hasValues(firstChild - 1));
    // "Theo mục đích vay" / "Theo nguồn vay": the same total broken down two ways, each equal to it.
    if (children.length >= 2 && children.every((k) => ALTERNATIVE_BREAKDOWN.test(rows[k]?.label ?? ''))) {
      for (const k of children) emit(i, [k], `its breakdown "${rows[k]?.label ?? ''}"`);
      return;
    }
    if (children.length >= 1 && (children.length >= 2 || partialLead)) {
      emit(i, children, `sum of its sub-items (${children.length})`, partialLead);
      return;
    }
    // Unnumbered rows under an item are a selection only when the text says so ("Trong đó: …").
    const loose = under.filter((k) => !Number.isFinite(level(k)) && hasValues(k));
    const selection = PARTIAL_LEAD.test(rows[under[0] ?? -1]?.label ?? '');
    if (marked.length === 0 && loose.length >= 1 && selection) emit(i, loose, 'sum of the rows listed under it', true);
  });

  // A column where most sums fail holds rates or ratios, or was read under the wrong header: not additive.
  const tally = new Map<number, { n: number; failed: number }>();
  for (const g of groups) {
    for (const e of g.entries) {
      const t = tally.get(e.column) ?? { n: 0, failed: 0 };
      t.n++;
      if (!e.check.ok) t.failed++;
      tally.set(e.column, t);
    }
  }
  const additive = (e: Entry) => {
    const t = tally.get(e.column);
    return !t || !(t.failed >= 2 && t.failed * 2 > t.n);
  };
  for (const g of groups) {
    let entries = g.entries.filter(additive);
    // A label formula copied from another form ("(I+II+III)" over rows I-VI) is stale when the figures add
    // up over all the top-level rows instead: say so rather than report the figures wrong.
    const alt = (g.alt ?? []).filter(additive);
    if (entries.length > 0 && entries.every((e) => !e.check.ok) && alt.length > 0 && alt.every((e) => e.check.ok))
      entries = alt;
    for (const e of entries) {
      out.checks.push(e.check);
      if (!e.check.ok) out.rowFlags.push([e.parent, 'sum-mismatch']);
    }
  }
}

export function sumChecks(input: SumInput): SumResult {
  const out: SumResult = { checks: [], rowFlags: [] };
  const usable = numericColumns(input);
  if (usable.length === 0) return out;
  rowSums(input, usable, out);
  columnSums(input, usable, out);
  return out;
}
