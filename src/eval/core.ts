// Scores one extraction against its gold (gold.ts), field by field.
//
// What is counted, per field: predicted units, predicted units that match gold (→ precision), gold units,
// gold units matched (→ recall), units marked high, high units that match gold (→ precision of high), and
// the share of predicted units marked high (how much a reviewer is spared). A predicted unit marked high
// that does not match gold is a WRONG HIGH: the worst defect (a reviewer was told not to look).
//
// Matching rules:
// - Text (issuer, province, title, signer name, section titles, agency names) matches on a loose key:
//   Unicode NFD with diacritics removed, đ→d, lower case, punctuation dropped, whitespace collapsed. So
//   "Uỷ ban" = "Ủy ban" (tone-mark placement) and a title wrapped over two lines matches; different words
//   never match.
// - Document numbers match case-insensitively with spaces removed ("1914 /KH-UBND" = "1914/KH-UBND").
//   Dates match exactly (ISO). Document kind matches exactly.
// - Numbers match when |a − b| ≤ 1e-9 · max(1, |a|, |b|) (gold may be written "2.104.470.000" or "5,5").
// - A target value matches a gold value with the same number, the same unit (trimmed, lower case, inner
//   spaces removed: "% / năm" = "%/năm") and the same year (null = null). A gold range (min/max) also
//   matches a prediction carrying the same min and max. Each gold value is matched at most once
//   (multiset). Each gold `ambiguous` value absorbs one prediction that matched no gold value and has the
//   same number and unit before any "/": it is left out of every count. Gold targets are the values of the plan's objectives (MỤC TIÊU, chỉ tiêu).
// - "targets (value+unit)" is the same without the year: the gap between the two rows is the year errors.
// - Baselines are scored on matched target pairs whose gold or prediction states one.
// - Agencies: each responsibility's canonical name (else its name); a joint item counts each member.
//   Deduplicated per document; an agency is high when any of its items is high.
// - Table totals: the first "Tổng …"/"Cộng …" row of each budget table, its first number × the table's
//   multiplier, matched by number.
// - Metadata: a gold field absent = not scored; gold null = the document states none (any value is wrong).
import type { Extraction } from '../contract/schema.js';
import type { Gold, GoldTargetValue } from './gold.js';

export const FIELDS = [
  'metadata.issuer',
  'metadata.province',
  'metadata.documentNumber',
  'metadata.issuedDate',
  'metadata.title',
  'metadata.signer',
  'metadata.kind',
  'sections',
  'targets (value+unit+year)',
  'targets (value+unit)',
  'targets.baseline',
  'agencies',
  'budget.total',
  'tables.totals',
] as const;
export type FieldName = (typeof FIELDS)[number];

export interface Counts {
  predicted: number;
  predictedRight: number;
  gold: number;
  goldFound: number;
  high: number;
  highRight: number;
}

export interface WrongHigh {
  fixture: string;
  field: FieldName;
  pointer: string;
  got: string;
  gold: string;
}

export interface FixtureScore {
  fixture: string;
  counts: Partial<Record<FieldName, Counts>>;
  wrongHigh: WrongHigh[];
}

const emptyCounts = (): Counts => ({ predicted: 0, predictedRight: 0, gold: 0, goldFound: 0, high: 0, highRight: 0 });

export function looseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function unitKey(u: string): string {
  return u.trim().toLowerCase().replace(/\s+/g, '');
}

const numberKey = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

interface Unit {
  key: string;
  show: string;
  high: boolean;
  pointer: string;
}

/** A Field-shaped value ({value, confidence}) or a bare value; undefined when the output lacks the field. */
function readField(v: unknown): { value: unknown; high: boolean } | undefined {
  if (v === undefined) return undefined;
  if (v !== null && typeof v === 'object' && 'confidence' in v && 'value' in v) {
    const f = v as { value: unknown; confidence: unknown };
    return { value: f.value, high: f.confidence === 'high' };
  }
  return { value: v, high: false };
}

/** Multiset match of predicted against gold keys; returns which predicted indices matched. */
function matchKeys(predicted: readonly Unit[], gold: readonly string[]): { right: boolean[]; found: number } {
  const left = new Map<string, number>();
  for (const g of gold) left.set(g, (left.get(g) ?? 0) + 1);
  const right = predicted.map((p) => {
    const n = left.get(p.key) ?? 0;
    if (n === 0) return false;
    left.set(p.key, n - 1);
    return true;
  });
  return { right, found: right.filter(Boolean).length };
}

class Scorer {
  readonly counts: Partial<Record<FieldName, Counts>> = {};
  readonly wrongHigh: WrongHigh[] = [];
  constructor(readonly fixture: string) {}

  private c(field: FieldName): Counts {
    this.counts[field] ??= emptyCounts();
    return this.counts[field];
  }

