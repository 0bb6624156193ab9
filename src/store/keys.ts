// Stored API keys (api_keys): only the sha256 of each key's secret is kept. The rules (key format, hashing,
// roles) live in src/auth/keys.ts.
import type { Sql } from '../db/types.js';

export interface StoredKey {
  id: string;
  name: string;
  role: string;
  secretHash: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewKey {
  id: string;
  name: string;
  role: string;
  secretHash: string;
  createdBy: string | null;
}

interface KeyRow {
  id: string;
  name: string;
  role: string;
  secret_hash: string;
  created_at: Date | string;
  created_by: string | null;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

const COLUMNS = 'id, name, role, secret_hash, created_at, created_by, revoked_at, last_used_at';

function iso(v: Date | string | null): string | null {
  if (v === null) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

function toKey(r: KeyRow): StoredKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    secretHash: r.secret_hash,
    createdAt: iso(r.created_at) ?? '',
    createdBy: r.created_by,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

export async function insertKey(sql: Sql, k: NewKey): Promise<StoredKey> {
  const { rows } = await sql.query<KeyRow>(
    `insert into api_keys (id, name, role, secret_hash, created_by) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
    [k.id, k.name, k.role, k.secretHash, k.createdBy],
  );
  if (!rows[0]) throw new Error('api key insert returned no row');
  return toKey(rows[0]);
}

/** Inserts a key unless it exists (by id); nothing happens when it does. */
export async function insertKeyIfMissing(sql: Sql, k: NewKey): Promise<void> {
  await sql.query(
    `insert into api_keys (id, name, role, secret_hash, created_by) values ($1, $2, $3, $4, $5)
     on conflict (id) do nothing`,
    [k.id, k.name, k.role, k.secretHash, k.createdBy],
  );
}

export async function selectKeys(sql: Sql, includeRevoked: boolean): Promise<StoredKey[]> {
  const { rows } = await sql.query<KeyRow>(
    `select ${COLUMNS} from api_keys ${includeRevoked ? '' : 'where revoked_at is null'} order by created_at, id`,
  );
  return rows.map(toKey);
}

export async function findKey(sql: Sql, id: string): Promise<StoredKey | null> {
  const { rows } = await sql.query<KeyRow>(`select ${COLUMNS} from api_keys where id = $1`, [id]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** Revokes a key; idempotent. null when no key has that id. */
export async function markRevoked(sql: Sql, id: string): Promise<StoredKey | null> {
  const { rows } = await sql.query<KeyRow>(
    `update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning ${COLUMNS}`,
    [id],
  );
  return rows[0] ? toKey(rows[0]) : null;
}

/** When this process last recorded each key's use, per database: a minute of reads then costs no statement. */
const touched = new WeakMap<Sql, Map<string, number>>();
const TOUCH_EVERY_MS = 60_000;

/**
 * Records that a key was used, at most once a minute (a busy key must not turn every read into a write). The
 * statement keeps the rule across processes; the memo spares the round trip (on the embedded database, a
 * statement queued behind a batch's writes) when this process already recorded the key within the minute.
 */
export async function touchKey(sql: Sql, id: string): Promise<void> {
  let seen = touched.get(sql);
  if (!seen) {
    seen = new Map();
    touched.set(sql, seen);
  }
  const now = Date.now();
  const last = seen.get(id);
  if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
  seen.set(id, now);
  try {
    await sql.query(
      `update api_keys set last_used_at = now()
       where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [id],
    );
  } catch (err) {
    seen.delete(id);
    throw err;
  }
}

/**
 * Inserts the key `make` returns when no key other than `except` has ever been created; serialised so two
 * processes starting together make one. Returns what was made and stored, or null.
 */
export function insertFirstKey<T extends NewKey>(
  sql: Sql,
  except: string,
  make: () => T,
): Promise<{ made: T; stored: StoredKey } | null> {
  return sql.transaction(async (tx) => {
    await tx.query('lock table api_keys in share row exclusive mode');
    const { rows } = await tx.query<{ n: number | string }>('select count(*) as n from api_keys where id <> $1', [
      except,
    ]);
    if (Number(rows[0]?.n ?? 0) > 0) return null;
    const made = make();
    return { made, stored: await insertKey(tx, made) };
  });
}
