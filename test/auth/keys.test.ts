import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticate,
  can,
  createKey,
  ensureBootstrapAdmin,
  listKeys,
  presentedKey,
  ROLE_PERMISSIONS,
  revokeKey,
  roleMatrixMarkdown,
} from '../../src/auth/index.js';
import { type TestDb, testDbs } from '../review/db.js';

describe('role matrix', () => {
  it('admin holds every permission and the others hold only theirs', () => {
    for (const p of ROLE_PERMISSIONS.admin) expect(can('admin', p)).toBe(true);
    expect(can('reader', 'review:write')).toBe(false);
    expect(can('reader', 'documents:read')).toBe(true);
    expect(can('reviewer', 'documents:write')).toBe(false);
    expect(can('uploader', 'review:write')).toBe(false);
    expect(can('reviewer', 'keys:manage')).toBe(false);
    expect(roleMatrixMarkdown()).toContain('| `keys:manage` |');
  });

  it('reads the key from Bearer or X-API-Key', () => {
    expect(presentedKey({ authorization: 'Bearer abc' })).toBe('abc');
    expect(presentedKey({ authorization: 'bearer   abc' })).toBe('abc');
    expect(presentedKey({ 'x-api-key': ' xyz ' })).toBe('xyz');
    expect(presentedKey({})).toBeNull();
  });
});

const dbs: TestDb[] = await testDbs();
afterAll(async () => {
  for (const d of dbs) await d.close();
});

describe.each(dbs.map((d) => [d.name, d] as const))('api keys on %s', (_name, db) => {
  let bootstrap: Awaited<ReturnType<typeof ensureBootstrapAdmin>>;
  beforeAll(async () => {
    bootstrap = await ensureBootstrapAdmin(db.sql);
  });

  it('bootstraps one admin key on first start only', async () => {
    expect(bootstrap?.role).toBe('admin');
    expect(bootstrap?.key).toMatch(/^kh_[0-9a-f]{16}_/);
    expect(await ensureBootstrapAdmin(db.sql)).toBeNull();
    const auth = await authenticate(db.sql, { authorization: `Bearer ${bootstrap!.key}` });
    expect(auth).toMatchObject({ ok: true, auth: { role: 'admin', keyId: bootstrap!.id } });
  });

  it('stores only a hash and authenticates, refuses tampered and revoked keys', async () => {
    const k = await createKey(db.sql, { role: 'reviewer', name: 'Chị Lan' });
    const { rows } = await db.sql.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE id = $1', [
      k.id,
    ]);
    expect(rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(k.key.split('_').slice(2).join('_'));
    expect(await authenticate(db.sql, { 'x-api-key': k.key })).toMatchObject({ ok: true, auth: { role: 'reviewer' } });
    const tampered = `${k.key.slice(0, -1)}${k.key.endsWith('A') ? 'B' : 'A'}`;
    expect(await authenticate(db.sql, { 'x-api-key': tampered })).toEqual({ ok: false, reason: 'unknown' });
    expect(await authenticate(db.sql, { 'x-api-key': 'nonsense' })).toEqual({ ok: false, reason: 'malformed' });
    expect(await authenticate(db.sql, {})).toEqual({ ok: false, reason: 'missing' });
    expect((await revokeKey(db.sql, k.id))?.revokedAt).not.toBeNull();
    expect(await authenticate(db.sql, { 'x-api-key': k.key })).toEqual({ ok: false, reason: 'revoked' });
    expect(await revokeKey(db.sql, 'ffffffffffffffff')).toBeNull();
    const listed = await listKeys(db.sql);
    expect(listed.find((x) => x.id === k.id)?.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain('secret');
  });
});
