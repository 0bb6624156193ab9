// Claims: a reviewer takes a field for a while so two people do not work on it at once. A claim expires by
// itself (a closed browser tab must not lock a field forever); the holder may renew it.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/types.js';
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

interface Row {
  id: string;
  document_id: string;
  pointer: string;
  key_id: string;
  reviewer: string | null;
  claimed_at: Date | string;
  expires_at: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
const toClaim = (r: Row): Claim => ({
  id: r.id,
  documentId: r.document_id,
  pointer: r.pointer,
  keyId: r.key_id,
  reviewer: r.reviewer ?? null,
  claimedAt: iso(r.claimed_at),
  expiresAt: iso(r.expires_at),
});
const COLUMNS = `id, document_id, pointer, key_id, (SELECT k.name FROM api_keys k WHERE k.id = key_id) AS reviewer,
  claimed_at, expires_at`;

/** Takes (or renews) a claim on one field. Fails while another key holds an unexpired claim on it. */
export async function claimField(
  sql: Sql,
  documentId: string,
  pointer: string,
  keyId: string,
  ttlSeconds: number,
): Promise<ClaimResult> {
  const ttl = Math.max(0, Math.min(ttlSeconds, 24 * 3600));
  const { rows } = await sql.query<Row>(
    `INSERT INTO review_claims AS c (id, document_id, pointer, key_id, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 second')
     ON CONFLICT (document_id, pointer) DO UPDATE
       SET key_id = EXCLUDED.key_id, expires_at = EXCLUDED.expires_at,
           id = CASE WHEN c.key_id = EXCLUDED.key_id THEN c.id ELSE EXCLUDED.id END,
           claimed_at = CASE WHEN c.key_id = EXCLUDED.key_id THEN c.claimed_at ELSE now() END
       WHERE c.key_id = EXCLUDED.key_id OR c.expires_at <= now()
     RETURNING ${COLUMNS}`,
    [randomUUID(), documentId, pointer, keyId, ttl],
  );
  if (rows[0]) return { ok: true, claim: toClaim(rows[0]) };
  const held = await sql.query<Row>(`SELECT ${COLUMNS} FROM review_claims WHERE document_id = $1 AND pointer = $2`, [
    documentId,
    pointer,
  ]);
  if (!held.rows[0]) return claimField(sql, documentId, pointer, keyId, ttlSeconds); // released meanwhile
  return { ok: false, heldBy: toClaim(held.rows[0]) };
}

/** Releases a claim. Only its holder may (or anyone with `force`, e.g. an admin). */
export async function releaseClaim(
  sql: Sql,
  claimId: string,
  keyId: string,
  force = false,
): Promise<'released' | 'not-found' | 'not-holder'> {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM review_claims WHERE id = $1`, [claimId]);
  const row = rows[0];
  if (!row) return 'not-found';
  if (row.key_id !== keyId && !force) return 'not-holder';
  await sql.query('DELETE FROM review_claims WHERE id = $1', [claimId]);
  return 'released';
}

export async function activeClaims(sql: Sql, documentIds: string[]): Promise<Claim[]> {
  if (documentIds.length === 0) return [];
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM review_claims WHERE document_id = ANY($1::text[]) AND expires_at > now()`,
    [documentIds],
  );
  return rows.map(toClaim);
}

/** The first unexpired claim by another key that covers any of `pointers`. */
export function blockingClaim(claims: Claim[], pointers: string[], keyId: string): Claim | null {
  return claims.find((c) => c.keyId !== keyId && pointers.some((p) => overlaps(p, c.pointer))) ?? null;
}

/** Drops the key's own claims on fields it has just corrected. */
export async function releaseOwnClaims(sql: Sql, documentId: string, pointers: string[], keyId: string): Promise<void> {
  const mine = (await activeClaims(sql, [documentId])).filter(
    (c) => c.keyId === keyId && pointers.some((p) => overlaps(p, c.pointer)),
  );
  for (const c of mine) await sql.query('DELETE FROM review_claims WHERE id = $1', [c.id]);
}
