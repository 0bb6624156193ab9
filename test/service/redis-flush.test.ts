// Flushing Redis mid-batch loses nothing: the database is the source of truth and the sweeper re-queues
// every accepted document that has no result and no live job.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../helpers/services.js';
import { type Harness, redisUrl, startHarness, uniqueName } from '../server/harness.js';
import { BATCH_SIZE, doneCount, expectAllExtractedOnce, uploadBatch, waitMidBatch } from './batch-helpers.js';

// A logical database of its own: FLUSHDB here cannot touch anyone else's keys.
const FLUSH_DB = 7;
const skip = await skipUnless('Redis flush mid-batch', ['redis', 'postgres']);

describe.skipIf(skip !== null)('Redis flush mid-batch', () => {
  const schema = uniqueName('kh_flush');
  const prefix = uniqueName('khq_flush');
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const h of harnesses.reverse()) await h.close();
  });

  it(`every one of ${BATCH_SIZE} documents ends with exactly one extraction`, async () => {
    const common = { mode: 'postgres-bullmq' as const, schema, prefix, redisDb: FLUSH_DB };
    const api = await startHarness({ ...common, role: 'api' });
    harnesses.push(api);
    const batchId = await uploadBatch(api, 'flush');
    const sql = api.runtime.db.sql;
    expect(await doneCount(sql)).toBe(0);

    const worker = await startHarness({ ...common, role: 'worker' });
    harnesses.push(worker);
    const doneAtFlush = await waitMidBatch(sql);
    const redis = new Redis(redisUrl(FLUSH_DB), { maxRetriesPerRequest: 1 });
    await redis.flushdb();
    // Done only grows: fewer than all done now means queued jobs were lost in the flush.
    expect(await doneCount(sql)).toBeLessThan(BATCH_SIZE);
    expect(doneAtFlush).toBeGreaterThan(0);
    redis.disconnect();

    await expectAllExtractedOnce(api, sql, batchId);
  });
});