  /** Scores a list of predicted units against gold keys; `goldShow` explains a wrong high. */
  list(field: FieldName, predicted: Unit[], gold: string[], goldShow: (u: Unit) => string): void {
    const c = this.c(field);
    const { right, found } = matchKeys(predicted, gold);
    c.gold += gold.length;
    c.goldFound += found;
    predicted.forEach((p, i) => {
      c.predicted++;
      if (right[i]) c.predictedRight++;
      if (!p.high) return;
      c.high++;
      if (right[i]) c.highRight++;
      else this.wrongHigh.push({ fixture: this.fixture, field, pointer: p.pointer, got: p.show, gold: goldShow(p) });
    });
  }
}

type MetaKey = 'issuer' | 'province' | 'documentNumber' | 'issuedDate' | 'title';

function scoreMetadata(s: Scorer, x: Extraction, gold: Gold): void {
  const keyOf: Record<MetaKey, (v: string) => string> = {
    issuer: looseKey,
    province: looseKey,
    documentNumber: numberKey,
    issuedDate: (v) => v,
    title: looseKey,
  };
  for (const k of Object.keys(keyOf) as MetaKey[]) {
    const g = gold.metadata[k];
    if (g === undefined) continue;
    const f = x.metadata[k];
    const units: Unit[] =
      f.value === null
        ? []
        : [{ key: keyOf[k](f.value), show: f.value, high: f.confidence === 'high', pointer: `/metadata/${k}` }];
    s.list(`metadata.${k}`, units, g === null ? [] : [keyOf[k](g)], () => (g === null ? '(none stated)' : g));
  }
  const gs = gold.metadata.signerName;
  if (gs !== undefined) {
    const f = x.metadata.signer;
    const units: Unit[] =
      f.value === null
        ? []
        : [
            {
              key: looseKey(f.value.name),
              show: f.value.name,
              high: f.confidence === 'high',
              pointer: '/metadata/signer',
            },
          ];
    s.list('metadata.signer', units, gs === null ? [] : [looseKey(gs)], () => gs ?? '(none stated)');
  }
  const gk = gold.metadata.kind;
  if (gk !== undefined) {
    // The document kind is a contract addition; read it wherever the extractor puts it, skip when absent.
    const meta = x.metadata as unknown as Record<string, unknown>;
    const docu = x.document as unknown as Record<string, unknown>;
    const found = readField(meta['kind']) ?? readField(meta['documentKind']) ?? readField(docu['kind']) ?? undefined;
    if (found !== undefined) {
      const v = typeof found.value === 'string' ? found.value : null;
      const units: Unit[] = v === null ? [] : [{ key: v, show: v, high: found.high, pointer: '/metadata/kind' }];
      s.list('metadata.kind', units, [gk], () => gk);
    }
  }
}

function scoreSections(s: Scorer, x: Extraction, gold: Gold): void {
  if (!gold.sections) return;
  const key = (numeral: string, title: string) => `${numeral.trim().toUpperCase()}|${looseKey(title)}`;
  const units = x.sections.map((sec, i) => ({
    key: key(sec.numeral, sec.title),
    show: `${sec.numeral}. ${sec.title}`,
    high: sec.confidence === 'high',
    pointer: `/sections/${i}`,
  }));
  s.list(
    'sections',
    units,
    gold.sections.map((g) => key(g.numeral, g.title)),
    (u) => {
      const numeral = u.key.split('|')[0];
      const g = gold.sections?.find((gs) => gs.numeral.trim().toUpperCase() === numeral);
      return g ? `${g.numeral}. ${g.title}` : '(no such section)';
    },
  );
}

interface PredValue {
  value: number;
  unit: string;
  year: number | null;
  baseline?: number;
  min?: number;
  max?: number;
  high: boolean;
  pointer: string;
  show: string;
}

const showGold = (g: GoldTargetValue) =>
  `${g.value} ${g.unit} (${g.year ?? 'no year'})${g.baseline !== undefined ? ` from ${g.baseline}` : ''}`;

function valueMatches(p: PredValue, g: GoldTargetValue, withYear: boolean): boolean {
  if (unitKey(p.unit) !== unitKey(g.unit)) return false;
  if (withYear && p.year !== g.year) return false;
  if (sameNumber(p.value, g.value)) return true;
  return (
    g.min !== undefined &&
    g.max !== undefined &&
    p.min !== undefined &&
    p.max !== undefined &&
    sameNumber(p.min, g.min) &&
    sameNumber(p.max, g.max)
  );
}

function optionalNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function scoreTargets(s: Scorer, x: Extraction, gold: Gold): void {
  const gt = gold.targets;
  if (!gt) return;
  const all: PredValue[] = x.targets.flatMap((t, i) =>
    t.values.map((v, j) => {
      const extra = v as unknown as Record<string, unknown>;
      const baseline = optionalNumber(extra['baseline']);
      const min = optionalNumber(extra['min']);
      const max = optionalNumber(extra['max']);
      return {
        value: v.value,
        unit: v.unit,
        year: v.year,
        ...(baseline !== undefined ? { baseline } : {}),
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        high: t.confidence === 'high',
        pointer: `/targets/${i}/values/${j}`,
        show: `${v.text} → ${v.value} ${v.unit} (${v.year ?? 'no year'})${baseline !== undefined ? ` from ${baseline}` : ''}`,
      };
    }),
  );
  // Ambiguous gold values absorb predictions that match no gold value: each one absorbs at most one
  // prediction with the same number and the same unit before any "/" (so "3%" read as "%/năm" too).
  const unitBase = (u: string) => unitKey(u).split('/')[0] ?? '';
  const preds = all;
  for (const withYear of [true, false]) {
    const field: FieldName = withYear ? 'targets (value+unit+year)' : 'targets (value+unit)';
    // Greedy multiset matching: exact-year pairs are unique keys, so greedy is optimal here.
    const used = new Set<number>();
    const pairs = new Map<number, number>();
    preds.forEach((p, pi) => {
      const gi = gt.values.findIndex((g, k) => !used.has(k) && valueMatches(p, g, withYear));
      if (gi >= 0) {
        used.add(gi);
        pairs.set(pi, gi);
      }
    });
    const absorbed = new Set<number>();
    for (const a of gt.ambiguous) {
      const pi = preds.findIndex(
        (p, k) =>
          !pairs.has(k) && !absorbed.has(k) && sameNumber(p.value, a.value) && unitBase(p.unit) === unitBase(a.unit),
      );
      if (pi >= 0) absorbed.add(pi);
    }
    const units: Unit[] = preds.flatMap((p, pi) =>
      absorbed.has(pi)
        ? []
        : [{ key: pairs.has(pi) ? `g${pairs.get(pi)}` : `p${pi}`, show: p.show, high: p.high, pointer: p.pointer }],
    );
    s.list(
      field,
      units,
      gt.values.map((_, k) => `g${k}`),
      (u) => {
        const p = preds.find((q) => q.pointer === u.pointer);
        const near = p ? gt.values.filter((g) => valueMatches(p, g, false)) : [];
        return near.length > 0 ? near.map(showGold).join('; ') : '(no gold value with this number and unit)';
      },
    );
    if (!withYear) continue;
    // Baselines on matched pairs.
    const bUnits: Unit[] = [];
    const bGold: string[] = [];
    for (const [pi, gi] of pairs) {
      const p = preds[pi];
      const g = gt.values[gi];
      if (!p || !g) continue;
      if (g.baseline !== undefined) bGold.push(`b${gi}`);
      if (p.baseline !== undefined) {
        const right = g.baseline !== undefined && sameNumber(p.baseline, g.baseline);
        bUnits.push({
          key: right ? `b${gi}` : `x${pi}`,
          show: `${p.show}`,
          high: p.high,
          pointer: `${p.pointer}/baseline`,
        });
      }
    }
    if (bGold.length > 0 || bUnits.length > 0) {
      s.list('targets.baseline', bUnits, bGold, (u) => {
        const gi = [...pairs.entries()].find(([pi]) => preds[pi]?.pointer === u.pointer.replace(/\/baseline$/, ''));
        const g = gi ? gt.values[gi[1]] : undefined;
        return g?.baseline !== undefined ? String(g.baseline) : '(no baseline stated)';
      });
    }
  }
}

function scoreAgencies(s: Scorer, x: Extraction, gold: Gold): void {
  if (!gold.agencies) return;
  // One unit per body (deduplicated on its canonical name, else its name); it matches a gold entry when its
  // canonical name or its printed name equals one of the entry's accepted names.
  const byKey = new Map<string, Unit & { alts: Set<string> }>();
  x.responsibilities.forEach((r, i) => {
    const bodies =
      r.agency.members && r.agency.members.length > 0
        ? r.agency.members.map((m, k) => ({ canonical: r.agency.memberCanonicals?.[k] ?? null, name: m }))
        : [{ canonical: r.agency.canonical, name: r.agency.name }];
    for (const b of bodies) {
      const show = b.canonical ?? b.name;
      const key = looseKey(show);
      const high = r.confidence === 'high';
      const prev = byKey.get(key);
      const alts = new Set([key, looseKey(b.name), ...(prev?.alts ?? [])]);
      if (!prev) byKey.set(key, { key, show, high, pointer: `/responsibilities/${i}`, alts });
      else
        byKey.set(
          key,
          high && !prev.high ? { ...prev, high, pointer: `/responsibilities/${i}`, alts } : { ...prev, alts },
        );
    }
  });
  const entries = gold.agencies.map((g) => (Array.isArray(g) ? g : [g]).map(looseKey));
  const used = new Set<number>();
  const units: Unit[] = [...byKey.values()].map((u) => {
    const gi = entries.findIndex((alts, k) => !used.has(k) && alts.some((a) => u.alts.has(a)));
    if (gi >= 0) used.add(gi);
    return { key: gi >= 0 ? `g${gi}` : `p:${u.key}`, show: u.show, high: u.high, pointer: u.pointer };
  });
  s.list(
    'agencies',
    units,
    entries.map((_, k) => `g${k}`),
    () => '(not among the agencies with duties)',
  );
}

