// `kehoach serve` as a real process in embedded mode: it answers, stops cleanly on SIGTERM (exit 0), and a new
// process on the same data folder serves the same extraction.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { form, planText, waitFor } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function serve(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KEHOACH_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The admin key an embedded install prints once, on its first start. */
function bootstrapKey(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const key = /kh_[A-Za-z0-9_-]+/.exec(out)?.[0];
      if (key) resolve(key);
    });
    child.once('exit', () => reject(new Error(`no admin key printed: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function up(url: string): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await fetch(`${url}/readyz`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    60_000,
    'server up',
  );
}

describe('kehoach serve process (embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kehoach-serve-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops cleanly on SIGTERM and keeps its data across restarts', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `http://127.0.0.1:${port}`;
    const first = serve(port, dataDir);
    children.push(first);
    const key = await bootstrapKey(first);
    const auth = { authorization: `Bearer ${key}` };
    await up(url);
    const res = await fetch(`${url}/v1/documents`, {
      method: 'POST',
      headers: auth,
      body: form([{ name: 'p.txt', bytes: planText(7, 'serve') }]),
    });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    const extraction = await waitFor(async () => {
      const r = await fetch(`${url}/v1/documents/${id}/extraction`, { headers: auth });
      return r.ok ? await r.json() : undefined;
    });
    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);

    const second = serve(port, dataDir);
    children.push(second);
    let secondOut = '';
    second.stdout!.on('data', (chunk: Buffer) => {
      secondOut += chunk.toString();
    });
    await up(url);
    // The key from the first start still works, and no second admin key is made.
    expect(await (await fetch(`${url}/v1/documents/${id}/extraction`, { headers: auth })).json()).toEqual(extraction);
    expect(secondOut).not.toMatch(/kh_/);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
  }, 120_000);
});
