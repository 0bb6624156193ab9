import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import { openPg } from '../../src/db/pg.js';
import { openPglite } from '../../src/db/pglite.js';
import { DATABASE_URL, skipUnless } from '../helpers/services.js';
import { dropSchema, uniqueName } from '../server/harness.js';

describe('migrations', () => {
  it('are numbered SQL files applied in order', () => {
    const ids = loadMigrations().map((m) => m.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(id).toMatch(/^\d{4}_[a-z0-9_]+$/);
  });

  it('apply once on PGlite and record themselves', async () => {
    const sql = await openPglite();
    try {
      const first = await migrate(sql);
      expect(first).toEqual(loadMigrations().map((m) => m.id));
      expect(await migrate(sql)).toEqual([]);
      const rows = await sql.query('select id from schema_migrations');
      expect(rows.rows).toHaveLength(first.length);
    } finally {
      await sql.close();
    }
  });

  it('roll back entirely when one fails', async () => {
    const sql = await openPglite();
    try {
      await expect(
        migrate(sql, [
          { id: '0001_ok', sql: 'create table a (x int)' },
          { id: '0002_bad', sql: 'create table broken (' },
        ]),
      ).rejects.toThrow();
      const tables = await sql.query("select 1 from information_schema.tables where table_name = 'a'");
      expect(tables.rows).toHaveLength(0);
    } finally {
      await sql.close();
    }
  });
});

const skip = await skipUnless('migrations on PostgreSQL', ['postgres']);
describe.skipIf(skip !== null)('migrations on PostgreSQL', () => {
  const schema = uniqueName('kh_migrate');
  afterAll(() => dropSchema(schema));

  it('serialise concurrent starters under the advisory lock', async () => {
    const pools = await Promise.all([0, 1, 2].map(() => openPg(DATABASE_URL, { schema })));
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      const applied = results.filter((r) => r.length > 0);
      expect(applied).toHaveLength(1);
      const rows = await pools[0]!.query<{ id: string }>('select id from schema_migrations');
      expect(rows.rows.map((r) => r.id)).toEqual(loadMigrations().map((m) => m.id));
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});
