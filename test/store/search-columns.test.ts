// The search columns a writer derives (src/store/search-columns.ts) must be exactly what the extractions trigger
// derives in SQL from the same extraction: the stored search text is matched against queries folded by the SQL
// kehoach_fold, and flags and search words are served and filtered on.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/contract/schema.js';
import { migrate } from '../../src/db/migrate.js';
import { type ClosableSql, openPglite } from '../../src/db/pglite.js';
import { foldSearch, searchColumns } from '../../src/store/search-columns.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const extractions: { name: string; x: Extraction }[] = readdirSync(FIXTURES)
  .filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')))
  .map((d) => ({ name: d, x: JSON.parse(readFileSync(path.join(FIXTURES, d, 'expected.json'), 'utf8')) }));

interface Derived {
  search_text: string;
  search_words: string[];
  flags: string[];
  issuer_kinds: string[];
}

let sql: ClosableSql;
beforeAll(async () => {
  sql = await openPglite();
  await migrate(sql);
});
afterAll(async () => {
  await sql.close();
});

async function insert(id: string, x: Extraction, supplied: boolean): Promise<Derived> {
  await sql.query(
    `insert into documents (id, sha256, format, size, bytes, status) values ($1, $1, 'text', 0, '\\x'::bytea, 'done')`,
    [id],
  );
  const s = searchColumns(x);
  const res = await sql.query<Derived>(
    `insert into extractions (document_id, extractor_version, extraction, text, needs_review, search_text, flags)
     values ($1, 'v', $2, '', false, $3, $4::text[])
     returning search_text, search_words, flags, issuer_kinds`,
    [id, JSON.stringify(x), supplied ? s.searchText : null, supplied ? s.flags : null],
  );
  return res.rows[0]!;
}

describe('search columns derived by the writer', () => {
  it('fold like kehoach_fold, letter for letter', async () => {
    const samples = [
      'Ủy ban nhân dân tỉnh Bắc Ninh — KẾ HOẠCH số 144/KH-UBND',
      'Đảng bộ ĐỒNG THÁP; Sở Y tế (SYT) & Sở GD-ĐT',
      'ﬁ Ǆ Σ K Å ½ ٣ İstanbul Øre Œuvre ß',
      'e\u0301 combining marks a\u0323\u0302 and NFD Vie\u0302\u0323t',
      '   spaces\t\ttabs\nnew lines   ',
      '',
    ];
    for (const t of samples) {
      const { rows } = await sql.query<{ f: string }>('select kehoach_fold($1) as f', [t]);
      expect(foldSearch(t), t).toBe(rows[0]!.f);
    }
  });

  it('store exactly what the trigger derives, on every fixture', async () => {
    expect(extractions.length).toBeGreaterThan(10);
    for (const [i, { name, x }] of extractions.entries()) {
      const fromSql = await insert(`sql-${i}`, x, false);
      const fromWriter = await insert(`js-${i}`, x, true);
      expect(fromWriter.search_text, name).toBe(fromSql.search_text);
      expect([...fromWriter.search_words].sort(), name).toEqual([...fromSql.search_words].sort());
      expect(fromWriter.flags, name).toEqual(fromSql.flags);
      expect(fromWriter.issuer_kinds, name).toEqual(fromSql.issuer_kinds);
      expect(fromSql.search_text.trim().length, name).toBeGreaterThan(0);
    }
  });

  it('are derived again by the trigger when an update leaves them as they were', async () => {
    const [a, b] = extractions;
    await insert('upd', a!.x, true);
    const { rows } = await sql.query<Derived>(
      `update extractions set extraction = $2 where document_id = $1 returning search_text, search_words, flags,
       issuer_kinds`,
      ['upd', JSON.stringify(b!.x)],
    );
    expect(rows[0]!.search_text).toBe(searchColumns(b!.x).searchText);
  });
});
