import { absent } from '../contract/field.js';
import type { Budget, Table } from '../contract/schema.js';
import type { Doc, Outline } from '../doc/types.js';

export function extractBudget(_doc: Doc, _outline: Outline, _tables: Table[]): Budget {
  return { total: absent(), fundingSources: [] };
}
