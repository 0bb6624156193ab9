// BullMQ sandboxed processor: runs in a child process forked by the worker. It opens its own database
// connection (from the environment the parent passes) and handles one job at a time.
import type { SandboxedJob } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { processBullJob } from '../src/queue/job.js';
import { Store } from '../src/store/store.js';

let store: Promise<Store> | undefined;

// Never cache a failed connection: a child started during a database outage kept the rejected promise and
// failed every job it got after the database was back. On failure the next job tries to connect again.
function getStore(): Promise<Store> {
  store ??= (async () => {
    const config = loadConfig(process.env);
    const db = await openDatabase(config, { migrate: false });
    return new Store(db.sql, Boolean(config.webhookUrl));
  })().catch((err: unknown) => {
    store = undefined;
    throw err;
  });
  return store;
}

export default async function extractJob(job: SandboxedJob): Promise<string> {
  return processBullJob(await getStore(), job.data);
}
