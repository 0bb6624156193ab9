// Shared steps of the 200-document resilience tests.
import { expect } from 'vitest';
import type { Sql } from '../../src/db/types.js';
import { form, type Harness, planText, waitFor } from '../server/harness.js';

export const BATCH_SIZE = 200;

/** Creates a batch and uploads BATCH_SIZE unique small plans into it, 50 per request. */
export async function uploadBatch(api: Harness, tag: string): Promise<string> {
  const created = await api.request('/v1/batches', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: tag }),
  });
  const batchId = ((await created.json()) as { id: string }).id;
  for (let start = 0; start < BATCH_SIZE; start += 50) {
    const files = Array.from({ length: 50 }, (_, k) => ({
      name: `${tag}-${start + k}.txt`,
      bytes: planText(start + k, `${tag} ${start + k}`),
    }));
    const res = await api.request(`/v1/batches/${batchId}/documents`, { method: 'POST', body: form(files) });
    expect(res.status).toBe(202);
  }
  return batchId;
}

export async function doneCount(sql: Sql): Promise<number> {
  const res = await sql.query<{ n: number | string }>("select count(*) as n from documents where status = 'done'");
  return Number(res.rows[0]!.n);
}

/** Waits until some but not all documents are done (the moment to break something). */
export async function waitMidBatch(sql: Sql, atLeast = 10): Promise<number> {
  return waitFor(
    async () => {
      const n = await doneCount(sql);
      return n >= atLeast ? n : undefined;
    },
    60_000,
    'first documents done',
  );
}

/** Every document of the batch finished, each with exactly one stored extraction. */
export async function expectAllExtractedOnce(api: Harness, sql: Sql, batchId: string): Promise<void> {
  const summary = await waitFor(
    async () => {
      const b = (await (await api.request(`/v1/batches/${batchId}`)).json()) as {
        total: number;
        done: number;
        counts: Record<string, number>;
      };
      return b.done === b.total ? b : undefined;
    },
    120_000,
    'whole batch',
  );
  expect(summary.total).toBe(BATCH_SIZE);
  expect(summary.counts['done']).toBe(BATCH_SIZE);
  const perDoc = await sql.query<{ document_id: string; n: number | string }>(
    `select bd.document_id, count(e.document_id) as n from batch_documents bd
     left join extractions e on e.document_id = bd.document_id where bd.batch_id = $1 group by bd.document_id`,
    [batchId],
  );
  expect(perDoc.rows).toHaveLength(BATCH_SIZE);
  expect(perDoc.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
}
