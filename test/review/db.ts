// Test databases for the review workflow: PGlite in memory always, and the real PostgreSQL on loopback
// (a throwaway schema) when it is reachable.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { QueryResult, Sql } from '../../src/db/types.js';

// The review tables and what later migrations add to them (the reviewer's name on a correction).
const MIGRATION = ['0100_review.sql', '0150_reviewer_names.sql']
  .map((f) => readFileSync(new URL(`../../src/db/migrations/${f}`, import.meta.url), 'utf8'))
  .join('\n');

export interface TestDb {
  name: string;
  sql: Sql;
  close(): Promise<void>;
}

function pgliteSql(db: Pick<PGlite, 'query'> & { transaction?: PGlite['transaction'] }): Sql {
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await db.query<T>(text, params ? [...params] : undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (!db.transaction) return fn(this);
      return db.transaction((tx) => fn(pgliteSql(tx)));
    },
  };
}

export async function pgliteDb(): Promise<TestDb> {
  const db = new PGlite();
  await db.exec(MIGRATION);
  return { name: 'pglite', sql: pgliteSql(db), close: () => db.close() };
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
  await pool.query(MIGRATION);
  return {
    name: 'postgres',
    sql: pgSql(pool, pool),
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
