// Every command answers --help and --version (commander), exit 0.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../src/version.js';

const COMMANDS = [
  [],
  ['extract'],
  ['schema'],
  ['serve'],
  ['api'],
  ['worker'],
  ['keys'],
  ['keys', 'create'],
  ['keys', 'list'],
  ['keys', 'revoke'],
];

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('kehoach CLI', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(root)', c] as const))(
    '%s --help and --version',
    (_name, cmd) => {
      const help = cli([...cmd, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(`Usage: kehoach${cmd.length ? ` ${cmd.join(' ')}` : ''}`);
      const version = cli([...cmd, '--version']);
      expect(version.status).toBe(0);
      expect(version.stdout.trim()).toBe(EXTRACTOR_VERSION);
    },
    120_000,
  );

  it('an unknown command exits 2 with the usage', () => {
    const res = cli(['bogus']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("unknown command 'bogus'");
  });
});
