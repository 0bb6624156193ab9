// The review workflow's operations over the store (machine extractions) and the database (corrections).
import type { Extraction } from '../contract/schema.js';
import type { Sql } from '../db/types.js';
import { type Change, type DraftResult, draftAccept, draftPatch, type PatchOp } from './apply.js';
import { activeClaims, blockingClaim, releaseOwnClaims } from './claims.js';
import { type Outcome, Refused, refusal } from './outcome.js';
import { deepEqual, getAt, overlaps, parsePointer } from './pointer.js';
import { type CorrectionRecord, insertCorrection, isUniqueViolation, loadCorrections } from './records.js';
import { type ReplayedCorrection, replay } from './replay.js';
import type { ExtractionStore, MachineExtraction } from './store.js';

function refuse(...args: Parameters<typeof refusal>): Refused {
  return new Refused(refusal(...args));
}

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    throw err;
  }
}

export interface ReviewDeps {
  sql: Sql;
  store: ExtractionStore;
}

export interface EffectiveExtraction {
  documentId: string;
  extraction: Extraction;
  /** Opaque revision (also sent as ETag): changes with every correction and every new machine extraction. */
  revision: string;
  machineVersion: string;
  text: string;
  corrections: ReplayedCorrection[];
}

export function revisionOf(machineVersion: string, seq: number): string {
  return `${machineVersion.replace(/[^A-Za-z0-9.+-]/g, '_')}~${seq}`;
}

function lastSeq(records: readonly CorrectionRecord[]): number {
  return records.reduce((m, r) => Math.max(m, r.seq), 0);
}

async function load(deps: ReviewDeps, sql: Sql, documentId: string, machine?: MachineExtraction | null) {
  const m = machine === undefined ? await deps.store.getMachine(documentId) : machine;
  if (!m) return null;
  const records = await loadCorrections(sql, documentId);
  const replayed = replay(m.extraction, records);
  return { machine: m, records, replayed, revision: revisionOf(m.version, lastSeq(records)) };
}

/** The extraction a client should use: machine values with reviewers' corrections applied. */
export async function getEffectiveExtraction(
  deps: ReviewDeps,
  documentId: string,
): Promise<EffectiveExtraction | null> {
  const state = await load(deps, deps.sql, documentId);
  if (!state) return null;
  return {
    documentId,
    extraction: state.replayed.extraction,
    revision: state.revision,
    machineVersion: state.machine.version,
    text: state.machine.text,
    corrections: state.replayed.corrections,
  };
}

export interface HistoryEntry extends CorrectionRecord {
  status: ReplayedCorrection['status'];
  resolved: Array<string | null>;
  reason: string | null;
}

export async function getHistory(deps: ReviewDeps, documentId: string): Promise<HistoryEntry[] | null> {
  const state = await load(deps, deps.sql, documentId);
  if (!state) return null;
  const byId = new Map(state.replayed.corrections.map((c) => [c.id, c]));
  return state.records.map((r) => {
    const s = byId.get(r.id);
    return { ...r, status: s?.status ?? 'applied', resolved: s?.resolved ?? [], reason: s?.reason ?? null };
  });
}

export type CorrectionInput = { kind: 'patch'; patch: PatchOp[] } | { kind: 'accept'; pointers: string[] };

export interface Preconditions {
  /** The revision the reviewer saw (body `expectedRevision` or an If-Match header). */
  expectedRevision?: string | undefined;
  /** Pointer → the value the reviewer saw there. */
  expectedBefore?: Record<string, unknown> | undefined;
}

export interface CorrectionOutcome {
  correction: HistoryEntry;
  effective: EffectiveExtraction;
}

