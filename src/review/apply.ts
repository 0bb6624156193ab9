// Pure core of corrections: turn a JSON Patch (or an accept) into anchored changes against an extraction,
// and apply stored changes to an extraction (the same code path at submit time and at replay).
import fjp, { type Operation } from 'fast-json-patch';
import { z } from 'zod';
import { type Extraction, ExtractionSchema } from '../contract/schema.js';
import { reviewFields } from '../review.js';
import { type Anchor, makeAnchor } from './anchor.js';
import { deepEqual, formatPointer, getAt, isRecord, parsePointer, valueAt } from './pointer.js';

export const CORRECTED = 'corrected';
export const ACCEPTED = 'accepted';
export const STALE = 'correction-stale';

/** Parts of the extraction a reviewer may change; the rest is provenance or derived. */
const EDITABLE_ROOTS = ['metadata', 'sections', 'targets', 'responsibilities', 'budget', 'tables'];

/** Any JSON value; one named schema so the OpenAPI document defines it once. */
export const JsonValueSchema = z.json().meta({ id: 'JsonValue' });

const PointerSchema = z
  .string()
  .max(500)
  .refine(
    (p) => {
      const t = parsePointer(p);
      return t !== null && t.length >= 2 && EDITABLE_ROOTS.includes(t[0] ?? '');
    },
    `path must be a JSON Pointer inside /${EDITABLE_ROOTS.join(', /')}`,
  );

export const PatchOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), path: PointerSchema, value: JsonValueSchema }),
  z.object({ op: z.literal('replace'), path: PointerSchema, value: JsonValueSchema }),
  z.object({ op: z.literal('remove'), path: PointerSchema }),
  z.object({ op: z.literal('test'), path: PointerSchema, value: JsonValueSchema }),
]);
export const PatchSchema = z.array(PatchOpSchema).min(1).max(200);
export type PatchOp = z.infer<typeof PatchOpSchema>;

export type ChangeOp = 'add' | 'replace' | 'remove' | 'accept';

export interface Change {
  op: ChangeOp;
  /** Pointer as written against the extraction the reviewer saw. */
  path: string;
  anchor: Anchor;
  beforeExists: boolean;
  before: unknown;
  afterExists: boolean;
  after: unknown;
}

export type DraftResult =
  | { ok: true; changes: Change[]; extraction: Extraction }
  | { ok: false; detail: string; issues?: unknown };

/** The snapshot an accept promises: the field without its confidence, flags and span. */
function acceptSnapshot(node: unknown): unknown {
  if (!isRecord(node)) return node;
  if (Object.hasOwn(node, 'value')) return node.value;
  const { confidence: _c, flags: _f, source: _s, ...rest } = node;
  return rest;
}

function isFieldLike(node: unknown): node is { confidence: string; flags: string[] } {
  return isRecord(node) && typeof node.confidence === 'string' && Array.isArray(node.flags);
}

/**
 * The unit a change marks: the nearest enclosing value with a confidence (a metadata field, a target, a
 * table...). Inside a table row only the row is marked, so fixing one cell does not vouch for the whole table.
 */
export function markUnit(root: unknown, tokens: readonly string[]): string[] | null {
  for (let n = tokens.length; n >= 0; n--) {
    const prefix = tokens.slice(0, n);
    const hit = getAt(root, prefix);
    if (!hit.found) continue;
    if (isFieldLike(hit.value)) return prefix;
    if (prefix[0] === 'tables' && prefix[2] === 'rows' && prefix.length === 4 && isRecord(hit.value)) return prefix;
  }
  return null;
}

export function addFlag(node: { flags: string[] }, flag: string): void {
  if (!node.flags.includes(flag)) node.flags.push(flag);
}

function mark(root: unknown, tokens: readonly string[], flag: string): void {
  const unit = markUnit(root, tokens);
  if (!unit) return;
  const hit = getAt(root, unit);
  if (!hit.found || !isRecord(hit.value) || !Array.isArray(hit.value.flags)) return;
  const node = hit.value as { confidence?: string; flags: string[] };
  if (typeof node.confidence === 'string') node.confidence = 'high';
  node.flags = node.flags.filter((f) => f !== STALE);
  addFlag(node, flag);
}

/**
 * `fields` in the order of `prior` (the machine extraction's review.fields), those not in it after, as found.
 * The walk's own order follows object key order, which a database (jsonb) does not keep; this one is stable.
 */
export function orderLike(fields: string[], prior: readonly string[]): string[] {
  const at = new Map(prior.map((p, i) => [p, i]));
  const known = fields.filter((f) => at.has(f)).sort((a, b) => at.get(a)! - at.get(b)!);
  return [...known, ...fields.filter((f) => !at.has(f))];
}

export function recomputeReview(draft: Extraction, extraNeeded = false, prior: readonly string[] = []): Extraction {
  const { review: _r, ...rest } = draft;
  const fields = orderLike(reviewFields(rest), prior);
  return { ...rest, review: { needed: fields.length > 0 || extraNeeded, fields } };
}

