// The sandboxed processor (workers/extract-job) must work both from the TypeScript sources (tsx/vitest) and
// from a compiled build (node on plain .js). An unreadable document fails its job once, without retries.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import type { ClosableSql } from '../../src/db/pglite.js';
import type * as BullModule from '../../src/queue/bullmq.js';
import { jobIdOf, QUEUE_NAME } from '../../src/queue/types.js';
import { Store } from '../../src/store/store.js';
import { DATABASE_URL, skipUnless } from '../helpers/services.js';
import { deleteKeys, dropSchema, planText, redisUrl, uniqueName, waitFor } from '../server/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDIS = redisUrl(6);
const skip = await skipUnless('sandboxed processor (tsx and compiled)', ['redis', 'postgres']);

describe.skipIf(skip !== null)('sandboxed processor', () => {
  const schema = uniqueName('kh_sandbox');
  const buildDir = join(ROOT, `.build-test-${randomUUID().slice(0, 8)}`);
  let sql: ClosableSql;
  let store: Store;
  const prefixes: string[] = [];

  beforeAll(async () => {
    const db = await openDatabase({ databaseUrl: DATABASE_URL, dbSchema: schema, dataDir: null });
    sql = db.sql;
    store = new Store(sql);
  });
  afterAll(async () => {
    await sql?.close();
    await dropSchema(schema);
    for (const p of prefixes) await deleteKeys(REDIS, p);
    rmSync(buildDir, { recursive: true, force: true });
  });

  async function insertDocument(body: string, format: 'text' | 'pdf'): Promise<string> {
    const bytes = new TextEncoder().encode(body);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { documents } = await sql.transaction((tx) =>
      store.storeUploads(tx, [{ sha256, fileName: `x.${format}`, contentType: null, format, bytes }], null),
    );
    return documents[0]!.id;
  }

  async function runWith(bull: typeof BullModule, label: string): Promise<void> {
    const prefix = uniqueName(`khq_sb_${label}`);
    prefixes.push(prefix);
    const good = await insertDocument(planText(1, `sandbox ${label}`), 'text');
    const bad = await insertDocument(`%PDF-1.7\nnot a pdf at all ${label}\n`, 'pdf');
    const connection = bull.redisConnection(REDIS);
    const queue = new Queue(QUEUE_NAME, { connection, prefix });
    const producer = new bull.BullJobQueue({ connection, prefix, attempts: 3, backoffMs: 10 });
    const failedForGood: string[] = [];
    const runner = new bull.BullRunner({
      connection: bull.redisConnection(REDIS),
      prefix,
      concurrency: 1,
      lockMs: 10_000,
      stalledIntervalMs: 5000,
      sandbox: { env: { DATABASE_URL, KEHOACH_DB_SCHEMA: schema } },
      onFailedForGood: async (ref) => {
        failedForGood.push(ref.documentId);
      },
    });
    try {
      await producer.enqueue([
        { documentId: good, generation: 1 },
        { documentId: bad, generation: 1 },
      ]);
      await waitFor(
        async () => {
          const [g, b] = await Promise.all([store.getDocument(good), store.getDocument(bad)]);
          return g?.status === 'done' && b?.status === 'failed' ? true : undefined;
        },
        60_000,
        `${label} jobs`,
      );
      expect((await store.getExtraction(good))?.extraction.document.format).toBe('text');
      const failed = await queue.getJob(jobIdOf({ documentId: bad, generation: 1 }));
      await waitFor(async () => ((await failed?.getState()) === 'failed' ? true : undefined), 10_000, 'failed state');
      const job = await queue.getJob(jobIdOf({ documentId: bad, generation: 1 }));
      // Unrecoverable: one attempt of the three allowed.
      expect(job?.attemptsMade).toBe(1);
      expect(job?.failedReason).toMatch(/:/);
      expect((await store.getDocument(bad))?.failure?.reason).not.toBe('extraction-error');
    } finally {
      await runner.stop();
      await queue.close();
      await producer.close();
      connection.disconnect();
    }
  }

  it('runs from the TypeScript sources', async () => {
    const bull = await import('../../src/queue/bullmq.js');
    expect(bull.sandboxProcessor().file).toMatch(/workers\/extract-job\.ts$/);
    await runWith(bull, 'ts');
  });

  it('runs from a compiled build', async () => {
    mkdirSync(buildDir, { recursive: true });
    writeFileSync(
      join(buildDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: { outDir: '.', rootDir: '..', declaration: false, sourceMap: false, noEmitOnError: false },
        include: ['../workers/extract-job.ts', '../src/queue/bullmq.ts'],
      }),
    );
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', buildDir], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; the run below is the real check.
    }
    const bull = (await import(join(buildDir, 'src/queue/bullmq.js'))) as typeof BullModule;
    expect(bull.sandboxProcessor()).toEqual({ file: join(buildDir, 'workers/extract-job.js'), execArgv: [] });
    await runWith(bull, 'js');
  }, 120_000);
});
