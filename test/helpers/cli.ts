// The kehoach command line as a child process, and a real embedded `kehoach serve` on a free port with the admin
// key it prints on first start — for tests that drive the product as a user would (upload, export, browser).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../server/harness.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function kehoach(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits for the process to end; its stdout and stderr together. */
export function collect(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

export interface Served {
  child: ChildProcess;
  url: string;
  /** The admin key printed once at the first start of an embedded install. */
  adminKey: string;
}

/** `kehoach serve` (embedded, data in `dataDir`) on a random loopback port, ready to answer. */
export async function serveEmbedded(dataDir: string): Promise<Served> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const child = kehoach(['serve'], { PORT: String(port), HOST: '127.0.0.1', KEHOACH_DATA_DIR: join(dataDir, 'data') });
  const adminKey = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const k = /kh_[A-Za-z0-9_-]+/.exec(out)?.[0];
      if (k) resolve(k);
    });
    child.once('exit', () => reject(new Error(`kehoach serve exited: ${out}`)));
  });
  await waitFor(async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined), 60_000);
  return { child, url, adminKey };
}
