// Idempotency-Key: the first request with a key stores its response in the same transaction as its effects;
// a repeat with the same fingerprint gets that response back, a different request with the same key is refused.
import type { Sql } from '../db/types.js';

export type IdempotencyOutcome =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export async function reserveKey(tx: Sql, key: string, fingerprint: string): Promise<IdempotencyOutcome> {
  // Blocks on the unique index while another transaction holding the same key is open.
  const inserted = await tx.query(
    'insert into idempotency_keys (key, fingerprint) values ($1, $2) on conflict (key) do nothing returning key',
    [key, fingerprint],
  );
  if (inserted.rows.length > 0) return { kind: 'new' };
  const res = await tx.query<{ fingerprint: string; status_code: number | null; response: unknown }>(
    'select fingerprint, status_code, response from idempotency_keys where key = $1',
    [key],
  );
  const row = res.rows[0];
  if (!row) return { kind: 'in-progress' };
  if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (row.status_code === null) return { kind: 'in-progress' };
  const body = typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
  return { kind: 'replay', status: row.status_code, body };
}

export async function completeKey(tx: Sql, key: string, status: number, body: unknown): Promise<void> {
  await tx.query('update idempotency_keys set status_code = $2, response = $3 where key = $1', [
    key,
    status,
    JSON.stringify(body),
  ]);
}
