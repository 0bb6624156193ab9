// `kehoach health`: the container health check for every role. Processes that serve HTTP answer /healthz; a
// worker serves no HTTP, so each process also touches a heartbeat file while its event loop runs, and a worker
// is healthy while its heartbeat is fresh.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

export function heartbeatPath(): string {
  return process.env['KEHOACH_HEARTBEAT_FILE'] ?? join(tmpdir(), 'kehoach.heartbeat');
}

/** Writes `<role> <port>` now and every 10 s; returns the stop function. */
export function startHeartbeat(role: string, port: number | null): () => void {
  const write = () => writeFileSync(heartbeatPath(), `${role} ${port ?? ''}\n`);
  write();
  const timer = setInterval(write, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export async function runHealth(): Promise<number> {
  let role = '';
  let port = '';
  try {
    const age = Date.now() - statSync(heartbeatPath()).mtimeMs;
    if (age > STALE_MS) {
      process.stderr.write(`kehoach health: heartbeat is ${Math.round(age / 1000)} s old\n`);
      return 1;
    }
    [role = '', port = ''] = readFileSync(heartbeatPath(), 'utf8').trim().split(' ');
  } catch {
    process.stderr.write('kehoach health: no heartbeat (is kehoach running?)\n');
    return 1;
  }
  if (role === 'worker' || !port) return 0;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
    return res.ok ? 0 : 1;
  } catch {
    process.stderr.write(`kehoach health: /healthz on port ${port} does not answer\n`);
    return 1;
  }
}
