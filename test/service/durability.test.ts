// Embedded mode keeps everything in the PGlite data folder: a restart finds stored extractions intact and
// finishes the documents that were still queued when the process stopped.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { form, type Harness, planText, startHarness, waitFor } from '../server/harness.js';

describe('embedded restart durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kehoach-durability-'));
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps extractions and pending work across a restart', async () => {
    // No periodic sweep: only the start-up sweep of the next process may pick up pending work.
    const env = { KEHOACH_CONCURRENCY: '1', KEHOACH_SWEEP_INTERVAL_MS: '600000' };
    h = await startHarness({ mode: 'embedded', dataDir, env });
    const first = await h.request('/v1/documents', {
      method: 'POST',
      body: form([{ name: 'one.txt', bytes: planText(1) }]),
    });
    const id = ((await first.json()) as { documents: { id: string }[] }).documents[0]!.id;
    await waitFor(async () => ((await h!.runtime.store.getDocument(id))?.status === 'done' ? true : undefined));
    const before = await (await h.request(`/v1/documents/${id}/extraction`)).json();
    const textBefore = await (await h.request(`/v1/documents/${id}/text`)).text();

    const batch = (await (
      await h.request('/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    ).json()) as { id: string };
    const files = Array.from({ length: 60 }, (_, i) => ({ name: `d${i}.txt`, bytes: planText(100 + i, 'restart') }));
    const res = await h.request(`/v1/batches/${batch.id}/documents`, {
      method: 'POST',
      body: form(files.slice(0, 30)),
    });
    expect(res.status).toBe(202);
    // The other half is stored but never queued, as if the process died between the commit and the enqueue.
    const store = h.runtime.store;
    await store.sql.transaction((tx) =>
      store.storeUploads(
        tx,
        files.slice(30).map((f) => {
          const bytes = new TextEncoder().encode(f.bytes);
          return {
            sha256: createHash('sha256').update(bytes).digest('hex'),
            fileName: f.name,
            contentType: 'text/plain',
            format: 'text' as const,
            bytes,
          };
        }),
        batch.id,
      ),
    );
    const atStop = await h.runtime.store.statusCounts();
    await h.stop();
    // Otherwise the restart below would prove nothing about pending work.
    expect(atStop.queued + atStop.processing).toBeGreaterThan(0);

    // Reopen the folder with a fresh runtime: the stopped process left queued documents behind.
    const reopened = await startHarness({
      mode: 'embedded',
      dataDir,
      env: { ...env, KEHOACH_SWEEP_INTERVAL_MS: '60000' },
    });
    h = reopened;
    expect(await (await reopened.request(`/v1/documents/${id}/extraction`)).json()).toEqual(before);
    expect(await (await reopened.request(`/v1/documents/${id}/text`)).text()).toBe(textBefore);

    // The start-up sweep re-queues what was pending; every document ends with exactly one stored extraction.
    const summary = await waitFor(
      async () => {
        const b = (await (await reopened.request(`/v1/batches/${batch.id}`)).json()) as { done: number; total: number };
        return b.done === b.total ? b : undefined;
      },
      60_000,
      'batch after restart',
    );
    expect(summary.total).toBe(60);
    const rows = await reopened.runtime.db.sql.query<{ n: number | string }>(
      'select count(*) as n from extractions group by document_id having count(*) <> 1',
    );
    expect(rows.rows).toHaveLength(0);
    const total = await reopened.runtime.db.sql.query<{ n: number | string }>('select count(*) as n from extractions');
    expect(Number(total.rows[0]!.n)).toBe(61);
  });
});
