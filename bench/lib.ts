// Bench helpers: whole-process timings with CPU time, medians of alternated runs, percentiles.
import { spawn, spawnSync } from 'node:child_process';

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set of the process (KB), from GNU time when available. */
  peakRssKb: number | null;
}

/** Runs a command as a whole process; CPU time (user + sys, children included) from bash's `time`. */
export function timeProcess(cmd: string, args: string[], env: Record<string, string> = {}): ProcessRun {
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; { time ${quoted} >/dev/null 2>/dev/null; } 2>&1`], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stdout);
  if (!m) throw new Error(`could not time ${cmd}: ${r.stdout} ${r.stderr}`);
  return { wallMs: Number(m[1]) * 1000, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, peakRssKb: null };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Runs A and B alternately `rounds` times (A B A B …) and returns both medians. */
export function alternate(
  rounds: number,
  a: () => ProcessRun,
  b: () => ProcessRun,
): { a: ProcessRun[]; b: ProcessRun[] } {
  const ra: ProcessRun[] = [];
  const rb: ProcessRun[] = [];
  for (let i = 0; i < rounds; i++) {
    ra.push(a());
    rb.push(b());
  }
  return { a: ra, b: rb };
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** Peak RSS of a live process (VmHWM) in MB, or null once it is gone. */
export function peakRssMb(pid: number): number | null {
  const r = spawnSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  const m = /VmHWM:\s+(\d+) kB/.exec(r.stdout ?? '');
  return m ? Number(m[1]) / 1024 : null;
}

export interface Child {
  pid: number;
  output(): string;
  kill(): Promise<void>;
}

export function startProcess(cmd: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid!,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
