// Sql over PGlite: the embedded default (one process owns the data folder).
import { PGlite, type Transaction } from '@electric-sql/pglite';
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
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
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
