// BullMQ sandboxed processor (KEHOACH_SANDBOX=true): runs in a child process forked by the worker. It opens its
// own database connection (from the environment the parent passes) and handles one job at a time. The default
// BullMQ worker parses on the parse pool's threads instead (src/pool).
import type { SandboxedJob } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { processBullJob } from '../src/queue/job.js';
import { Store } from '../src/store/store.js';

let store: Promise<{ store: Store; poisonAttempts: number }> | undefined;

/** A failed connection is forgotten, never cached: the next job (after a database outage) connects again. */
function getStore(): Promise<{ store: Store; poisonAttempts: number }> {
  store ??= (async () => {
    const config = loadConfig(process.env);
    const db = await openDatabase(config, { migrate: false });
    return { store: new Store(db.sql, Boolean(config.webhookUrl)), poisonAttempts: config.poisonAttempts };
  })().catch((err: unknown) => {
    store = undefined;
    throw err;
  });
  return store;
}

export default async function extractJob(job: SandboxedJob): Promise<string> {
  const { store: s, poisonAttempts } = await getStore();
  return processBullJob(s, job.data, { maxAttempts: poisonAttempts });
}
