// Side-by-side columns inside a page: the header ("ỦY BAN NHÂN DÂN … Số: 68/KH-UBND" beside "CỘNG HÒA … Hải
// Phòng, ngày …") and the tail ("Nơi nhận: - …" beside "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / … / the name").
// Tesseract's page layout often reads such a zone as one column: each line runs on from the left column into the
// right one ("- CVP, PCVP UBND TP; Nguyễn Xuân Bình"), and right-column lines that do not line up with a left
// one (a title under a seal) are lost in the merge. The zone is found from the word boxes — lines holding a gap
// far wider than any space between words — and each column is then read on its own (page.ts).
import { lineOfWords, type OcrLine, type PixelBox } from './types.js';

/** A gap between two words of a line at least this many line heights wide separates two columns. */
const COLUMN_GAP_LINE_HEIGHTS = 3;
/** Lines above or below a zone, standing wholly on one side of its split, join it when this close (line heights). */
const ZONE_REACH_LINE_HEIGHTS = 2.5;

export interface ColumnZone {
  /** Pixel x where the left column ends and the right one begins. */
  split: number;
  /** The gap between the columns, pixels: the split is its middle. */
  gap: { x0: number; x1: number };
  top: number;
  bottom: number;
  /** Indexes (into the page's lines) of the lines inside the zone. */
  lines: number[];
  /** How many of them are split by the column gap. */
  splits: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
}

/** The widest gap between consecutive words of a line, when it is a column gap. */
function columnGap(line: OcrLine, lineHeight: number): { x0: number; x1: number } | null {
  let best: { x0: number; x1: number } | null = null;
  const words = [...line.words].sort((a, b) => a.box.x0 - b.box.x0);
  for (let i = 1; i < words.length; i++) {
    const x0 = (words[i - 1] as { box: PixelBox }).box.x1;
    const x1 = (words[i] as { box: PixelBox }).box.x0;
    if (x1 - x0 >= COLUMN_GAP_LINE_HEIGHTS * lineHeight && (!best || x1 - x0 > best.x1 - best.x0)) best = { x0, x1 };
  }
  return best;
}

/**
 * Zones of two columns on a page: runs of lines split by a column gap at the same place, widened to the lines
 * above and below that stand wholly on one side of the split. A line across the split ends a zone.
 */
export function findColumnZones(lines: readonly OcrLine[]): ColumnZone[] {
  const h = median(lines.map((l) => l.box.y1 - l.box.y0));
  if (h <= 0) return [];
  const order = lines.map((_, i) => i).sort((a, b) => (lines[a] as OcrLine).box.y0 - (lines[b] as OcrLine).box.y0);
  const zones: ColumnZone[] = [];
  let cur: { x0: number; x1: number; top: number; bottom: number; lines: number[]; splits: number } | null = null;
  const close = () => {
    const c = cur as typeof cur;
    cur = null;
    if (!c) return;
    const prev = zones[zones.length - 1];
    // A signature and a seal between a signer's title and name break the run of split lines: the two runs are
    // one zone when they touch and their gaps overlap.
    if (
      prev &&
      c.top - prev.bottom < ZONE_REACH_LINE_HEIGHTS * h &&
      Math.max(prev.gap.x0, c.x0) < Math.min(prev.gap.x1, c.x1)
    ) {
      prev.gap = { x0: Math.max(prev.gap.x0, c.x0), x1: Math.min(prev.gap.x1, c.x1) };
      prev.split = Math.round((prev.gap.x0 + prev.gap.x1) / 2);
      prev.bottom = Math.max(prev.bottom, c.bottom);
      prev.lines.push(...c.lines);
      prev.splits += c.splits;
      return;
    }
    zones.push({
      split: Math.round((c.x0 + c.x1) / 2),
      gap: { x0: c.x0, x1: c.x1 },
      top: c.top,
      bottom: c.bottom,
      lines: c.lines,
      splits: c.splits,
    });
  };
  for (const i of order) {
    const l = lines[i] as OcrLine;
    const gap = columnGap(l, h);
    if (gap) {
      const c = cur as typeof cur;
      if (
        c &&
        Math.max(c.x0, gap.x0) < Math.min(c.x1, gap.x1) &&
        l.box.y0 - c.bottom < ZONE_REACH_LINE_HEIGHTS * 2 * h
      ) {
        c.x0 = Math.max(c.x0, gap.x0);
        c.x1 = Math.min(c.x1, gap.x1);
        c.bottom = Math.max(c.bottom, l.box.y1);
        c.lines.push(i);
        c.splits++;
        continue;
      }
      close();
      cur = { x0: gap.x0, x1: gap.x1, top: l.box.y0, bottom: l.box.y1, lines: [i], splits: 1 };
      continue;
    }
    const c = cur as typeof cur;
    if (c) {
      const oneSide = l.box.x1 <= c.x0 || l.box.x0 >= c.x1;
      if (oneSide && l.box.y0 - c.bottom < ZONE_REACH_LINE_HEIGHTS * h) {
        c.bottom = Math.max(c.bottom, l.box.y1);
        c.lines.push(i);
        continue;
      }
      close();
    }
  }
  close();
  // Upwards: lines just above a zone on one side of its split (a header's first line beside nothing).
  for (const z of zones) {
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k] as number;
      const l = lines[i] as OcrLine;
      if (z.lines.includes(i) || l.box.y1 > z.top) continue;
      if (z.top - l.box.y1 >= ZONE_REACH_LINE_HEIGHTS * h) break;
      if (!(l.box.x1 <= z.split || l.box.x0 >= z.split)) break;
      if (zones.some((o) => o !== z && o.lines.includes(i))) break;
      z.lines.push(i);
      z.top = l.box.y0;
    }
  }
  // Every line standing within a zone's height is in it: the columns are read again over that whole height.
  // One split line is a line with a wide gap (a tab stop, "Điều 1.      Ban hành"), not two columns: a header or a
  // signature block has two lines or more on each side.
  const kept = zones.filter((z) => z.splits >= 2);
  for (const z of kept) {
    for (const [i, l] of lines.entries()) {
      const mid = (l.box.y0 + l.box.y1) / 2;
      if (mid >= z.top && mid <= z.bottom && !kept.some((o) => o.lines.includes(i))) z.lines.push(i);
    }
  }
  return kept;
}

/** The words of the zone's lines on each side of its split, as lines (a fallback when a re-read fails). */
export function splitLines(lines: readonly OcrLine[], zone: ColumnZone): { left: OcrLine[]; right: OcrLine[] } {
  const left: OcrLine[] = [];
  const right: OcrLine[] = [];
  const part = (words: OcrLine['words']): OcrLine | null => (words.length === 0 ? null : lineOfWords(words));
  for (const i of [...zone.lines].sort((a, b) => (lines[a] as OcrLine).box.y0 - (lines[b] as OcrLine).box.y0)) {
    const l = lines[i] as OcrLine;
    const a = part(l.words.filter((w) => (w.box.x0 + w.box.x1) / 2 < zone.split));
    const b = part(l.words.filter((w) => (w.box.x0 + w.box.x1) / 2 >= zone.split));
    if (a) left.push(a);
    if (b) right.push(b);
  }
  return { left, right };
}
