// Stored corrections (append-only rows of review_corrections).
import type { Sql } from '../db/types.js';
import type { Change } from './apply.js';

export type CorrectionKind = 'patch' | 'accept' | 'revert';

export interface CorrectionRecord {
  id: string;
  documentId: string;
  seq: number;
  keyId: string;
  /** The name (label) of the key that made the correction, as it was then. */
  reviewer: string | null;
  kind: CorrectionKind;
  /** What the reviewer sent (JSON Patch, accepted pointers, or the inverse patch of a revert). */
  ops: unknown[];
  changes: Change[];
  comment: string | null;
  reverts: string | null;
  extractorVersion: string;
  createdAt: string;
}

interface Row {
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

// Rows from before the reviewer column show the key's current name.
const COLUMNS = `id, document_id, seq, key_id,
  coalesce(reviewer, (select k.name from api_keys k where k.id = key_id)) as reviewer,
  kind, ops, changes, comment, reverts, extractor_version, created_at`;

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function toRecord(r: Row): CorrectionRecord {
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

export async function loadCorrections(sql: Sql, documentId: string): Promise<CorrectionRecord[]> {
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM review_corrections WHERE document_id = $1 ORDER BY seq`,
    [documentId],
  );
  return rows.map(toRecord);
}

export async function loadCorrectionsFor(sql: Sql, documentIds: string[]): Promise<Map<string, CorrectionRecord[]>> {
  const out = new Map<string, CorrectionRecord[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return out;
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM review_corrections WHERE document_id = ANY($1::text[]) ORDER BY document_id, seq`,
    [documentIds],
  );
  for (const r of rows) out.get(r.document_id)?.push(toRecord(r));
  return out;
}

/** A correction before it is stored: the database assigns its id and time. */
export type NewCorrection = Omit<CorrectionRecord, 'id' | 'createdAt' | 'reviewer'>;

/** Inserts at `seq`; a concurrent writer that took the same seq makes this throw a unique violation (23505). */
export async function insertCorrection(sql: Sql, c: NewCorrection): Promise<CorrectionRecord> {
  const { rows } = await sql.query<Row>(
    `INSERT INTO review_corrections (document_id, seq, key_id, reviewer, kind, ops, changes, comment, reverts,
       extractor_version)
     VALUES ($1, $2, $3, (SELECT k.name FROM api_keys k WHERE k.id = $3), $4, $5::jsonb, $6::jsonb, $7, $8, $9)
     RETURNING ${COLUMNS}`,
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
  return toRecord(rows[0]);
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code?: unknown }).code === '23505';
}
