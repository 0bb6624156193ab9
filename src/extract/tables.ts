import type { Table } from '../contract/schema.js';
import type { Doc } from '../doc/types.js';

/** Every table of the document as the contract's Table: kind, unit, numeric values, sum checks. */
export function extractTables(_doc: Doc): Table[] {
  return [];
}