function scoreBudget(s: Scorer, x: Extraction, gold: Gold): void {
  const g = gold.budgetTotal;
  if (g === undefined) return;
  const f = x.budget.total;
  const units: Unit[] =
    f.value === null
      ? []
      : [
          {
            key: g !== null && sameNumber(f.value.amount, g) ? 'gold' : 'other',
            show: `${f.value.text} → ${f.value.amount}`,
            high: f.confidence === 'high',
            pointer: '/budget/total',
          },
        ];
  s.list('budget.total', units, g === null ? [] : ['gold'], () => (g === null ? '(no total stated)' : String(g)));
}

const TOTAL_ROW = /^(tong|cong)\b/;

/** The grand total of each budget table: first "Tổng/Cộng" row, first number × multiplier. */
export function tableTotals(x: Extraction): Array<{ label: string; value: number; high: boolean; pointer: string }> {
  const out: Array<{ label: string; value: number; high: boolean; pointer: string }> = [];
  x.tables.forEach((t, i) => {
    if (t.kind !== 'budget') return;
    const ri = t.rows.findIndex((r) => TOTAL_ROW.test(looseKey(r.label ?? r.cells.find((c) => c.trim()) ?? '')));
    const row = t.rows[ri];
    if (!row) return;
    const v = row.values.find((n): n is number => n !== null);
    if (v === undefined) return;
    out.push({
      label: row.label ?? '',
      value: v * (t.multiplier ?? 1),
      high: t.confidence === 'high',
      pointer: `/tables/${i}/rows/${ri}`,
    });
  });
  return out;
}

function scoreTableTotals(s: Scorer, x: Extraction, gold: Gold): void {
  if (!gold.tableTotals) return;
  const gvals = gold.tableTotals.map((g) => g.value);
  const used = new Set<number>();
  const units: Unit[] = tableTotals(x).map((t, i) => {
    const gi = gvals.findIndex((g, k) => !used.has(k) && sameNumber(g, t.value));
    if (gi >= 0) used.add(gi);
    return { key: gi >= 0 ? `g${gi}` : `p${i}`, show: `${t.label}: ${t.value}`, high: t.high, pointer: t.pointer };
  });
  s.list(
    'tables.totals',
    units,
    gvals.map((_, k) => `g${k}`),
    () => gold.tableTotals?.map((g) => `${g.label}: ${g.value}`).join('; ') || '(no table total)',
  );
}

export function scoreExtraction(fixture: string, x: Extraction, gold: Gold): FixtureScore {
  const s = new Scorer(fixture);
  scoreMetadata(s, x, gold);
  scoreSections(s, x, gold);
  scoreTargets(s, x, gold);
  scoreAgencies(s, x, gold);
  scoreBudget(s, x, gold);
  scoreTableTotals(s, x, gold);
  return { fixture, counts: s.counts, wrongHigh: s.wrongHigh };
}

export function sumCounts(scores: readonly FixtureScore[]): Partial<Record<FieldName, Counts>> {
  const total: Partial<Record<FieldName, Counts>> = {};
  for (const sc of scores) {
    for (const f of FIELDS) {
      const c = sc.counts[f];
      if (!c) continue;
      total[f] ??= emptyCounts();
      const t = total[f];
      for (const k of Object.keys(c) as Array<keyof Counts>) t[k] += c[k];
    }
  }
  return total;
}

export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export interface Rates {
  precision: number | null;
  recall: number | null;
  highPrecision: number | null;
  shareHigh: number | null;
}

export function rates(c: Counts): Rates {
  return {
    precision: ratio(c.predictedRight, c.predicted),
    recall: ratio(c.goldFound, c.gold),
    highPrecision: ratio(c.highRight, c.high),
    shareHigh: ratio(c.high, c.predicted),
  };
}

/** All fields summed, except the derived "targets (value+unit)" row which would count targets twice. */
export function overall(total: Partial<Record<FieldName, Counts>>): Counts {
  const o = emptyCounts();
  for (const f of FIELDS) {
    if (f === 'targets (value+unit)') continue;
    const c = total[f];
    if (!c) continue;
    for (const k of Object.keys(c) as Array<keyof Counts>) o[k] += c[k];
  }
  return o;
}
