// The review workflow's operations over its repository (src/review/repository.ts, implemented by src/store).
// Reads are one stored row; a correction is checked, stored and its review state derived in one transaction.
import type { Extraction } from '../contract/schema.js';
import { type Change, type DraftResult, draftAccept, draftPatch, type PatchOp } from './apply.js';
import { blockingClaim, type Claim, ownClaimsOn } from './claims.js';
import { deriveReview, lastSeq, type MachineExtraction, revisionOf } from './derive.js';
import { type Outcome, Refused, refusal } from './outcome.js';
import { deepEqual, getAt, overlaps, parsePointer } from './pointer.js';
import type { CorrectionRecord } from './records.js';
import { type ReplayedCorrection, type ReplayResult, replay } from './replay.js';
import { isUniqueViolation, type ReviewRepository } from './repository.js';

export { revisionOf };

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
  repo: ReviewRepository;
}

export interface EffectiveExtraction {
  documentId: string;
  extraction: Extraction;
  /** Opaque revision (also sent as ETag): changes with every correction and every new machine extraction. */
  revision: string;
  machineVersion: string;
  corrections: ReplayedCorrection[];
}

/** The extraction a client should use: machine values with reviewers' corrections applied (one stored row). */
export async function getEffectiveExtraction(
  deps: ReviewDeps,
  documentId: string,
): Promise<EffectiveExtraction | null> {
  const stored = await deps.repo.effective(documentId);
  return stored ? { documentId, ...stored } : null;
}

export interface HistoryEntry extends CorrectionRecord {
  status: ReplayedCorrection['status'];
  resolved: Array<string | null>;
  reason: string | null;
}

function historyEntry(r: CorrectionRecord, s: ReplayedCorrection | undefined): HistoryEntry {
  return { ...r, status: s?.status ?? 'applied', resolved: s?.resolved ?? [], reason: s?.reason ?? null };
}

export async function getHistory(deps: ReviewDeps, documentId: string): Promise<HistoryEntry[] | null> {
  const stored = await deps.repo.history(documentId);
  if (!stored) return null;
  const byId = new Map(stored.corrections.map((c) => [c.id, c]));
  return stored.records.map((r) => historyEntry(r, byId.get(r.id)));
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

interface State {
  machine: MachineExtraction;
  records: CorrectionRecord[];
  replayed: ReplayResult;
  revision: string;
}

interface Planned {
  kind: CorrectionRecord['kind'];
  ops: unknown[];
  changes: Change[];
  reverts: string | null;
  touched: string[];
}

function commit(
  deps: ReviewDeps,
  documentId: string,
  keyId: string,
  build: (state: State) => Planned,
  comment: string | null,
  pre: Preconditions,
): Promise<Outcome<CorrectionOutcome>> {
  return outcome(async () => {
    let done: { value: CorrectionOutcome } | null;
    try {
      // One transaction with the document locked: a result stored meanwhile, or another reviewer's
      // correction, waits for this one and then sees it.
      done = await deps.repo.withDocument(documentId, async (doc) => {
        const { machine, records } = doc;
        const state: State = {
          machine,
          records,
          replayed: replay(machine.extraction, records),
          revision: revisionOf(machine.version, lastSeq(records)),
        };
        checkPreconditions(pre, state.revision, state.replayed.extraction);
        const planned = build(state);
        const claims = await doc.activeClaims();
        const claim = blockingClaim(claims, planned.touched, keyId);
        if (claim) {
          throw refuse(
            'claimed-by-other',
            `${claim.pointer} is claimed by key ${claim.keyId} until ${claim.expiresAt}.`,
            { claim },
          );
        }
        const inserted = await doc.insertCorrection({
          documentId,
          seq: lastSeq(records) + 1,
          keyId,
          kind: planned.kind,
          ops: planned.ops,
          changes: planned.changes,
          comment,
          reverts: planned.reverts,
          extractorVersion: machine.version,
        });
        const mine = ownClaimsOn(claims, planned.touched, keyId);
        if (mine.length > 0) await doc.releaseClaims(mine.map((c) => c.id));
        const all = [...records, inserted];
        const derived = deriveReview(machine, all, replay(machine.extraction, all));
        await doc.saveReview(derived);
        const status = derived.corrections.find((c) => c.id === inserted.id);
        return {
          correction: historyEntry(inserted, status),
          effective: {
            documentId,
            extraction: derived.extraction,
            revision: derived.revision,
            machineVersion: derived.machineVersion,
            corrections: derived.corrections,
          },
        };
      });
    } catch (err) {
      // Two writers took the same seq; the database let one in. The loser's work is in its request: it gets
      // the current state and can re-apply.
      if (isUniqueViolation(err)) {
        throw refuse('conflict', 'Another correction was saved at the same moment; reload and re-apply.');
      }
      throw err;
    }
    if (!done) throw refuse('not-found', `No extraction for document ${documentId}.`);
    return done.value;
  });
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

/** Takes (or renews) a claim on a field of a document that has an extraction. */
export async function claimField(
  deps: ReviewDeps,
  documentId: string,
  pointer: string,
  keyId: string,
  ttlSeconds: number,
): Promise<Outcome<Claim>> {
  if (!(await deps.repo.hasExtraction(documentId))) {
    return refusal('not-found', `No extraction for document ${documentId}.`);
  }
  const result = await deps.repo.claim(documentId, pointer, keyId, ttlSeconds);
  if (!result.ok) {
    return refusal(
      'claimed-by-other',
      `${pointer} is claimed by key ${result.heldBy.keyId} until ${result.heldBy.expiresAt}.`,
      {
        claim: result.heldBy,
      },
    );
  }
  return { ok: true, value: result.claim };
}

/** Releases a claim: only its holder may, or anyone with `force` (an admin). */
export async function releaseClaim(
  deps: ReviewDeps,
  claimId: string,
  keyId: string,
  force: boolean,
): Promise<Outcome<null>> {
  const outcome = await deps.repo.releaseClaim(claimId, keyId, force);
  if (outcome === 'not-found') return refusal('not-found', 'No such claim (it may have expired).');
  if (outcome === 'not-holder') return refusal('forbidden', 'Only the reviewer holding a claim can release it.');
  return { ok: true, value: null };
}
