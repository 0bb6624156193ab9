// When a value may be marked `high` — the one place these rules are written down (issue 8).
//
// `confidence: "high"` promises a reviewer need not look, so a value is high only when every signal that makes
// it right holds; any missing signal makes it medium (or low) and the flag names which one. The extractors
// compute the signals; this module alone turns signals into confidence. The eval harness (`npm run eval`)
// checks these rules against the hand-checked fixtures: a rule that creates a wrong `high` fails it.
//
// Rules per field (each row: signal that must hold for `high` → flag when it does not):
//
// Target value (targets[].values[], confidence carried by the target: the weakest of its values)
//   due year stated on the line ("vào năm 2025", "giai đoạn 2021 - 2025"), stated as recurring ("hằng năm"),
//     or given by a DATING HEADING                                               → else `inferred` / `year-missing`
//     A dating heading is a heading inside the objectives (the MỤC TIÊU section title, a numbered or lettered
//     sub-heading "1. Phát triển kinh tế số đến năm 2030" — wrapped or bold alike —, a "Mục tiêu cụ thể đến năm
//     2030" head, or a list intro "Phấn đấu đến năm 2030, các chỉ tiêu cụ thể như sau:") that states exactly
//     ONE due year and no value. A heading stating two years ("đến năm 2025, tầm nhìn đến năm 2030"), a year
//     taken from the plan's title (one-year plans) or from a heading outside the objectives → `inferred`.
//   year of this clause, not carried from another clause of the line              → else `inferred`
//   the number has one reading ("9.5%" could be 9.5 or 95)                       → else `ambiguous-number`
//   the bound is stated, not carried from a neighbour ("dưới 2% … và 1,5%")
//     nor shared with a total ("ít nhất 100 …, trong đó có 20 …")                 → else `inferred`
//   no count beside it that may be a target of its own                           → else `number-set-aside`
//   a spelled-out count ("hai mô hình") is high only after a bound word ("ít nhất một cơ sở"); after a
//     counting verb alone it is a reading                                        → else `spelled-out`
//   the line was read whole, not reassembled from paragraphs the reader split     → else `wrapped`
//   no summary table of the plan states another figure for it                     → else `table-conflict`
//     (set by the cross-check, src/checks/cross.ts, which also lowers the target)
//   Not signals (they never lower confidence): a baseline ("từ 3,5% xuống 2%"), a range with min/max, a yearly
//   rate (`per: "year"`) — each is read from the words of the line itself.
//
// Responsibility (src/extract/responsibilities.ts)
//   the body is named in an item of the implementation zone, and its name resolves to a canonical agency or a
//   generic group ("UBND các xã, phường", "các sở, ban, ngành")                   → else `unknown-agency`
//   named exactly (a typo resolved to the nearest canonical name is a reading)    → else `agency-typo`
//   the body itself is named, not its head ("Giám đốc các Sở")                    → else `agency-head`
//   the item states its duties                                                   → else `no-duties`
//   read from an item of its own, not from a sentence naming several bodies      → else `from-sentence`
//
// Budget total (src/extract/budget.ts)
//   one amount is the stated total of the whole period                           → else `budget-several-amounts`
//     / `per-year` (a yearly figure; "X đồng/năm x 05 năm = Y" states the period total Y and is high)
//   digits and words agree, the breakdown adds up, the budget table agrees        → else `words-mismatch`
//     / `sum-mismatch` / `budget-table-mismatch`
//   the amount is stated, not estimated ("khoảng", "dự kiến", "nhu cầu vốn … khoảng") → else `approximate`
//
// A document that is not a plan gets no `high` target, responsibility or budget (document kind, issue 8).
import type { Confidence } from './contract/schema.js';

/** Where a target value's due year came from. */
export type YearSource =
  /** Stated on the value's own line, or stated as recurring ("hằng năm"). */
  | 'stated'
  /** A dating heading inside the objectives (see above). */
  | 'dating-heading'
  /** Any other heading, the plan's single year, or another clause of the line. */
  | 'inferred'
  | 'missing';

export interface TargetValueSignals {
  year: YearSource;
  ambiguous: boolean;
  /** Bound carried from a neighbour or shared with a total. */
  boundInferred: boolean;
  countSetAside: boolean;
  spelledByVerb: boolean;
}

export interface Judgement {
  confidence: Confidence;
  flags: string[];
}

/** The flags a target value earns; none means it may be high. */
export function targetValueFlags(s: TargetValueSignals): string[] {
  const flags: string[] = [];
  if (s.year === 'inferred') flags.push('inferred');
  if (s.year === 'missing') flags.push('year-missing');
  if (s.ambiguous) flags.push('ambiguous-number');
  if (s.boundInferred) flags.push('inferred');
  if (s.countSetAside) flags.push('number-set-aside');
  if (s.spelledByVerb) flags.push('spelled-out');
  return flags;
}

/** A target: high only when none of its values (nor the line itself) earned a flag. */
export function targetConfidence(valueFlags: readonly string[], wrapped: boolean): Judgement {
  const flags = new Set(valueFlags);
  if (wrapped) flags.add('wrapped');
  return { confidence: flags.size === 0 ? 'high' : 'medium', flags: [...flags] };
}
