// What a scan rendering of a seed plan must extract like the seed's text (issue 7, "must show" 2): metadata,
// sections, targets, responsibilities and the budget total, compared value by value. Every difference must be
// explained on the scan's side: the value is not high and carries a reason flag (OCR, fuzzy match, repair …).
import type { Extraction } from '../../src/contract/schema.js';

export interface Difference {
  path: string;
  text: unknown;
  scan: unknown;
  /** The scan value's confidence and flags; undefined when the scan lost the value altogether. */
  confidence?: string;
  flags?: string[];
}

interface Scored {
  value: unknown;
  confidence?: string;
  flags?: string[];
}

const METADATA = [
  'issuer',
  'province',
  'documentNumber',
  'documentType',
  'issuedDate',
  'place',
  'title',
  'period',
  'signer',
] as const;

function compare(out: Difference[], path: string, text: unknown, scan: Scored | undefined): void {
  const scanValue = scan?.value;
  if (JSON.stringify(text) === JSON.stringify(scanValue)) return;
  out.push({
    path,
    text,
    scan: scanValue,
    ...(scan ? { confidence: scan.confidence, flags: scan.flags } : {}),
  });
}

const sectionView = (s: Extraction['sections'][number]) => `${s.numeral}. ${s.title}`;
const targetView = (t: Extraction['targets'][number]) => ({
  label: t.label,
  values: t.values.map((v) => [v.value, v.unit, v.comparator, v.year]),
});
const dutyView = (r: Extraction['responsibilities'][number]) => ({
  agency: r.agency.canonical ?? r.agency.name,
  role: r.role,
  targetRefs: r.targetRefs,
});

/**
 * Pairs the items of two lists: equal items by their longest common subsequence, then the items between two
 * equal pairs position by position (a value read differently); what is left over was lost or added.
 */
function align<T>(t: readonly T[], s: readonly T[], key: (x: T) => string): [T | undefined, T | undefined][] {
  const a = t.map(key);
  const b = s.map(key);
  const L = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = L[i] as number[];
      row[j] = a[i] === b[j] ? (L[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(L[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: [T | undefined, T | undefined][] = [];
  let i = 0;
  let j = 0;
  const gapT: T[] = [];
  const gapS: T[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(gapT.length, gapS.length); k++) out.push([gapT[k], gapS[k]]);
    gapT.length = 0;
    gapS.length = 0;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      out.push([t[i], s[j]]);
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && (L[i + 1]?.[j] ?? 0) >= (L[i]?.[j + 1] ?? 0))) gapT.push(t[i++] as T);
    else gapS.push(s[j++] as T);
  }
  flush();
  return out;
}

/** The values a scan read differently from the text (or lost, or added), in document order. */
export function differences(text: Extraction, scan: Extraction): Difference[] {
  const out: Difference[] = [];
  for (const k of METADATA) compare(out, `metadata.${k}`, text.metadata[k].value, scan.metadata[k] as Scored);
  const lists = [
    ['sections', text.sections, scan.sections, sectionView],
    ['targets', text.targets, scan.targets, targetView],
    ['responsibilities', text.responsibilities, scan.responsibilities, dutyView],
  ] as const;
  for (const [name, t, s, view] of lists) {
    const v = view as (x: unknown) => unknown;
    const pairs = align<unknown>(t, s, (x) => JSON.stringify(v(x)));
    for (const [k, [tx, sx]] of pairs.entries()) {
      const si = sx as { confidence: string; flags: string[] } | undefined;
      compare(out, `${name}[${k}]`, tx === undefined ? undefined : v(tx), si ? { ...si, value: v(si) } : undefined);
    }
  }
  compare(out, 'budget.total', text.budget.total.value, scan.budget.total as Scored);
  return out;
}

/** Flags that say why a scan's value may differ from the printed text. */
const REASONS = new Set([
  'ocr-low-confidence',
  'fuzzy-match',
  'numeral-repaired',
  'illegible',
  'garbled-text',
  'agency-typo',
  'unknown-agency',
  'numbering-gap',
  'repeated-numeral',
  'missing',
]);

/** Values the scan read differently (or added) that are still high, or carry no reason: each one is a defect. */
export function unexplained(diffs: readonly Difference[]): Difference[] {
  return diffs.filter(
    (d) => d.confidence !== undefined && (d.confidence === 'high' || !(d.flags ?? []).some((f) => REASONS.has(f))),
  );
}

/** Values of the text the scan did not find at all (a heading or item OCR lost): reported, to be fixed. */
export function lost(diffs: readonly Difference[]): Difference[] {
  return diffs.filter((d) => d.confidence === undefined);
}