export type ApplyOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Applies one stored change at `tokens` (already resolved) to `doc` in place. `before` is checked so a change
 * never lands on something other than what the reviewer saw; a value that already equals `after` counts as
 * applied (e.g. a later extractor version got it right by itself).
 */
export function applyChange(doc: Extraction, change: Change, tokens: string[]): ApplyOutcome {
  const here = getAt(doc, tokens);
  if (change.op === 'accept') {
    if (!here.found || !deepEqual(acceptSnapshot(here.value), change.before)) {
      return { ok: false, reason: `the accepted value at ${formatPointer(tokens)} has changed` };
    }
    mark(doc, tokens, ACCEPTED);
    return { ok: true };
  }
  const isAppend = change.op === 'add' && Array.isArray(valueAt(doc, tokens.slice(0, -1)));
  if (!isAppend) {
    const matchesBefore = here.found === change.beforeExists && (!here.found || deepEqual(here.value, change.before));
    const matchesAfter = here.found === change.afterExists && (!here.found || deepEqual(here.value, change.after));
    if (!matchesBefore && !matchesAfter) {
      return { ok: false, reason: `the value at ${formatPointer(tokens)} is no longer the one corrected` };
    }
    if (matchesAfter && !matchesBefore) {
      mark(doc, tokens, CORRECTED);
      return { ok: true };
    }
  }
  const path = formatPointer(tokens);
  const op: Operation =
    change.op === 'remove' ? { op: 'remove', path } : { op: change.op, path, value: structuredClone(change.after) };
  try {
    fjp.applyOperation(doc, op, true, true);
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
  mark(doc, change.op === 'remove' ? tokens.slice(0, -1) : tokens, CORRECTED);
  return { ok: true };
}

function validate(
  doc: Extraction,
): { ok: true; extraction: Extraction } | { ok: false; detail: string; issues: unknown } {
  const parsed = ExtractionSchema.safeParse(doc);
  if (parsed.success) return { ok: true, extraction: parsed.data };
  return { ok: false, detail: z.prettifyError(parsed.error), issues: parsed.error.issues };
}

/** Turns a reviewer's JSON Patch into anchored changes and the resulting (validated) extraction. */
export function draftPatch(effective: Extraction, patch: PatchOp[]): DraftResult {
  const doc = structuredClone(effective);
  const changes: Change[] = [];
  for (const [n, op] of patch.entries()) {
    const tokens = parsePointer(op.path)!;
    const here = getAt(doc, tokens);
    if (op.op === 'test') {
      if (!here.found || !deepEqual(here.value, op.value)) {
        return { ok: false, detail: `operation ${n} (test) failed: ${op.path} does not hold the tested value` };
      }
      continue;
    }
    const parentIsArray = Array.isArray(valueAt(doc, tokens.slice(0, -1)));
    const isNew = op.op === 'add' && (parentIsArray || !here.found);
    const anchor = makeAnchor(doc, tokens, isNew);
    if (!anchor) return { ok: false, detail: `operation ${n} (${op.op}): path ${op.path} does not exist` };
    const change: Change = {
      op: op.op,
      path: op.path,
      anchor,
      beforeExists: isNew ? false : here.found,
      before: isNew ? null : here.found ? here.value : null,
      afterExists: op.op !== 'remove',
      after: op.op === 'remove' ? null : op.value,
    };
    const outcome = applyChange(doc, change, tokens);
    if (!outcome.ok) return { ok: false, detail: `operation ${n} (${op.op}) on ${op.path}: ${outcome.reason}` };
    changes.push(structuredClone(change));
  }
  if (changes.length === 0) return { ok: false, detail: 'the patch changes nothing (only test operations)' };
  const checked = validate(recomputeReview(doc));
  return checked.ok ? { ok: true, changes, extraction: checked.extraction } : checked;
}

/** An accept: the values stay, their fields become high confidence and flagged `accepted`. */
export function draftAccept(effective: Extraction, pointers: string[]): DraftResult {
  const doc = structuredClone(effective);
  const changes: Change[] = [];
  for (const pointer of pointers) {
    const tokens = parsePointer(pointer);
    const node = tokens ? getAt(doc, tokens) : { found: false as const };
    if (!tokens || !node.found || !isFieldLike(node.value)) {
      return { ok: false, detail: `${pointer} is not a value with a confidence (see review.fields)` };
    }
    const anchor = makeAnchor(doc, tokens, false)!;
    const snap = acceptSnapshot(node.value);
    const change: Change = {
      op: 'accept',
      path: pointer,
      anchor,
      beforeExists: true,
      before: snap,
      afterExists: true,
      after: snap,
    };
    applyChange(doc, change, tokens);
    changes.push(structuredClone(change));
  }
  const checked = validate(recomputeReview(doc));
  return checked.ok ? { ok: true, changes, extraction: checked.extraction } : checked;
}

export { validate as validateExtraction };
