// Sql over PGlite: the embedded default (one process owns the data folder).
import type { Worker } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { spawnModuleWorker } from '../pool/spawn.js';
import { byteaCodecs } from './pglite-codecs.js';
import type { FromDbThread, SerialisedDbError, ToDbThread } from './pglite-messages.js';
import type { QueryResult, Sql } from './types.js';

export interface ClosableSql extends Sql {
  close(): Promise<void>;
}

function wrapTx(tx: Transaction): Sql {
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const res = await tx.query<T>(text, params ? [...params] : undefined);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    transaction() {
      return Promise.reject(new Error('nested transactions are not supported'));
    },
    async exec(script: string) {
      await tx.exec(script);
    },
  };
}

/** Opens (creating if needed) a PGlite database in dataDir; undefined keeps it in memory. */
export async function openPglite(dataDir?: string): Promise<ClosableSql> {
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), ...byteaCodecs });
  await db.waitReady;
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const res = await db.query<T>(text, params ? [...params] : undefined);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrapTx(tx)));
    },
    async exec(script: string) {
      await db.exec(script);
    },
    async close() {
      await db.close();
    },
  };
}

function revive(e: SerialisedDbError): Error {
  const err = new Error(e.message) as Error & Record<string, unknown>;
  if (e.name) err.name = e.name;
  for (const [k, v] of Object.entries(e)) if (k !== 'message' && k !== 'name') err[k] = v;
  return err;
}

type Request = ToDbThread extends infer T ? (T extends ToDbThread ? Omit<T, 'id'> : never) : never;

/**
 * The same database on its own thread (pglite-thread.ts), so the API thread only posts statements and reads
 * answers. Transactions stay on one connection: begin, the callback's statements tagged with the transaction,
 * then commit or rollback; PGlite holds other statements back until it ends, as it does in process.
 */
export async function openPgliteThread(dataDir?: string): Promise<ClosableSql> {
  const worker: Worker = spawnModuleWorker(new URL('./pglite-thread.js', import.meta.url), {
    workerData: { dataDir },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let dead: Error | null = null;
  // Referenced only while a statement is in flight: an idle database does not keep the process alive.
  worker.unref();
  const settle = (fail: Error) => {
    dead = fail;
    for (const p of pending.values()) p.reject(fail);
    pending.clear();
  };
  worker.on('message', (m: FromDbThread) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(revive(m.error));
  });
  worker.on('error', (err) => settle(err));
  worker.on('exit', (code) => settle(new Error(`the database thread exited (code ${code})`)));
  const call = <T>(req: Request): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  };
  const sqlOn = (tx?: number): Sql => ({
    query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      return call<QueryResult<T>>({
        op: 'query',
        text,
        ...(params ? { params: [...params] } : {}),
        ...(tx ? { tx } : {}),
      });
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (tx) throw new Error('nested transactions are not supported');
      const id = nextTx++;
      await call({ op: 'begin', tx: id });
      let result: T;
      try {
        result = await fn(sqlOn(id));
      } catch (err) {
        await call({ op: 'rollback', tx: id }).catch(() => {});
        throw err;
      }
      await call({ op: 'commit', tx: id });
      return result;
    },
    async exec(script: string) {
      await call({ op: 'exec', text: script, ...(tx ? { tx } : {}) });
    },
  });
  try {
    await call({ op: 'ready' });
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  return {
    ...sqlOn(),
    async close() {
      if (!dead) await call({ op: 'close' }).catch(() => {});
      await worker.terminate();
    },
  };
}
