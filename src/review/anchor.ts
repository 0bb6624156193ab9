// Anchors let a correction survive a re-extraction: besides its JSON Pointer, each array step records what the
// element *is* (a target's text, a table's title, a row's label, a cell's column header...). On a new machine
// extraction the pointer is re-resolved by those fingerprints, so /targets/3 still finds the same target when
// a new target appears before it. Fingerprints are rules as data: one entry per kind of array.
import { isRecord } from './pointer.js';

export type AnchorStep =
  | { prop: string }
  | { index: number; keys: string[]; nth: number[] }
  /** JSON Patch "add" at the end ("-") or at a position: kept as written, nothing to fingerprint. */
  | { raw: string };

export interface Anchor {
  steps: AnchorStep[];
}

function norm(v: unknown): string {
  if (typeof v !== 'string') return '';
  return v.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
}

interface Ctx {
  /** The table the path passes through, for column-keyed cells. */
  table?: Record<string, unknown>;
}

type KeyFn = (el: unknown, index: number, ctx: Ctx) => string[];

const field = (el: unknown, k: string): unknown => (isRecord(el) ? el[k] : undefined);
const columnKey: KeyFn = (_el, i, ctx) => {
  const cols = field(ctx.table, 'columns');
  const name = Array.isArray(cols) ? cols[i] : undefined;
  return [typeof name === 'string' && name.trim() !== '' ? `col:${norm(name)}` : ''];
};

/**
 * Fingerprint keys by array pattern (the pointer's property names with indices as "*"), most specific first.
 * An empty key means "this element has no such identity" and is skipped when matching.
 */
const KEYS: Record<string, KeyFn> = {
  sections: (el) => [`${str(field(el, 'numeral'))}|${norm(field(el, 'title'))}`, norm(field(el, 'title'))],
  targets: (el) => [norm(field(el, 'text')), norm(field(el, 'label'))],
  'targets/*/values': (el) => [`${norm(field(el, 'text'))}|${str(field(el, 'unit'))}`, norm(field(el, 'text'))],
  responsibilities: (el) => {
    const name = norm(field(field(el, 'agency'), 'name'));
    return [`${name}|${str(field(el, 'role'))}`, name];
  },
  tables: (el) => {
    const cols = field(el, 'columns');
    const colKey = Array.isArray(cols) ? cols.map(norm).join('|') : '';
    const title = norm(field(el, 'title'));
    return [`${title}|${colKey}`, title, colKey];
  },
  'tables/*/rows': (el) => {
    const cells = field(el, 'cells');
    return [norm(field(el, 'label')), Array.isArray(cells) ? cells.map(norm).join('|') : ''];
  },
  'tables/*/rows/*/cells': columnKey,
  'tables/*/rows/*/values': columnKey,
  'tables/*/checks': (el) => [`${str(field(el, 'kind'))}|${norm(field(el, 'where'))}`],
  // A law cited by name has no number: its title tells it from the others.
  'metadata/legalBasis': (el) => [`${norm(field(el, 'kind'))}|${norm(field(el, 'number') ?? field(el, 'title'))}`],
};

function itemKeys(el: unknown): string[] {
  return [`${str(field(el, 'label'))}|${norm(field(el, 'text'))}`, norm(field(el, 'text'))];
}

function defaultKeys(el: unknown): string[] {
  if (typeof el === 'string') return [norm(el)];
  if (isRecord(el)) {
    const { source: _s, confidence: _c, flags: _f, ...rest } = el;
    return [JSON.stringify(rest)];
  }
  return [JSON.stringify(el)];
}

function keysFor(pattern: string, el: unknown, index: number, ctx: Ctx): string[] {
  const fn = KEYS[pattern];
  if (fn) return fn(el, index, ctx);
  if (pattern.endsWith('/items') || pattern === 'items') return itemKeys(el);
  return defaultKeys(el);
}

function patternOf(props: string[]): string {
  return props.join('/');
}

/** Records the anchor of `tokens` in `root`. `lastIsNew`: the last token names a place an "add" creates. */
export function makeAnchor(root: unknown, tokens: readonly string[], lastIsNew: boolean): Anchor | null {
  const steps: AnchorStep[] = [];
  const props: string[] = [];
  const ctx: Ctx = {};
  let cur: unknown = root;
  for (const [n, t] of tokens.entries()) {
    const last = n === tokens.length - 1;
    if (Array.isArray(cur)) {
      if (last && lastIsNew) {
        steps.push({ raw: t });
        break;
      }
      if (!/^(0|[1-9][0-9]*)$/.test(t) || Number(t) >= cur.length) return null;
      const i = Number(t);
      const pattern = patternOf(props);
      const keys = keysFor(pattern, cur[i], i, ctx);
      // Among identical siblings, which occurrence this is: survives insertions elsewhere in the array.
      const siblings = cur.slice(0, i).map((el, j) => keysFor(pattern, el, j, ctx));
      const nth = keys.map((key, k) => siblings.filter((s) => s[k] === key).length);
      steps.push({ index: i, keys, nth });
      props.push('*');
      cur = cur[i];
    } else if (isRecord(cur)) {
      steps.push({ prop: t });
      props.push(t);
      if (!Object.hasOwn(cur, t)) {
        if (last && lastIsNew) break;
        return null;
      }
      cur = cur[t];
    } else {
      return null;
    }
    if (props.length === 2 && props[0] === 'tables' && isRecord(cur)) ctx.table = cur;
  }
  return { steps };
}

/** Finds the anchor's place in `root` (a possibly different extraction); null when it is gone. */
export function resolveAnchor(root: unknown, anchor: Anchor): string[] | null {
  const out: string[] = [];
  const props: string[] = [];
  const ctx: Ctx = {};
  let cur: unknown = root;
  for (const step of anchor.steps) {
    if ('raw' in step) {
      out.push(step.raw);
      break;
    }
    if ('prop' in step) {
      if (!isRecord(cur)) return null;
      out.push(step.prop);
      props.push(step.prop);
      cur = cur[step.prop];
      continue;
    }
    if (!Array.isArray(cur)) return null;
    const arr = cur;
    const pattern = patternOf(props);
    const candidates = arr.map((el, i) => keysFor(pattern, el, i, ctx));
    let chosen: number | null = null;
    const informative = step.keys.some((k) => k !== '');
    for (const [k, key] of step.keys.entries()) {
      if (key === '') continue;
      const matches = [...candidates.entries()].filter(([, keys]) => keys[k] === key).map(([i]) => i);
      let best: number | null = matches[step.nth[k] ?? -1] ?? null;
      for (const i of best === null ? matches : []) {
        if (best === null || Math.abs(i - step.index) < Math.abs(best - step.index)) best = i;
      }
      if (best !== null) {
        chosen = best;
        break;
      }
    }
    if (chosen === null && !informative && step.index < arr.length) chosen = step.index;
    if (chosen === null) return null;
    out.push(String(chosen));
    props.push('*');
    cur = arr[chosen];
    if (props.length === 2 && props[0] === 'tables' && isRecord(cur)) ctx.table = cur;
  }
  return out;
}
