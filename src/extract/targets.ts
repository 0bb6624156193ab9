import type { Metadata, Target } from '../contract/schema.js';
import type { Doc, Outline } from '../doc/types.js';

export function extractTargets(_doc: Doc, _outline: Outline, _metadata: Metadata): Target[] {
  return [];
}
