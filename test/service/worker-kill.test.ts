// A `kehoach worker` process killed with SIGKILL mid-batch loses nothing: its active jobs stall, another
// worker takes them over, and the idempotent upsert keeps one extraction per document. The replacement
// worker is then stopped with SIGTERM and must exit cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, skipUnless } from '../helpers/services.js';
import { type Harness, redisUrl, startHarness, uniqueName, waitFor } from '../server/harness.js';
import { BATCH_SIZE, doneCount, expectAllExtractedOnce, uploadBatch, waitMidBatch } from './batch-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDIS_DB = 6;
const skip = await skipUnless('worker process killed mid-batch', ['redis', 'postgres']);

function startWorker(env: Record<string, string>): ChildProcess {
  // detached: its own process group, so the kill reaches the sandboxed children as well.
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe.skipIf(skip !== null)('worker process killed mid-batch', () => {
  const schema = uniqueName('kh_kill');
  const prefix = uniqueName('khq_kill');
  const children: ChildProcess[] = [];
  let api: Harness | undefined;
  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null && c.pid) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {}
      }
    }
    await api?.close();
  });

  it(`every one of ${BATCH_SIZE} documents ends with exactly one extraction`, async () => {
    api = await startHarness({ mode: 'postgres-bullmq', role: 'api', schema, prefix, redisDb: REDIS_DB });
    const batchId = await uploadBatch(api, 'kill');
    const sql = api.runtime.db.sql;
    const env = {
      DATABASE_URL,
      KEHOACH_DB_SCHEMA: schema,
      REDIS_URL: redisUrl(REDIS_DB),
      KEHOACH_QUEUE_PREFIX: prefix,
      KEHOACH_CONCURRENCY: '2',
      KEHOACH_JOB_LOCK_MS: '3000',
      KEHOACH_STALLED_INTERVAL_MS: '1000',
      KEHOACH_SWEEP_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    };
    const first = startWorker(env);
    children.push(first);
    let stderr = '';
    first.stderr?.on('data', (d) => {
      stderr += d;
    });
    await waitMidBatch(sql, 20);
    process.kill(-first.pid!, 'SIGKILL');
    expect((await exited(first)).signal).toBe('SIGKILL');
    const doneAtKill = await doneCount(sql);
    expect(doneAtKill, stderr).toBeLessThan(BATCH_SIZE);

    const second = startWorker(env);
    children.push(second);
    await expectAllExtractedOnce(api, sql, batchId);

    // Graceful stop: SIGTERM lets in-flight work finish and the process exits 0.
    await waitFor(async () => (second.exitCode === null ? true : undefined), 1000, 'second worker alive');
    process.kill(second.pid!, 'SIGTERM');
    const end = await exited(second);
    expect(end.code).toBe(0);
  });
});
