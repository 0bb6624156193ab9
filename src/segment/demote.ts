// A document that is not a plan (a decision, a letter, a web page) can still hold lines that read like targets
// or duties; a plan recognised only by inference (no type line) may be one. Their targets, responsibilities and
// budget are kept — a reviewer may want them, and positions cost nothing — but never promised: confidence low
// with `not-a-plan`, or at most medium with `uncertain-kind` for a plan without a type line.
// Of a document that is not a plan nothing is promised: its header, kind, sections and tables were read by
// rules made for plans (a web page's flattened markdown table reads as one cell), so they are at most medium.
import { demote } from '../contract/field.js';
import type { Budget, Metadata, Responsibility, Section, Table, Target } from '../contract/schema.js';
import { type DocKind, isPlanKind } from '../rules/doc-kinds.js';
import type { KindDecision } from './kind.js';

export interface PlanParts {
  kind: KindDecision;
  metadata: Metadata;
  sections: Section[];
  tables: Table[];
  targets: Target[];
  responsibilities: Responsibility[];
  budget: Budget;
}

export function demoteNonPlan(parts: PlanParts): void {
  const { kind, targets, responsibilities, budget } = parts;
  const plan = isPlanKind(kind.value as DocKind | null);
  const [to, flag] = plan ? (['medium', 'uncertain-kind'] as const) : (['low', 'not-a-plan'] as const);
  for (const t of targets) demote(t, to, flag);
  for (const r of responsibilities) demote(r, to, flag);
  if (budget.total.value !== null) demote(budget.total, to, flag);
  if (plan) return;
  const promised = (f: { confidence: string; value?: unknown }) => f.confidence === 'high' && f.value !== null;
  if (promised(kind)) demote(kind, 'medium', 'not-a-plan');
  for (const f of Object.values(parts.metadata)) {
    if (f !== null && typeof f === 'object' && 'confidence' in f && promised(f)) demote(f, 'medium', 'not-a-plan');
  }
  for (const s of parts.sections) if (s.confidence === 'high') demote(s, 'medium', 'not-a-plan');
  for (const t of parts.tables) if (t.confidence === 'high') demote(t, 'medium', 'not-a-plan');
}
