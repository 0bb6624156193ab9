// API keys: random, shown once, stored as sha256 of the secret. The key embeds its id ("kh_<id>_<secret>"),
// so a lookup is by primary key and the secret is compared in constant time, never through an index probe.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Sql } from '../db/types.js';
import {
  findKey,
  insertFirstKey,
  insertKey,
  insertKeyIfMissing,
  markRevoked,
  type NewKey,
  type StoredKey,
  selectKeys,
  touchKey,
} from '../store/keys.js';
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

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function toInfo(k: StoredKey): ApiKeyInfo {
  return {
    id: k.id,
    name: k.name,
    role: RoleNameSchema.parse(k.role),
    createdAt: k.createdAt,
    createdBy: k.createdBy,
    revokedAt: k.revokedAt,
    lastUsedAt: k.lastUsedAt,
  };
}

/** A new key: its stored row and the key itself (shown once). */
function newKey(input: { role: RoleName; name: string; createdBy?: string | null }): NewKey & { key: string } {
  const role = RoleNameSchema.parse(input.role);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new RangeError('key name must be 1-200 characters');
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return {
    id,
    name,
    role,
    secretHash: hashSecret(secret),
    createdBy: input.createdBy ?? null,
    key: `${KEY_PREFIX}_${id}_${secret}`,
  };
}

export async function createKey(
  sql: Sql,
  input: { role: RoleName; name: string; createdBy?: string | null },
): Promise<CreatedKey> {
  const { key, ...row } = newKey(input);
  return { ...toInfo(await insertKey(sql, row)), key };
}

export async function listKeys(sql: Sql, opts: { includeRevoked?: boolean } = {}): Promise<ApiKeyInfo[]> {
  return (await selectKeys(sql, opts.includeRevoked !== false)).map(toInfo);
}

/** Revokes a key; idempotent. Returns null when no key has that id. */
export async function revokeKey(sql: Sql, id: string): Promise<ApiKeyInfo | null> {
  const revoked = await markRevoked(sql, id);
  return revoked ? toInfo(revoked) : null;
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
  const row = await findKey(sql, id);
  const expected = Buffer.from(row?.secretHash ?? hashSecret('no such key'), 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const matches = timingSafeEqual(expected, actual);
  if (!row || !matches) return { ok: false, reason: 'unknown' };
  if (row.revokedAt !== null) return { ok: false, reason: 'revoked' };
  await touchKey(sql, id);
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
  const made = await insertFirstKey(sql, ANONYMOUS.keyId, () =>
    newKey({ role: 'admin', name: 'bootstrap admin', createdBy: null }),
  );
  return made ? { ...toInfo(made.stored), key: made.made.key } : null;
}

/** Auth off: corrections and claims still record a key id, so the anonymous principal needs its row. */
export async function ensureAnonymousKey(sql: Sql): Promise<void> {
  await insertKeyIfMissing(sql, {
    id: ANONYMOUS.keyId,
    name: ANONYMOUS.name,
    role: 'admin',
    secretHash: hashSecret(randomBytes(32).toString('hex')),
    createdBy: null,
  });
}
