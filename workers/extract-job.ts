// BullMQ sandboxed processor (KEHOACH_SANDBOX=true): runs in a child process forked by the worker. It opens its
// own database connection (from the environment the parent passes) and handles one job at a time. The default
// BullMQ worker parses on the parse pool's threads instead (src/pool).
import type { SandboxedJob } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { processBullJob } from '../src/queue/job.js';
import { Store } from '../src/store/store.js';
import { untilAvailable } from '../src/unavailable.js';

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

// The worker stopping (BullMQ passes SIGTERM on to its children): a job waiting for the database stops waiting and
// stays queued, so the child can exit.
const stopWaiting = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stopWaiting.abort());

export default async function extractJob(job: SandboxedJob): Promise<string> {
  // A database outage is waited out here and in the job (never counted against the document, src/queue/job.ts).
  const { store: s, poisonAttempts } = await untilAvailable(getStore, { signal: stopWaiting.signal });
  return processBullJob(s, job.data, { maxAttempts: poisonAttempts, signal: stopWaiting.signal });
}
