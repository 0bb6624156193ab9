// Reading zones (set on the document by the segment stage, src/segment/). Here, beside the Doc type, so every
// extractor can read its zone without importing the segmenter.
import type { Doc, Line, Zone } from './types.js';

/** The lines of a zone. */
export function zoneLines(doc: Doc, zone: Zone): Line[] {
  return doc.lines.slice(zone.from, zone.to);
}

/** Char offsets [start, end) of a zone in doc.text. */
export function zoneOffsets(doc: Doc, zone: Zone): { start: number; end: number } {
  const first = doc.lines[zone.from];
  const last = doc.lines[zone.to - 1];
  if (!first || !last || zone.to <= zone.from) {
    const at = doc.lines[zone.from]?.start ?? doc.text.length;
    return { start: at, end: at };
  }
  return { start: first.start, end: last.end };
}

/** The text of a zone (for extractors that read a zone as one string; spans add zoneOffsets().start). */
export function zoneText(doc: Doc, zone: Zone): string {
  const { start, end } = zoneOffsets(doc, zone);
  return doc.text.slice(start, end);
}

/** The body zone of the plan (its sections), for extractors that read only the plan's body. */
export function planBody(doc: Doc): Zone | null {
  return doc.zones?.plan.body ?? null;
}
