// Stored claims (review_claims): one row per claimed field, expiring by itself.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/types.js';
import { type Claim, type ClaimResult, MAX_CLAIM_SECONDS } from '../review/claims.js';

interface ClaimRow {
  id: string;
  document_id: string;
  pointer: string;
  key_id: string;
  reviewer: string | null;
  claimed_at: Date | string;
  expires_at: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
export const toClaim = (r: ClaimRow): Claim => ({
  id: r.id,
  documentId: r.document_id,
  pointer: r.pointer,
  keyId: r.key_id,
  reviewer: r.reviewer ?? null,
  claimedAt: iso(r.claimed_at),
  expiresAt: iso(r.expires_at),
});
const COLUMNS = `id, document_id, pointer, key_id, (select k.name from api_keys k where k.id = key_id) as reviewer,
  claimed_at, expires_at`;

/** Takes (or renews) a claim on one field. Fails while another key holds an unexpired claim on it. */
export async function claimField(
  sql: Sql,
  documentId: string,
  pointer: string,
  keyId: string,
  ttlSeconds: number,
): Promise<ClaimResult> {
  const ttl = Math.max(0, Math.min(ttlSeconds, MAX_CLAIM_SECONDS));
  const { rows } = await sql.query<ClaimRow>(
    `insert into review_claims as c (id, document_id, pointer, key_id, expires_at)
     values ($1, $2, $3, $4, now() + $5 * interval '1 second')
     on conflict (document_id, pointer) do update
       set key_id = excluded.key_id, expires_at = excluded.expires_at,
           id = case when c.key_id = excluded.key_id then c.id else excluded.id end,
           claimed_at = case when c.key_id = excluded.key_id then c.claimed_at else now() end
       where c.key_id = excluded.key_id or c.expires_at <= now()
     returning ${COLUMNS}`,
    [randomUUID(), documentId, pointer, keyId, ttl],
  );
  if (rows[0]) return { ok: true, claim: toClaim(rows[0]) };
  const held = await sql.query<ClaimRow>(
    `select ${COLUMNS} from review_claims where document_id = $1 and pointer = $2`,
    [documentId, pointer],
  );
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
  const { rows } = await sql.query<ClaimRow>(`select ${COLUMNS} from review_claims where id = $1`, [claimId]);
  const row = rows[0];
  if (!row) return 'not-found';
  if (row.key_id !== keyId && !force) return 'not-holder';
  await sql.query('delete from review_claims where id = $1', [claimId]);
  return 'released';
}

export async function activeClaims(sql: Sql, documentId: string): Promise<Claim[]> {
  const { rows } = await sql.query<ClaimRow>(
    `select ${COLUMNS} from review_claims where document_id = $1 and expires_at > now() order by claimed_at, id`,
    [documentId],
  );
  return rows.map(toClaim);
}

export async function deleteClaims(sql: Sql, ids: string[]): Promise<void> {
  if (ids.length > 0) await sql.query('delete from review_claims where id = any($1::text[])', [ids]);
}
