// Single-writer safety: a second process opening the embedded data folder a server holds is refused with a
// clear message (never a silent success whose key would never work), and takes over after the owner is gone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';

const dir = mkdtempSync(join(tmpdir(), 'kh-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, KEHOACH_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('single writer on the embedded data folder', () => {
  it('`kehoach keys create` refuses while another process holds the folder, and works once it is free', async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      const refused = cli('keys', 'create', '--role', 'reader');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/in use by process \d+/);
      expect(refused.stderr).toContain('/v1/keys');
      expect(refused.stdout).not.toMatch(/kh_[0-9a-f]{16}_/);
    } finally {
      await db.sql.close();
    }
    const ok = cli('keys', 'create', '--role', 'reader');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/kh_[0-9a-f]{16}_/);
  }, 120_000);

  it('a lock left by a dead process (kill -9) is taken over', async () => {
    writeFileSync(join(dir, 'kehoach.lock'), '999999');
    const db = await openDatabase({ dataDir: dir });
    await db.sql.close();
  });
});
