// Test databases for the review workflow: PGlite in memory always, and the real PostgreSQL on loopback
// (a throwaway schema) when it is reachable. Both carry every migration (the review tables refer to the
// service's documents), and both can count the queries issued against them.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import type { QueryResult, Sql } from '../../src/db/types.js';

export interface TestDb {
  name: string;
  sql: Sql;
  /** Queries issued through `sql` (transactions included) since the last reset. */
  queries: string[];
  close(): Promise<void>;
}

/** Wraps an Sql so every statement sent through it (or through its transactions) is recorded in `log`. */
export function counting(sql: Sql, log: string[]): Sql {
  return {
    query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      log.push(text);
      return sql.query<T>(text, params);
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      return sql.transaction((tx) => fn(counting(tx, log)));
    },
    ...(sql.exec
      ? {
          exec: (script: string) => {
            log.push(script);
            return sql.exec!(script);
          },
        }
      : {}),
  };
}

export async function pgliteDb(): Promise<TestDb> {
  const db = await openPglite();
  await migrate(db);
  const queries: string[] = [];
  return { name: 'pglite', sql: counting(db, queries), queries, close: () => db.close() };
}

function pgSql(q: pg.Pool | pg.PoolClient, pool: pg.Pool): Sql {
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query(text, params ? [...params] : undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(pgSql(client, pool));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(script: string) {
      await q.query(script);
    },
  };
}

/** A fresh schema in the loopback PostgreSQL, or null when the server is not there. */
export async function postgresDb(): Promise<TestDb | null> {
  const schema = `h8_review_${randomBytes(6).toString('hex')}`;
  const base = { host: '127.0.0.1', port: 5432, user: process.env.PGUSER ?? 'postgres', database: 'test' };
  const admin = new pg.Client({ ...base, connectionTimeoutMillis: 1500 });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch {
    await admin.end().catch(() => {});
    return null;
  }
  const pool = new pg.Pool({ ...base, max: 4, options: `-c search_path=${schema}` });
  const sql = pgSql(pool, pool);
  await migrate(sql);
  const queries: string[] = [];
  return {
    name: 'postgres',
    sql: counting(sql, queries),
    queries,
    async close() {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** The databases every suite runs against. */
export async function testDbs(): Promise<TestDb[]> {
  const out = [await pgliteDb()];
  const real = await postgresDb();
  if (real) out.push(real);
  else console.log('SKIPPED SUITE: postgres variant (127.0.0.1:5432 not reachable)');
  return out;
}