function normaliseEtag(v: string): string {
  return v
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

function checkPreconditions(pre: Preconditions, revision: string, effective: Extraction): void {
  if (pre.expectedRevision === undefined && pre.expectedBefore === undefined) {
    throw refuse(
      'precondition-required',
      'Send expectedRevision (or If-Match) or expectedBefore, so a concurrent change is detected instead of overwritten.',
    );
  }
  if (pre.expectedRevision !== undefined && normaliseEtag(pre.expectedRevision) !== revision) {
    throw refuse('conflict', 'The extraction changed since you loaded it; reload and re-apply your change.', {
      currentRevision: revision,
    });
  }
  for (const [pointer, expected] of Object.entries(pre.expectedBefore ?? {})) {
    const tokens = parsePointer(pointer);
    const here = tokens ? getAt(effective, tokens) : { found: false as const };
    const current = here.found ? here.value : null;
    if (!deepEqual(current, expected)) {
      throw refuse('conflict', `The value at ${pointer} is no longer the one you saw.`, {
        pointer,
        current,
        currentRevision: revision,
      });
    }
  }
}

function commit(...args: Parameters<typeof commitOrThrow>): Promise<Outcome<CorrectionOutcome>> {
  return outcome(() => commitOrThrow(...args));
}

async function commitOrThrow(
  deps: ReviewDeps,
  documentId: string,
  keyId: string,
  build: (state: NonNullable<Awaited<ReturnType<typeof load>>>) => {
    kind: CorrectionRecord['kind'];
    ops: unknown[];
    changes: Change[];
    reverts: string | null;
    touched: string[];
  },
  comment: string | null,
  pre: Preconditions,
): Promise<CorrectionOutcome> {
  let inserted: CorrectionRecord;
  // Read outside the transaction: the store may use its own connection, and embedded PGlite has only one
  // (a store query inside our transaction would wait for the transaction to end).
  const machine = await deps.store.getMachine(documentId);
  try {
    inserted = await deps.sql.transaction(async (tx) => {
      const state = await load(deps, tx, documentId, machine);
      if (!state) throw refuse('not-found', `No extraction for document ${documentId}.`);
      checkPreconditions(pre, state.revision, state.replayed.extraction);
      const planned = build(state);
      const claim = blockingClaim(await activeClaims(tx, [documentId]), planned.touched, keyId);
      if (claim) {
        throw refuse(
          'claimed-by-other',
          `${claim.pointer} is claimed by key ${claim.keyId} until ${claim.expiresAt}.`,
          {
            claim,
          },
        );
      }
      const rec = await insertCorrection(tx, {
        documentId,
        seq: lastSeq(state.records) + 1,
        keyId,
        kind: planned.kind,
        ops: planned.ops,
        changes: planned.changes,
        comment,
        reverts: planned.reverts,
        extractorVersion: state.machine.version,
      });
      await releaseOwnClaims(tx, documentId, planned.touched, keyId);
      return rec;
    });
  } catch (err) {
    // Two writers read the same revision; the database let one in. The loser's work is in its request: it
    // gets the current state and can re-apply.
    if (isUniqueViolation(err)) {
      throw refuse('conflict', 'Another correction was saved at the same moment; reload and re-apply.');
    }
    throw err;
  }
  const effective = (await getEffectiveExtraction(deps, documentId))!;
  const status = effective.corrections.find((c) => c.id === inserted.id);
  return {
    correction: {
      ...inserted,
      status: status?.status ?? 'applied',
      resolved: status?.resolved ?? [],
      reason: status?.reason ?? null,
    },
    effective,
  };
}

function refuseDraft(draft: Extract<DraftResult, { ok: false }>): never {
  throw refuse('invalid-correction', draft.detail, draft.issues ? { errors: fieldErrors(draft.issues) } : {});
}

/** zod issues in the API's one validation-error shape. */
function fieldErrors(issues: unknown): Array<{ path: string; message: string }> {
  if (!Array.isArray(issues)) return [];
  return issues.map((i: { path?: unknown[]; message?: string }) => ({
    path: (i.path ?? []).map(String).join('.'),
    message: i.message ?? '',
  }));
}

export function submitCorrection(
  deps: ReviewDeps,
  documentId: string,
  keyId: string,
  input: CorrectionInput,
  opts: Preconditions & { comment?: string | null } = {},
): Promise<Outcome<CorrectionOutcome>> {
  return commit(
    deps,
    documentId,
    keyId,
    (state) => {
      const current = state.replayed.extraction;
      const draft = input.kind === 'patch' ? draftPatch(current, input.patch) : draftAccept(current, input.pointers);
      if (!draft.ok) refuseDraft(draft);
      return {
        kind: input.kind,
        ops: input.kind === 'patch' ? input.patch : input.pointers.map((path) => ({ op: 'accept', path })),
        changes: draft.changes,
        reverts: null,
        touched: draft.changes.map((c) => c.path),
      };
    },
    opts.comment ?? null,
    opts,
  );
}

/**
 * Reverts a correction: a new row that makes replay skip it, so the field returns to what it was before
 * (value, confidence and flags). Refused when a later correction built on the same field.
 */
export function revertCorrection(
  deps: ReviewDeps,
  documentId: string,
  correctionId: string,
  keyId: string,
  opts: Preconditions & { comment?: string | null } = {},
): Promise<Outcome<CorrectionOutcome>> {
  return commit(
    deps,
    documentId,
    keyId,
    (state) => {
      const target = state.records.find((r) => r.id === correctionId);
      if (!target) throw refuse('not-found', `No correction ${correctionId} on document ${documentId}.`);
      if (target.kind === 'revert') {
        throw refuse('invalid-correction', 'A revert cannot be reverted; submit the correction again.');
      }
      const statuses = new Map(state.replayed.corrections.map((c) => [c.id, c]));
      if (statuses.get(target.id)?.status === 'reverted') {
        throw refuse('conflict', `Correction ${correctionId} is already reverted.`);
      }
      const paths = target.changes.map((c) => c.path);
      const later = state.records.find(
        (r) =>
          r.seq > target.seq &&
          statuses.get(r.id)?.status === 'applied' &&
          r.changes.some((c) => paths.some((p) => overlaps(p, c.path))),
      );
      if (later) {
        throw refuse('conflict', `Correction ${later.id} changed the same field later; revert it first.`, {
          laterCorrection: later.id,
        });
      }
      const inverse = [...target.changes]
        .reverse()
        .map((c) =>
          c.op === 'accept'
            ? { op: 'unaccept', path: c.path }
            : c.beforeExists
              ? { op: 'replace', path: c.path, value: c.before }
              : { op: 'remove', path: c.path },
        );
      const changes: Change[] = target.changes.map((c) => ({
        ...c,
        before: c.after,
        beforeExists: c.afterExists,
        after: c.before,
        afterExists: c.beforeExists,
      }));
      return { kind: 'revert', ops: inverse, changes, reverts: target.id, touched: paths };
    },
    opts.comment ?? null,
    opts,
  );
}
