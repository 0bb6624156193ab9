// The contract's Section[] view of the outline. A section whose numbering is irregular (repeated numeral,
// skipped numeral or skipped items) is kept but marked medium: its boundaries may be wrong or text missing.
import type { Item, Section } from '../contract/schema.js';
import type { Doc, Outline, OutlineItem } from '../doc/types.js';

function toItem(item: OutlineItem): Item {
  return { label: item.label, text: item.text, source: item.span, items: item.items.map(toItem) };
}

export function extractSections(_doc: Doc, outline: Outline): Section[] {
  return outline.sections.map((s) => ({
    numeral: s.numeral,
    number: s.number,
    title: s.title,
    confidence: s.flags.length > 0 ? 'medium' : 'high',
    flags: [...s.flags],
    source: s.span,
    items: s.items.map(toItem),
  }));
}
