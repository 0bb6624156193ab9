// Cross-checks that only a specialist tool can do: they compare values extracted by different extractors
// and lower confidence (with a flag) where they disagree. They mutate the candidates they are given.
import { demote } from '../contract/field.js';
import type { Budget, Diagnostic, Table, Target } from '../contract/schema.js';
import type { Doc } from '../doc/types.js';
import { budgetTableTotal } from '../extract/budget.js';
import { targetTableConflicts } from './targets-vs-tables.js';

export interface CrossCheckInput {
  doc: Doc;
  targets: Target[];
  tables: Table[];
  budget: Budget;
}

const fmt = (n: number) => n.toLocaleString('vi-VN');
const oneOrAll = (xs: number[]): number | string => (xs.length === 1 ? xs[0]! : xs.join(' / '));

function flagTable(table: Table, row: number, code: string): void {
  const r = table.rows[row];
  if (r && !r.flags.includes(code)) r.flags.push(code);
  demote(table, 'medium', code);
}

/** The stated budget total against the total row of the plan's cost table. */
function budgetVsTables(budget: Budget, tables: Table[]): Diagnostic[] {
  const total = budget.total.value;
  if (!total) return [];
  const out: Diagnostic[] = [];
  for (const t of tables) {
    const tt = budgetTableTotal(t);
    if (!tt || tt.amount === total.amount) continue;
    demote(budget.total, 'medium', 'budget-table-mismatch');
    flagTable(t, tt.row, 'budget-table-mismatch');
    out.push({
      code: 'budget-table-mismatch',
      severity: 'warning',
      message: `The budget total ${fmt(total.amount)} đồng ("${total.text}") disagrees with the total of ${t.id} (${t.title ?? 'budget table'}): ${fmt(tt.amount)} đồng.`,
      source: budget.total.source,
      evidence: [
        { role: 'budget', value: total.amount, where: total.text },
        { role: 'table', value: tt.amount, where: `${t.id}${t.title ? ` (${t.title})` : ''}` },
      ],
    });
  }
  return out;
}

function tableDiagnostics(tables: Table[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of tables) {
    const failed = t.checks.filter((c) => !c.ok);
    if (failed.length === 0) continue;
    const first = failed[0];
    out.push({
      code: 'sum-mismatch',
      severity: 'warning',
      message: `${t.id}${t.title ? ` (${t.title})` : ''}: ${failed.length} of ${t.checks.length} sum checks fail, e.g. ${first?.where}: written ${first?.expected}, sum ${first?.actual}.`,
      source: t.source,
      evidence: failed.flatMap((c) => [
        { role: 'written' as const, value: c.expected, where: `${t.id}: ${c.where}` },
        { role: 'sum' as const, value: c.actual, where: `${t.id}: ${c.where}` },
      ]),
    });
  }
  return out;
}

function wordsDiagnostic(budget: Budget): Diagnostic[] {
  const total = budget.total;
  if (!total.value || !total.flags.includes('words-mismatch')) return [];
  return [
    {
      code: 'words-mismatch',
      severity: 'warning',
      message: `The budget amount "${total.value.text}" disagrees with its words "${total.value.words ?? ''}".`,
      source: total.source,
      evidence: [
        { role: 'digits', value: total.value.text, where: null },
        { role: 'words', value: total.value.words, where: null },
      ],
    },
  ];
}

export function crossCheck(input: CrossCheckInput): Diagnostic[] {
  const { targets, tables, budget } = input;
  const out: Diagnostic[] = [
    ...tableDiagnostics(tables),
    ...wordsDiagnostic(budget),
    ...budgetVsTables(budget, tables),
  ];
  for (const c of targetTableConflicts(targets, tables)) {
    demote(c.target, 'medium', 'table-conflict');
    flagTable(c.table, c.row, 'table-conflict');
    out.push({
      code: 'table-conflict',
      severity: 'warning',
      message: `${c.target.label ?? c.target.id}: the text says ${c.narrative.join(' / ')} for ${c.year ?? 'every year'}, ${c.table.id} says ${c.tabled.join(' / ')} (column "${c.column}").`,
      source: c.target.source,
      evidence: [
        { role: 'text', value: oneOrAll(c.narrative), where: c.year === null ? null : String(c.year) },
        { role: 'table', value: oneOrAll(c.tabled), where: `${c.table.id}, ${c.column}` },
      ],
    });
  }
  return out;
}
