// A document that is not a plan (a decision, a letter, a web page) can still hold lines that read like targets
// or duties; a plan recognised only by inference (no type line) may be one. Their targets, responsibilities and
// budget are kept — a reviewer may want them, and positions cost nothing — but never promised: confidence low
// with `not-a-plan`, or at most medium with `uncertain-kind` for a plan without a type line.
import { demote } from '../contract/field.js';
import type { Budget, Responsibility, Target } from '../contract/schema.js';
import { type DocKind, isPlanKind } from '../rules/doc-kinds.js';
import type { KindDecision } from './kind.js';

export function demoteNonPlan(
  kind: KindDecision,
  targets: Target[],
  responsibilities: Responsibility[],
  budget: Budget,
): void {
  const plan = isPlanKind(kind.value as DocKind | null);
  const [to, flag] = plan ? (['medium', 'uncertain-kind'] as const) : (['low', 'not-a-plan'] as const);
  for (const t of targets) demote(t, to, flag);
  for (const r of responsibilities) demote(r, to, flag);
  if (budget.total.value !== null) demote(budget.total, to, flag);
}
