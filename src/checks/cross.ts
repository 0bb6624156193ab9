// Cross-checks that only a specialist tool can do: they compare values extracted by different extractors
// and lower confidence (with a flag) where they disagree. They mutate the candidates they are given.
import type { Budget, Diagnostic, Table, Target } from '../contract/schema.js';
import type { Doc } from '../doc/types.js';

export interface CrossCheckInput {
  doc: Doc;
  targets: Target[];
  tables: Table[];
  budget: Budget;
}

export function crossCheck(_input: CrossCheckInput): Diagnostic[] {
  return [];
}
