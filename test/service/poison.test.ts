// Issue 12's poison documents: each ends `failed` with its specific reason within its budget while /healthz keeps
// answering, and a process killed mid-poison does not re-enter a crash loop when it restarts (the attempt was
// recorded before parsing; past KEHOACH_POISON_ATTEMPTS the document is quarantined as `poison`).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { type ParseResult, WorkerCrashError } from '../../src/pool/index.js';
import { processDocument } from '../../src/queue/job.js';
import { Store } from '../../src/store/store.js';
import { docxInflating, htmlSpanGrid } from '../helpers/poison.js';
import { form, startHarness, waitFor } from '../server/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const BUDGET_MS = 30_000;

interface Doc {
  id: string;
  status: string;
  failure: { reason: string; message: string } | null;
}

describe('poison quarantine (store + job)', () => {
  it('counts every started attempt and fails a document whose attempts keep dying as poison', async () => {
    const { sql } = await openDatabase({ dataDir: null });
    try {
      const store = new Store(sql);
      const bytes = new TextEncoder().encode('KẾ HOẠCH thử');
      const { jobs } = await sql.transaction((tx) =>
        store.storeUploads(
          tx,
          [{ sha256: 'a'.repeat(64), fileName: 'p.txt', contentType: null, format: 'text', bytes }],
          null,
        ),
      );
      const ref = jobs[0]!;
      const dying = async (): Promise<ParseResult> => {
        throw new WorkerCrashError('the parse worker exited (code 1) without a result');
      };
      for (let i = 0; i < 3; i++) {
        await expect(processDocument(store, ref, { parse: dying, maxAttempts: 3 })).rejects.toThrow(WorkerCrashError);
      }
      expect(await processDocument(store, ref, { parse: dying, maxAttempts: 3 })).toBe('failed');
      const doc = await store.getDocument(ref.documentId);
      expect(doc?.status).toBe('failed');
      expect(doc?.failure?.reason).toBe('poison');
      expect(doc?.failure?.message).toMatch(/started 3 times/);
      expect(await store.pending(0, 10)).toEqual([]);
      // An infrastructure error gives its attempt back: it never counts against the document.
      const next = (await store.reprocessDocument(ref.documentId))!;
      const outage = async (): Promise<ParseResult> => {
        throw new Error('connection refused');
      };
      for (let i = 0; i < 5; i++) {
        await expect(processDocument(store, next, { parse: outage, maxAttempts: 3 })).rejects.toThrow(/refused/);
      }
      expect((await store.getDocument(ref.documentId))?.status).toBe('processing');
    } finally {
      await sql.close();
    }
  });
});

describe('poison documents in the embedded service', () => {
  it('each fails with a specific reason within its budget while /healthz keeps answering', async () => {
    const api = await startHarness({
      mode: 'embedded',
      env: {
        KEHOACH_JOBS: '2',
        KEHOACH_WORKER_HEAP_MB: '256',
        KEHOACH_TASK_TIMEOUT_MS: String(BUDGET_MS),
        KEHOACH_TASK_TIMEOUT_PER_MB_MS: '0',
      },
    });
    try {
      const res = await api.request('/v1/documents', {
        method: 'POST',
        body: form([
          { name: 'grid.html', bytes: htmlSpanGrid(), type: 'text/html' },
          { name: 'inflating.docx', bytes: docxInflating(), type: DOCX },
        ]),
      });
      expect(res.status).toBe(202);
      const ids = ((await res.json()) as { documents: { id: string }[] }).documents.map((d) => d.id);
      const started = Date.now();
      let slowest = 0;
      let healthFailures = 0;
      const docs = await waitFor(
        async () => {
          const t = Date.now();
          const health = await api.request('/healthz').catch(() => null);
          slowest = Math.max(slowest, Date.now() - t);
          if (!health?.ok) healthFailures++;
          const all = await Promise.all(ids.map(async (id) => (await api.request(`/v1/documents/${id}`)).json()));
          return (all as Doc[]).every((d) => d.status === 'failed' || d.status === 'done') ? (all as Doc[]) : undefined;
        },
        BUDGET_MS * 3,
        'poison documents to finish',
      );
      const elapsed = Date.now() - started;
      expect(healthFailures).toBe(0);
      expect(slowest).toBeLessThan(2000);
      for (const d of docs) {
        expect(d.status).toBe('failed');
        // Whichever limit trips first (the reader's own caps, the heap cap, the budget): never a generic error.
        expect(['resource-limit', 'timeout', 'too-large', 'zip-bomb']).toContain(d.failure?.reason);
      }
      expect(elapsed).toBeLessThan(BUDGET_MS * 2 + 10_000);
    } finally {
      await api.close();
    }
  }, 240_000);
});

function serve(port: number, dataDir: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEHOACH_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('kill -9 mid-poison, then restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kehoach-poison-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not crash again: the document is quarantined and the restarted server keeps answering', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `http://127.0.0.1:${port}`;
    // A long budget: the first process is killed while the poison is being parsed.
    const env = { KEHOACH_JOBS: '1', KEHOACH_WORKER_HEAP_MB: '1024', KEHOACH_POISON_ATTEMPTS: '1' };
    const first = serve(port, dataDir, { ...env, KEHOACH_TASK_TIMEOUT_MS: '600000' });
    children.push(first);
    let out = '';
    first.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const key = await waitFor(async () => /kh_[A-Za-z0-9_-]+/.exec(out)?.[0], 180_000, 'admin key');
    const auth = { authorization: `Bearer ${key}` };
    await waitFor(async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined), 180_000);
    const res = await fetch(`${url}/v1/documents`, {
      method: 'POST',
      headers: auth,
      body: form([{ name: 'grid.html', bytes: htmlSpanGrid(), type: 'text/html' }]),
    });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    const getDoc = async () => (await (await fetch(`${url}/v1/documents/${id}`, { headers: auth })).json()) as Doc;
    await waitFor(async () => ((await getDoc()).status === 'processing' ? true : undefined), 60_000, 'processing');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = serve(port, dataDir, {
      ...env,
      KEHOACH_TASK_TIMEOUT_MS: '600000',
      KEHOACH_SWEEP_INTERVAL_MS: '500',
    });
    children.push(second);
    await waitFor(async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined), 180_000);
    const doc = await waitFor(
      async () => {
        const d = await getDoc();
        return d.status === 'failed' ? d : undefined;
      },
      60_000,
      'quarantine',
    );
    expect(doc.failure?.reason).toBe('poison');
    expect((await fetch(`${url}/healthz`)).ok).toBe(true);
    expect(second.exitCode).toBeNull();
  }, 600_000);
});
