// The effective extraction = machine extraction + corrections replayed in order. Replay re-resolves every
// change by its anchor, so corrections follow their values into a new extractor version; one that no longer
// fits is kept, reported `stale`, and its field is flagged `correction-stale` and sent back to review.

import { demote } from '../contract/field.js';
import type { Diagnostic, Extraction, Span } from '../contract/schema.js';
import { resolveAnchor } from './anchor.js';
import { addFlag, applyChange, markUnit, recomputeReview, STALE, validateExtraction } from './apply.js';
import { formatPointer, getAt, isRecord } from './pointer.js';
import type { CorrectionRecord } from './records.js';

export type CorrectionStatus = 'applied' | 'stale' | 'reverted' | 'revert';

export interface ReplayedCorrection {
  id: string;
  status: CorrectionStatus;
  /** Where each change landed in the current extraction (null: its anchor is gone). */
  resolved: Array<string | null>;
  reason: string | null;
}

export interface ReplayResult {
  extraction: Extraction;
  corrections: ReplayedCorrection[];
}

function spanOf(root: unknown, tokens: string[] | null): Span | null {
  if (!tokens) return null;
  const hit = getAt(root, tokens);
  if (!hit.found || !isRecord(hit.value)) return null;
  const s = hit.value.source;
  return isRecord(s) && typeof s.start === 'number' ? (s as unknown as Span) : null;
}

export function replay(machine: Extraction, records: readonly CorrectionRecord[]): ReplayResult {
  let current = structuredClone(machine);
  const reverted = new Set(records.filter((r) => r.kind === 'revert' && r.reverts).map((r) => r.reverts!));
  const out: ReplayedCorrection[] = [];
  const staleDiagnostics: Diagnostic[] = [];
  let orphaned = false;

  for (const rec of records) {
    if (rec.kind === 'revert' || reverted.has(rec.id)) {
      out.push({ id: rec.id, status: rec.kind === 'revert' ? 'revert' : 'reverted', resolved: [], reason: null });
      continue;
    }
    const trial = structuredClone(current);
    const resolved: Array<string | null> = [];
    let reason: string | null = null;
    for (const change of rec.changes) {
      const tokens = resolveAnchor(trial, change.anchor);
      resolved.push(tokens ? formatPointer(tokens) : null);
      if (!tokens) {
        reason ??= `${change.path} no longer refers to anything in this extraction`;
        continue;
      }
      if (reason) continue;
      const outcome = applyChange(trial, change, tokens);
      if (!outcome.ok) reason = outcome.reason;
    }
    if (!reason) {
      const checked = validateExtraction(trial);
      if (checked.ok) {
        current = trial;
        out.push({ id: rec.id, status: 'applied', resolved, reason: null });
        continue;
      }
      reason = `no longer valid against the contract: ${checked.detail}`;
    }
    // Stale: keep the machine value, but make sure a reviewer looks at it again.
    const units = rec.changes.map((c) => {
      const tokens = resolveAnchor(current, c.anchor);
      return tokens ? markUnit(current, tokens) : null;
    });
    for (const unit of units) {
      if (!unit) continue;
      const node = getAt(current, unit);
      if (!node.found || !isRecord(node.value) || !Array.isArray(node.value.flags)) continue;
      const target = node.value as { confidence?: 'high' | 'medium' | 'low'; flags: string[] };
      if (target.confidence)
        demote(target as { confidence: 'high' | 'medium' | 'low'; flags: string[] }, 'medium', STALE);
      else addFlag(target, STALE);
    }
    const firstUnit = units.find((u) => u !== null) ?? null;
    // With no field left to flag, only review.needed can carry it to a reviewer (the queue lists it too).
    if (!firstUnit) orphaned = true;
    staleDiagnostics.push({
      code: STALE,
      severity: 'warning',
      message: `Correction ${rec.id} (${rec.changes.map((c) => c.path).join(', ')}) was not re-applied: ${reason}`,
      source: spanOf(current, firstUnit),
    });
    out.push({ id: rec.id, status: 'stale', resolved, reason });
  }
  current.diagnostics = [...current.diagnostics, ...staleDiagnostics];
  return { extraction: recomputeReview(current, orphaned, machine.review.fields), corrections: out };
}
