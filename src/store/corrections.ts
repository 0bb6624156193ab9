// Stored corrections: append-only rows of review_corrections (a trigger refuses updates and deletes).
import type { Sql } from '../db/types.js';
import type { Change } from '../review/apply.js';
import type { CorrectionKind, CorrectionRecord, NewCorrection } from '../review/records.js';

export interface CorrectionRow {
  id: string | number | bigint;
  document_id: string;
  seq: number;
  key_id: string;
  reviewer: string | null;
  kind: CorrectionKind;
  ops: unknown;
  changes: unknown;
  comment: string | null;
  reverts: string | number | bigint | null;
  extractor_version: string;
  created_at: Date | string;
}

// Rows from before the reviewer column (0150) show the key's current name.
export const CORRECTION_COLUMNS = `id, document_id, seq, key_id,
  coalesce(reviewer, (select k.name from api_keys k where k.id = key_id)) as reviewer,
  kind, ops, changes, comment, reverts, extractor_version, created_at`;

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function toCorrection(r: CorrectionRow): CorrectionRecord {
  return {
    id: String(r.id),
    documentId: r.document_id,
    seq: Number(r.seq),
    keyId: r.key_id,
    reviewer: r.reviewer ?? null,
    kind: r.kind,
    ops: json<unknown[]>(r.ops),
    changes: json<Change[]>(r.changes),
    comment: r.comment,
    reverts: r.reverts === null ? null : String(r.reverts),
    extractorVersion: r.extractor_version,
    createdAt: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
  };
}

/** A document's corrections as one JSON array, oldest first (a sub-select, so they come with another row). */
export function correctionsJson(documentIdExpr: string): string {
  return `coalesce((select jsonb_agg(jsonb_build_object('id', c.id::text, 'document_id', c.document_id, 'seq', c.seq,
    'key_id', c.key_id, 'reviewer', coalesce(c.reviewer, (select k.name from api_keys k where k.id = c.key_id)),
    'kind', c.kind, 'ops', c.ops, 'changes', c.changes, 'comment', c.comment,
    'reverts', c.reverts::text, 'extractor_version', c.extractor_version, 'created_at', c.created_at) order by c.seq)
    from review_corrections c where c.document_id = ${documentIdExpr}), '[]'::jsonb)`;
}

export function correctionsFromJson(v: unknown): CorrectionRecord[] {
  return json<CorrectionRow[]>(v).map(toCorrection);
}

/** Inserts at `seq`; a concurrent writer that took the same seq makes this throw a unique violation (23505). */
export async function insertCorrection(sql: Sql, c: NewCorrection): Promise<CorrectionRecord> {
  const { rows } = await sql.query<CorrectionRow>(
    `insert into review_corrections (document_id, seq, key_id, reviewer, kind, ops, changes, comment, reverts,
       extractor_version)
     values ($1, $2, $3, (select k.name from api_keys k where k.id = $3), $4, $5::jsonb, $6::jsonb, $7, $8, $9)
     returning ${CORRECTION_COLUMNS}`,
    [
      c.documentId,
      c.seq,
      c.keyId,
      c.kind,
      JSON.stringify(c.ops),
      JSON.stringify(c.changes),
      c.comment,
      c.reverts,
      c.extractorVersion,
    ],
  );
  if (!rows[0]) throw new Error('correction insert returned no row');
  return toCorrection(rows[0]);
}
