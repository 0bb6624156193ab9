// Word runs typed in a legacy Vietnamese font: the font, not the bytes, says how to read them. A document
// often mixes Unicode fonts (Times New Roman) with .VnTime or VNI-Times runs, so only those runs convert.
import type { LegacyEncoding } from './convert.js';
import { decodeLegacy } from './convert.js';

export interface FontEncoding {
  encoding: LegacyEncoding;
  /** ".VnTimeH", ".VnArialH" …: the font draws every letter as a capital from the lowercase codes. */
  upper: boolean;
}

/** The legacy encoding a font name implies, or null for a Unicode font. */
export function fontEncoding(font: string | null | undefined): FontEncoding | null {
  if (!font) return null;
  const name = font.trim();
  if (/^vni[-\s]/i.test(name)) return { encoding: 'vni', upper: false };
  if (/^\.?vn(?!i)/i.test(name)) return { encoding: 'tcvn3', upper: /H$/.test(name) };
  if (/^viscii/i.test(name)) return { encoding: 'viscii', upper: false };
  return null;
}

interface MammothNode {
  type?: string;
  font?: string | null;
  value?: string;
  children?: MammothNode[];
}

/**
 * A mammoth `transformDocument` that converts the text of runs in legacy fonts; `converted` counts runs per
 * encoding so the reader can say what it did.
 */
export function legacyFontTransform(): {
  transform: (element: MammothNode) => MammothNode;
  converted: Map<LegacyEncoding, number>;
} {
  const converted = new Map<LegacyEncoding, number>();
  const convertRun = (run: MammothNode): MammothNode => {
    const enc = fontEncoding(run.font);
    if (!enc || !run.children) return run;
    let changed = false;
    const children = run.children.map((c) => {
      if (c.type !== 'text' || typeof c.value !== 'string') return c;
      const value = decodeLegacy(c.value, enc.encoding, { upper: enc.upper, abcOnly: true });
      if (value === c.value) return c;
      changed = true;
      return { ...c, value };
    });
    if (!changed) return run;
    converted.set(enc.encoding, (converted.get(enc.encoding) ?? 0) + 1);
    return { ...run, children };
  };
  const walk = (node: MammothNode): MammothNode => {
    if (node.type === 'run') return convertRun(node);
    if (!node.children) return node;
    return { ...node, children: node.children.map(walk) };
  };
  return { transform: walk, converted };
}
