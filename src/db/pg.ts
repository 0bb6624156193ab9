// Sql over node-postgres (DATABASE_URL). An optional schema isolates one deployment (or one test run) per database.
import pg from 'pg';
import type { ClosableSql } from './pglite.js';
import type { QueryResult, Sql } from './types.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// bytea comes back as Buffer, timestamps as Date, bigint (int8) as string; keep int8 as string (ids/seq exceed 2^53 only in theory).
function wrapClient(client: pg.PoolClient): Sql {
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const res = await client.query(text, params ? [...params] : undefined);
      return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length };
    },
    transaction() {
      return Promise.reject(new Error('nested transactions are not supported'));
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
}

export async function openPg(
  url: string,
  opts: { schema?: string | undefined; max?: number } = {},
): Promise<ClosableSql> {
  const { schema } = opts;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } catch (err) {
      // Two processes creating the schema at once: "if not exists" still races on the catalogue's unique index.
      if ((err as { code?: string }).code !== '23505') throw err;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // A database that does not answer must not hold requests: they fail (503) and clients retry.
    connectionTimeoutMillis: 3000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const res = await pool.query(text, params ? [...params] : undefined);
      return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length };
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A connection lost while checked out emits 'error' on the client; unhandled, it killed the process
      // (found by bench/outage.ts cutting PostgreSQL mid-batch). The failing query rejects anyway; the broken
      // client is destroyed instead of going back to the pool.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn(wrapClient(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        broken ??= isConnectionError(err) ? (err as Error) : undefined;
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken ?? false);
      }
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('08') || code.startsWith('57P') || code.startsWith('E'));
}
