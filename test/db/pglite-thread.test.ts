// The embedded database on its own thread behaves like PGlite in process: bytes round-trip exactly, errors keep
// their SQLSTATE, transactions commit or roll back as a whole, and other statements wait for an open one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClosableSql, openPgliteThread } from '../../src/db/pglite.js';
import { byteaCodecs } from '../../src/db/pglite-codecs.js';

let sql: ClosableSql;

beforeAll(async () => {
  sql = await openPgliteThread();
  await sql.exec?.('create table t (id int primary key, b bytea, x jsonb)');
}, 120_000);

afterAll(async () => {
  await sql?.close();
});

describe('PGlite on its own thread', () => {
  it('round-trips bytea exactly, every byte value and sizes around the Buffer pool', async () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const big = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
    const empty = new Uint8Array(0);
    const values = [all, big, empty, Uint8Array.from([0, 92, 120])];
    for (const [i, v] of values.entries()) await sql.query('insert into t (id, b) values ($1, $2)', [i, v]);
    const rows = (await sql.query<{ id: number; b: Uint8Array }>('select id, b from t order by id')).rows;
    for (const [i, v] of values.entries()) expect(Buffer.from(rows[i]!.b).equals(Buffer.from(v))).toBe(true);
    // The same bytes as the database's own text form (the hex the codec sends is what Postgres stores).
    const hex = await sql.query<{ h: string }>("select encode(b, 'hex') as h from t where id = 3");
    expect(hex.rows[0]!.h).toBe('005c78');
  });

  it('keeps the SQLSTATE of a failed statement', async () => {
    await expect(sql.query('insert into t (id) values (0)')).rejects.toMatchObject({
      code: '23505',
      constraint: 't_pkey',
    });
  });

  it('commits a transaction as a whole and rolls back a failed one as a whole', async () => {
    await sql.transaction(async (tx) => {
      await tx.query('insert into t (id, x) values (10, $1)', [JSON.stringify({ a: 1 })]);
      await tx.query('insert into t (id) values (11)');
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('insert into t (id) values (12)');
        await tx.query('insert into t (id) values (10)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const ids = (await sql.query<{ id: number }>('select id from t where id >= 10 order by id')).rows;
    expect(ids.map((r) => r.id)).toEqual([10, 11]);
    const x = await sql.query<{ x: { a: number } }>('select x from t where id = 10');
    expect(x.rows[0]!.x).toEqual({ a: 1 });
    await expect(sql.transaction((tx) => tx.transaction(async () => 1))).rejects.toThrow(/nested/);
  });

  it('holds other statements back while a transaction is open', async () => {
    const order: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tx = sql.transaction(async (t) => {
      await t.query('insert into t (id) values (20)');
      order.push('tx wrote');
      await gate;
      order.push('tx ends');
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = sql.query<{ n: string }>('select count(*)::text as n from t where id = 20').then((r) => {
      order.push(`outside saw ${r.rows[0]!.n}`);
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([tx, outside]);
    expect(order).toEqual(['tx wrote', 'tx ends', 'outside saw 1']);
  });
});

describe('bytea codecs', () => {
  it('write the hex text form PGlite sends and read it back', () => {
    const bytes = Uint8Array.from([0, 1, 254, 255]);
    expect(byteaCodecs.serializers[17](bytes)).toBe('\\x0001feff');
    expect([...byteaCodecs.parsers[17]('\\x0001feff')]).toEqual([0, 1, 254, 255]);
    expect(() => byteaCodecs.serializers[17]('nope')).toThrow(/bytea/);
  });
});
