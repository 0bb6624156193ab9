// No Docker engine in CI: rebuild the runtime stage's file layout from the Dockerfile's own COPY lines in a temp
// folder (build output compiled as the build stage does, node_modules linked) and start `serve`, `api` and
// `worker` from there with plain node, so a file the image forgets to copy is caught. The HEALTHCHECK command
// is run against each.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, REDIS_URL, skipUnless } from '../helpers/services.js';
import { dropSchema, uniqueName } from '../server/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const skip = await skipUnless('docker layout (api, worker)', ['redis', 'postgres']);

/** COPY lines of the last stage: [from stage | null, source, destination]. */
function runtimeCopies(): Array<[string | null, string, string]> {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = text.split(/^FROM /m);
  const runtime = stages[stages.length - 1]!;
  return [...runtime.matchAll(/^COPY\s+(?:--from=(\S+)\s+)?(\S+)\s+(\S+)\s*$/gm)].map((m) => [
    m[1] ?? null,
    m[2]!,
    m[3]!,
  ]);
}

function healthCheck(): string[] {
  const m = /^HEALTHCHECK[^\n]*CMD (\[.*\])\s*$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  return JSON.parse(m![1]!) as string[];
}

describe('Docker runtime layout started with plain node', () => {
  const app = mkdtempSync(join(tmpdir(), 'kh-image-'));
  const build = mkdtempSync(join(tmpdir(), 'kh-build-'));
  const children: ChildProcess[] = [];
  const schema = uniqueName('kh_img');

  beforeAll(() => {
    // The build stage: tsc over src + workers into <build>/dist.
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(ROOT, 'tsconfig.build.json'),
        '--outDir',
        join(build, 'dist'),
      ],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    for (const [from, src, dest] of runtimeCopies()) {
      // Docker: a destination ending in "/" is a folder the source goes into.
      const target = dest.endsWith('/') ? join(resolve(app, dest), basename(src)) : resolve(app, dest);
      mkdirSync(dirname(target), { recursive: true });
      if (from === 'deps') symlinkSync(join(ROOT, 'node_modules'), target, 'dir');
      else if (from === 'build') cpSync(join(build, src.replace(/^\/app\//, '')), target, { recursive: true });
      else cpSync(join(ROOT, src), target, { recursive: true });
    }
  }, 300_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(app, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
    if (skip === null) await dropSchema(schema);
  });

  function start(role: string, env: Record<string, string>): { child: ChildProcess; heartbeat: string } {
    const heartbeat = join(app, `${role}.heartbeat`);
    const child = spawn(process.execPath, ['dist/src/cli/main.js', role], {
      cwd: app,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        KEHOACH_HEARTBEAT_FILE: heartbeat,
        ...env,
      },
      stdio: 'pipe',
    });
    children.push(child);
    return { child, heartbeat };
  }

  async function healthy(heartbeat: string): Promise<boolean> {
    const [cmd, ...args] = healthCheck();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const res = spawnSync(cmd === 'node' ? process.execPath : cmd!, args, {
        cwd: app,
        env: { PATH: process.env['PATH'] ?? '', KEHOACH_HEARTBEAT_FILE: heartbeat },
        timeout: 10_000,
      });
      if (res.status === 0) return true;
      await new Promise((r) => setTimeout(r, 500));
    }
    return false;
  }

  it('`serve` (embedded) starts, passes the health check and serves /healthz, /docs and /review', async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const { heartbeat } = start('serve', { PORT: port, HOST: '127.0.0.1', KEHOACH_DATA_DIR: join(app, 'data') });
    expect(await healthy(heartbeat)).toBe(true);
    for (const path of ['/healthz', '/docs/', '/docs/swagger-ui-bundle.js', '/review/', '/openapi.json']) {
      expect([path, (await fetch(`http://127.0.0.1:${port}${path}`)).status]).toEqual([path, 200]);
    }
  }, 120_000);

  it.skipIf(skip !== null)(
    '`api` and `worker` (PostgreSQL + Redis) start and pass the health check',
    async () => {
      const env = {
        DATABASE_URL,
        KEHOACH_DB_SCHEMA: schema,
        REDIS_URL: `${REDIS_URL.replace(/\/\d*$/, '')}/6`,
        KEHOACH_QUEUE_PREFIX: schema,
      };
      const port = String(20_000 + Math.floor(Math.random() * 20_000));
      const api = start('api', { ...env, PORT: port, HOST: '127.0.0.1' });
      expect(await healthy(api.heartbeat)).toBe(true);
      const worker = start('worker', env);
      expect(await healthy(worker.heartbeat)).toBe(true);
      expect(worker.child.exitCode).toBeNull();
    },
    120_000,
  );
});
