import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/contract/schema.js';
import { openDatabase } from '../../src/db/open.js';
import type { ClosableSql } from '../../src/db/pglite.js';
import { extract } from '../../src/pipeline.js';
import type { EnsureResult, JobQueue } from '../../src/queue/types.js';
import { sweep } from '../../src/service/sweeper.js';
import { type NewUpload, Store } from '../../src/store/store.js';
import { planText } from '../server/harness.js';

function upload(text: string): NewUpload {
  const bytes = new TextEncoder().encode(text);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fileName: 'x.txt',
    contentType: null,
    format: 'text',
    bytes,
  };
}

describe('Store', () => {
  let sql: ClosableSql;
  let store: Store;
  let extraction: Extraction;
  let text: string;
  beforeAll(async () => {
    sql = (await openDatabase({ dataDir: null })).sql;
    store = new Store(sql, true);
    ({ extraction, text } = await extract({ bytes: upload(planText(1)).bytes, fileName: 'x.txt' }));
  });
  afterAll(() => sql.close());

  it('finishes a batch once, when its last document is terminal, with one webhook event', async () => {
    const batch = await store.createBatch('b');
    const { jobs } = await sql.transaction((tx) =>
      store.storeUploads(tx, [upload(planText(2)), upload(planText(3))], batch.id),
    );
    expect(jobs).toHaveLength(2);
    expect(await store.saveResult(jobs[0]!, 'v', extraction, text)).toBe(true);
    expect((await store.getBatch(batch.id))?.finishedAt).toBeNull();
    expect(await store.markFailed(jobs[1]!, 'corrupt-file', 'bad')).toBe(true);
    expect((await store.getBatch(batch.id))?.finishedAt).not.toBeNull();
    // A duplicate delivery of the same job changes nothing.
    expect(await store.saveResult(jobs[0]!, 'v', extraction, text)).toBe(false);
    const events = await sql.query<{ event: string }>(
      "select event from webhook_deliveries where event = 'batch.finished'",
    );
    expect(events.rows).toHaveLength(1);
  });

  it('ignores jobs of an older generation after a reprocess', async () => {
    const { jobs } = await sql.transaction((tx) => store.storeUploads(tx, [upload(planText(4))], null));
    const old = jobs[0]!;
    const next = await store.reprocessDocument(old.documentId);
    expect(next?.generation).toBe(2);
    expect(await store.claim(old)).toBeNull();
    expect(await store.claim(next!)).not.toBeNull();
  });

  it('sweeps pending documents back into the queue and prunes old idempotency keys', async () => {
    const { jobs } = await sql.transaction((tx) => store.storeUploads(tx, [upload(planText(5))], null));
    const ensured: string[] = [];
    const queue: JobQueue = {
      kind: 'in-process',
      enqueue: async () => {},
      ensure: async (refs): Promise<EnsureResult> => {
        ensured.push(...refs.map((r) => r.documentId));
        return { requeued: refs.length, exhausted: [] };
      },
      counts: async () => ({}),
      close: async () => {},
    };
    await sql.query(
      "insert into idempotency_keys (key, fingerprint, created_at) values ('old', 'f', now() - interval '2 days'), ('new', 'f', now())",
    );
    const result = await sweep(store, queue);
    expect(ensured).toContain(jobs[0]!.documentId);
    expect(result.requeued).toBeGreaterThan(0);
    const keys = await sql.query<{ key: string }>('select key from idempotency_keys');
    expect(keys.rows.map((r) => r.key)).toEqual(['new']);
  });
});
