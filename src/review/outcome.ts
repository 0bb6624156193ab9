// What the review workflow answers when it refuses: a typed outcome, never an HTTP error. The HTTP layer
// (src/server/routes/review.ts) maps each code to its problem type and status.
export type RefusalCode =
  | 'not-found'
  | 'conflict'
  | 'claimed-by-other'
  | 'invalid-correction'
  | 'precondition-required'
  | 'forbidden';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  detail: string;
  data: Record<string, unknown>;
}

export type Outcome<T> = { ok: true; value: T } | Refusal;

export function refusal(code: RefusalCode, detail: string, data: Record<string, unknown> = {}): Refusal {
  return { ok: false, code, detail, data };
}

/** Thrown inside a transaction to roll it back; caught at the module's edge and returned as a Refusal. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}
