// Chooses the database from configuration: DATABASE_URL → PostgreSQL, otherwise PGlite in the data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataFolder } from './folder-lock.js';
import { migrate } from './migrate.js';
import { openPg } from './pg.js';
import { type ClosableSql, openPgliteThread } from './pglite.js';

export interface DatabaseConfig {
  databaseUrl?: string | undefined;
  dbSchema?: string | undefined;
  /** Embedded mode only; null keeps the database in memory (tests). */
  dataDir: string | null;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  sql: ClosableSql;
}

export async function openDatabase(config: DatabaseConfig, opts: { migrate?: boolean } = {}): Promise<Database> {
  let db: Database;
  if (config.databaseUrl) {
    db = { kind: 'postgres', sql: await openPg(config.databaseUrl, { schema: config.dbSchema }) };
  } else {
    let dir: string | undefined;
    let release = () => {};
    if (config.dataDir !== null) {
      dir = join(config.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
      release = lockDataFolder(config.dataDir);
    }
    let sql: ClosableSql;
    try {
      sql = await openPgliteThread(dir);
    } catch (err) {
      release();
      throw err;
    }
    db = {
      kind: 'pglite',
      sql: {
        ...sql,
        async close() {
          try {
            await sql.close();
          } finally {
            release();
          }
        },
      },
    };
  }
  if (opts.migrate !== false) await migrate(db.sql);
  return db;
}
