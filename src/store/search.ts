// Search that forgives missing accents: "ma tuy", "MA TUY" and "ma túy" find the same plans (đ/Đ read as d).
// The query is folded by the database's own kehoach_fold (migration 0140), the same function that folded the
// stored search text (title, number, issuer(s), province, agencies, target text, file name), so the two cannot
// disagree; it matches whole syllables in order ("ma tuy" finds "ma túy", not "tuyên"). The GIN index on the
// syllables narrows the candidates; the phrase check on the padded text keeps only those in order. (Statuses are
// plain strings here: store.ts imports this module, so it cannot import store.ts back.)
import type { Sql } from '../db/types.js';

/**
 * SQL condition on documents `d` for the query in parameter `param`: the phrase is in the folded search text of
 * one of the document's stored results, or in its folded file name (so a queued document is found by name).
 * A query with no letter or digit matches nothing.
 */
export function searchCondition(param: string): string {
  const folded = `kehoach_fold(${param})`;
  const phrase = `'% ' || ${folded} || ' %'`;
  return `(${folded} <> '' and (d.id in (select s.document_id from extractions s
      where s.search_words @> string_to_array(${folded}, ' ') and s.search_text like ${phrase})
    or ' ' || kehoach_fold(d.file_name) || ' ' like ${phrase}))`;
}

export interface SearchFilter {
  q?: string | undefined;
  province?: string | undefined;
  year?: number | undefined;
  issuerKind?: string | undefined;
  status?: string | undefined;
  flag?: string | undefined;
  needsReview?: boolean | undefined;
  batchId?: string | undefined;
  documentIds?: readonly string[] | undefined;
  /** Newest issue date first (default) or oldest first; undated plans come last either way. */
  order: 'newest' | 'oldest';
  limit: number;
  /** Keyset: the sort key and seq of the last row of the previous page. */
  after?: { date: string; seq: number } | undefined;
}

export interface SearchHit {
  id: string;
  seq: number;
  fileName: string | null;
  status: string;
  createdAt: string;
  title: string | null;
  documentNumber: string | null;
  issuer: string | null;
  issuerKinds: string[];
  issuedDate: string | null;
  province: string | null;
  year: number | null;
  needsReview: boolean | null;
  flags: string[];
  /** The sort key (the issue date; a stand-in when undated), for the cursor. */
  sortKey: string;
}

interface HitRow {
  id: string;
  seq: number | string;
  file_name: string | null;
  status: string;
  created_at: Date | string;
  title: string | null;
  number: string | null;
  issuer: string | null;
  issuer_kinds: string[] | null;
  issued_date: string | null;
  province: string | null;
  year: number | null;
  needs_review: boolean | null;
  flags: string[] | null;
  sort_key: string;
}

export async function searchDocuments(sql: Sql, f: SearchFilter): Promise<SearchHit[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (f.q !== undefined) where.push(searchCondition(p(f.q)));
  if (f.status) where.push(`d.status = ${p(f.status)}`);
  if (f.province) where.push(`kehoach_fold(e.province) like ${`'%' || kehoach_fold(${p(f.province)}) || '%'`}`);
  if (f.year !== undefined) where.push(`e.year = ${p(f.year)}`);
  if (f.needsReview !== undefined) where.push(`e.needs_review = ${p(f.needsReview)}`);
  if (f.issuerKind) where.push(`e.issuer_kinds @> array[${p(f.issuerKind)}]::text[]`);
  if (f.flag) where.push(`e.flags @> array[${p(f.flag)}]::text[]`);
  if (f.batchId) {
    where.push(`exists (select 1 from batch_documents b where b.document_id = d.id and b.batch_id = ${p(f.batchId)})`);
  }
  if (f.documentIds) where.push(`d.id = any(${p(f.documentIds)}::text[])`);
  // Undated plans sort last in both orders: '' is below any date, '9999' above.
  const key = f.order === 'newest' ? `coalesce(e.issued_date, '')` : `coalesce(e.issued_date, '9999')`;
  const dir = f.order === 'newest' ? 'desc' : 'asc';
  if (f.after)
    where.push(`(${key}, d.seq) ${f.order === 'newest' ? '<' : '>'} (${p(f.after.date)}, ${p(f.after.seq)})`);
  const order = `${key} ${dir}, d.seq ${dir}`;
  const res = await sql.query<HitRow>(
    `select d.id, d.seq, d.file_name, d.status, d.created_at,
       e.extraction #>> '{metadata,title,value}' as title,
       e.extraction #>> '{metadata,documentNumber,value}' as number,
       e.extraction #>> '{metadata,issuer,value}' as issuer,
       e.issuer_kinds, e.issued_date, e.province, e.year, e.needs_review, e.flags, ${key} as sort_key
     from documents d
     left join lateral (select x.extraction, x.issuer_kinds, x.issued_date, x.province, x.year, x.needs_review,
       x.flags from extractions x where x.document_id = d.id order by x.updated_at desc limit 1) e on true
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by ${order} limit ${p(f.limit)}`,
    params,
  );
  return res.rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    fileName: r.file_name,
    status: r.status,
    createdAt: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
    title: r.title,
    documentNumber: r.number,
    issuer: r.issuer,
    issuerKinds: r.issuer_kinds ?? [],
    issuedDate: r.issued_date,
    province: r.province,
    year: r.year,
    needsReview: r.needs_review,
    flags: r.flags ?? [],
    sortKey: r.sort_key,
  }));
}
