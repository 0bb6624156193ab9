// Chooses the database from configuration: DATABASE_URL → PostgreSQL, otherwise PGlite in the data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { openPg } from './pg.js';
import { type ClosableSql, openPglite } from './pglite.js';

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
    if (config.dataDir !== null) {
      dir = join(config.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
    }
    db = { kind: 'pglite', sql: await openPglite(dir) };
  }
  if (opts.migrate !== false) await migrate(db.sql);
  return db;
}
