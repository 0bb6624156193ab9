import type { Responsibility } from '../contract/schema.js';
import type { Doc, Outline } from '../doc/types.js';

export function extractResponsibilities(_doc: Doc, _outline: Outline): Responsibility[] {
  return [];
}
