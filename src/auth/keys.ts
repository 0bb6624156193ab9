// API keys: random, shown once, stored as sha256 of the secret. The key embeds its id ("kh_<id>_<secret>"),
// so a lookup is by primary key and the secret is compared in constant time, never through an index probe.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Sql } from '../db/types.js';
import { type RoleName, RoleNameSchema } from './roles.js';

const KEY_PREFIX = 'kh';
const KEY_PATTERN = /^kh_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: RoleName;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedKey extends ApiKeyInfo {
  /** The full key. Returned once; only its hash is stored. */
  key: string;
}

export interface AuthContext {
  keyId: string;
  role: RoleName;
  name: string;
}

/** The principal of every request when auth is off (KEHOACH_AUTH=off); its id can never be presented as a key. */
export const ANONYMOUS: AuthContext = { keyId: 'anonymous', role: 'admin', name: 'anonymous (auth off)' };

export const CreateKeyBody = z.object({ role: RoleNameSchema, name: z.string().trim().min(1).max(200) });

export type AuthResult =
  | { ok: true; auth: AuthContext }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'revoked' };

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

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function iso(v: Date | string | null): string | null {
  if (v === null) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    role: RoleNameSchema.parse(row.role),
    createdAt: iso(row.created_at) ?? '',
    createdBy: row.created_by,
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

export async function createKey(
  sql: Sql,
  input: { role: RoleName; name: string; createdBy?: string | null },
): Promise<CreatedKey> {
  const role = RoleNameSchema.parse(input.role);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new RangeError('key name must be 1-200 characters');
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const { rows } = await sql.query<KeyRow>(
    `INSERT INTO api_keys (id, name, role, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, role, secret_hash, created_at, created_by, revoked_at, last_used_at`,
    [id, name, role, hashSecret(secret), input.createdBy ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('api key insert returned no row');
  return { ...toInfo(row), key: `${KEY_PREFIX}_${id}_${secret}` };
}

export async function listKeys(sql: Sql, opts: { includeRevoked?: boolean } = {}): Promise<ApiKeyInfo[]> {
  const { rows } = await sql.query<KeyRow>(
    `SELECT id, name, role, secret_hash, created_at, created_by, revoked_at, last_used_at FROM api_keys
     ${opts.includeRevoked === false ? 'WHERE revoked_at IS NULL' : ''} ORDER BY created_at, id`,
  );
  return rows.map(toInfo);
}

/** Revokes a key; idempotent. Returns null when no key has that id. */
export async function revokeKey(sql: Sql, id: string): Promise<ApiKeyInfo | null> {
  const { rows } = await sql.query<KeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
     RETURNING id, name, role, secret_hash, created_at, created_by, revoked_at, last_used_at`,
    [id],
  );
  return rows[0] ? toInfo(rows[0]) : null;
}

type Headers = Record<string, string | string[] | undefined>;

/** The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: Headers): string | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const authz = first(headers.authorization)?.trim();
  if (authz) {
    const m = /^Bearer[ \t]+(\S+)$/i.exec(authz);
    return m?.[1] ?? authz;
  }
  const x = first(headers['x-api-key'])?.trim();
  return x ? x : null;
}

export async function authenticateKey(sql: Sql, key: string | null): Promise<AuthResult> {
  if (!key) return { ok: false, reason: 'missing' };
  const m = KEY_PATTERN.exec(key);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, id, secret] = m as unknown as [string, string, string];
  const { rows } = await sql.query<KeyRow>(
    'SELECT id, name, role, secret_hash, created_at, created_by, revoked_at, last_used_at FROM api_keys WHERE id = $1',
    [id],
  );
  const row = rows[0];
  const expected = Buffer.from(row?.secret_hash ?? hashSecret('no such key'), 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const matches = timingSafeEqual(expected, actual);
  if (!row || !matches) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  // Throttled so a busy key does not turn every read into a write.
  await sql.query(
    `UPDATE api_keys SET last_used_at = now()
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
  return { ok: true, auth: { keyId: row.id, role: RoleNameSchema.parse(row.role), name: row.name } };
}

export function authenticate(sql: Sql, headers: Headers): Promise<AuthResult> {
  return authenticateKey(sql, presentedKey(headers));
}

/**
 * On the first start of an install (no key has ever been created) makes an admin key and returns it, once,
 * for the caller to print. Later starts return null. Serialised so two processes starting together make one.
 */
export async function ensureBootstrapAdmin(sql: Sql): Promise<CreatedKey | null> {
  return sql.transaction(async (tx) => {
    await tx.query('LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE');
    const { rows } = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM api_keys WHERE id <> $1', [
      ANONYMOUS.keyId,
    ]);
    if (Number(rows[0]?.n ?? 0) > 0) return null;
    return createKey(tx, { role: 'admin', name: 'bootstrap admin', createdBy: null });
  });
}

/** Auth off: corrections and claims still record a key id, so the anonymous principal needs its row. */
export async function ensureAnonymousKey(sql: Sql): Promise<void> {
  await sql.query(
    `INSERT INTO api_keys (id, name, role, secret_hash) VALUES ($1, $2, 'admin', $3) ON CONFLICT (id) DO NOTHING`,
    [ANONYMOUS.keyId, ANONYMOUS.name, hashSecret(randomBytes(32).toString('hex'))],
  );
}
