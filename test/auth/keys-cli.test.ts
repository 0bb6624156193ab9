import { afterAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/auth/index.js';
import { runKeys } from '../../src/cli/keys.js';
import { pgliteDb } from '../review/db.js';

const db = await pgliteDb();
afterAll(() => db.close());

describe('kehoach keys', () => {
  it('creates (key shown once), lists without secrets, revokes', async () => {
    const lines: string[] = [];
    await runKeys(['create', '--role', 'reviewer', '--name', 'Nguyễn Văn A'], db.sql, (l) => lines.push(l));
    const key = lines.find((l) => l.startsWith('kh_'))!;
    expect(key).toBeDefined();
    const auth = await authenticate(db.sql, { 'x-api-key': key });
    expect(auth).toMatchObject({ ok: true, auth: { role: 'reviewer', name: 'Nguyễn Văn A' } });
    const id = auth.ok ? auth.auth.keyId : '';
    const listed: string[] = [];
    await runKeys(['list'], db.sql, (l) => listed.push(l));
    expect(listed.join('\n')).toContain(id);
    expect(listed.join('\n')).not.toContain(key);
    await runKeys(['revoke', id], db.sql, () => {});
    expect(await authenticate(db.sql, { 'x-api-key': key })).toEqual({ ok: false, reason: 'revoked' });
    const active: string[] = [];
    await runKeys(['list'], db.sql, (l) => active.push(l));
    expect(active.join('\n')).not.toContain(id);
    const all: string[] = [];
    await runKeys(['list', '--all'], db.sql, (l) => all.push(l));
    expect(all.join('\n')).toContain('revoked');
  });

  it('refuses a bad role, a missing id and an unknown subcommand', async () => {
    await expect(runKeys(['create', '--role', 'god'], db.sql)).rejects.toThrow(/--role must be one of/);
    await expect(runKeys(['revoke'], db.sql)).rejects.toThrow(/one key id/);
    await expect(runKeys(['revoke', 'ffffffffffffffff'], db.sql)).rejects.toThrow(/no API key/);
    await expect(runKeys(['rotate'], db.sql)).rejects.toThrow(/Usage/);
  });
});
