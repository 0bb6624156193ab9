// Claims: a reviewer takes a field for a while so two people do not work on it at once. A claim expires by
// itself (a closed browser tab must not lock a field forever); the holder may renew it. Stored by
// src/store/claims.ts; the rules live here.
import { overlaps } from './pointer.js';

export interface Claim {
  id: string;
  documentId: string;
  pointer: string;
  keyId: string;
  /** The name (label) of the holder's key. */
  reviewer: string | null;
  claimedAt: string;
  expiresAt: string;
}

export type ClaimResult = { ok: true; claim: Claim } | { ok: false; heldBy: Claim };

/** Longest a claim may last (a day), whatever the request asks. */
export const MAX_CLAIM_SECONDS = 24 * 3600;

/** The first unexpired claim by another key that covers any of `pointers`. */
export function blockingClaim(claims: Claim[], pointers: string[], keyId: string): Claim | null {
  return claims.find((c) => c.keyId !== keyId && pointers.some((p) => overlaps(p, c.pointer))) ?? null;
}

/** The key's own claims on fields it has just corrected (released with the correction). */
export function ownClaimsOn(claims: Claim[], pointers: string[], keyId: string): Claim[] {
  return claims.filter((c) => c.keyId === keyId && pointers.some((p) => overlaps(p, c.pointer)));
}
