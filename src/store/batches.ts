// Batches as an archivist follows them: the list, what each holds (documents by status, pages read, pages read
// by OCR, fields to review), cancelling the queued work, re-queueing, and the documents of a batch in order for
// the downloads. The per-extraction numbers come from columns a trigger fills when a result is stored
// (migration 0140), so none of this parses a stored extraction.
import type { Sql } from '../db/types.js';
import type { JobRef } from '../queue/types.js';
import { type BatchSummary, type DocumentStatus, zeroCounts } from './store.js';

export type BatchState = 'missing' | 'open' | 'cancelled';

export async function batchState(sql: Sql, id: string): Promise<BatchState> {
  const res = await sql.query<{ cancelled_at: Date | string | null }>(
    'select cancelled_at from batches where id = $1',
    [id],
  );
  const row = res.rows[0];
  return !row ? 'missing' : row.cancelled_at ? 'cancelled' : 'open';
}

export interface BatchStats {
  counts: Record<DocumentStatus, number>;
  total: number;
  /** Documents in a terminal state (done, failed or cancelled). */
  done: number;
  /** Pages of the documents read so far, and how many of them were read by OCR. */
  pages: { total: number; ocr: number };
  /** Fields the machine marked for review (medium/low), and the documents that have any. */
  review: { fields: number; documents: number };
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/** Counts for several batches in two queries (the list page and the single view share it). */
export async function batchStats(sql: Sql, ids: readonly string[]): Promise<Map<string, BatchStats>> {
  const out = new Map<string, BatchStats>(
    ids.map((id) => [
      id,
      { counts: zeroCounts(), total: 0, done: 0, pages: { total: 0, ocr: 0 }, review: { fields: 0, documents: 0 } },
    ]),
  );
  if (ids.length === 0) return out;
  const counts = await sql.query<{ batch_id: string; status: DocumentStatus; n: number | string }>(
    `select bd.batch_id, d.status, count(*) as n from batch_documents bd join documents d on d.id = bd.document_id
     where bd.batch_id = any($1::text[]) group by bd.batch_id, d.status`,
    [ids],
  );
  for (const r of counts.rows) {
    const s = out.get(r.batch_id);
    if (!s) continue;
    s.counts[r.status] = Number(r.n);
    s.total += Number(r.n);
    if (r.status === 'done' || r.status === 'failed' || r.status === 'cancelled') s.done += Number(r.n);
  }
  const reads = await sql.query<{
    batch_id: string;
    pages: number | string | null;
    ocr: number | string | null;
    fields: number | string | null;
    docs: number | string | null;
  }>(
    `select bd.batch_id, sum(e.pages) as pages, sum(e.ocr_pages) as ocr, sum(e.review_fields) as fields,
       count(*) filter (where e.review_fields > 0) as docs
     from batch_documents bd join documents d on d.id = bd.document_id
     join lateral (select x.pages, x.ocr_pages, x.review_fields from extractions x where x.document_id = d.id
       order by x.updated_at desc limit 1) e on true
     where bd.batch_id = any($1::text[]) and d.status = 'done' group by bd.batch_id`,
    [ids],
  );
  for (const r of reads.rows) {
    const s = out.get(r.batch_id);
    if (!s) continue;
    s.pages = { total: Number(r.pages ?? 0), ocr: Number(r.ocr ?? 0) };
    s.review = { fields: Number(r.fields ?? 0), documents: Number(r.docs ?? 0) };
  }
  return out;
}

export interface BatchRow {
  id: string;
  seq: number;
  name: string | null;
  createdAt: string;
  finishedAt: string | null;
  cancelledAt: string | null;
}

interface Row {
  id: string;
  seq: number | string;
  name: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
  cancelled_at: Date | string | null;
}

const toRow = (r: Row): BatchRow => ({
  id: r.id,
  seq: Number(r.seq),
  name: r.name,
  createdAt: iso(r.created_at),
  finishedAt: r.finished_at === null ? null : iso(r.finished_at),
  cancelledAt: r.cancelled_at === null ? null : iso(r.cancelled_at),
});

export async function getBatchRow(sql: Sql, id: string): Promise<BatchRow | null> {
  const res = await sql.query<Row>(
    'select id, seq, name, created_at, finished_at, cancelled_at from batches where id = $1',
    [id],
  );
  return res.rows[0] ? toRow(res.rows[0]) : null;
}

export interface BatchListFilter {
  limit: number;
  /** Exclusive upper bound on seq (newest first). */
  beforeSeq?: number | undefined;
  /** Case-insensitive substring of the name. */
  name?: string | undefined;
  state?: 'running' | 'finished' | 'cancelled' | undefined;
}

export async function listBatches(sql: Sql, f: BatchListFilter): Promise<BatchRow[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (f.beforeSeq !== undefined) where.push(`seq < ${p(f.beforeSeq)}`);
  if (f.name) where.push(`name ilike ${p(`%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (f.state === 'running') where.push('finished_at is null and cancelled_at is null');
  if (f.state === 'finished') where.push('finished_at is not null');
  if (f.state === 'cancelled') where.push('cancelled_at is not null');
  const res = await sql.query<Row>(
    `select id, seq, name, created_at, finished_at, cancelled_at from batches
     ${where.length ? `where ${where.join(' and ')}` : ''} order by seq desc limit ${p(f.limit)}`,
    params,
  );
  return res.rows.map(toRow);
}

export interface CancelOutcome {
  /** Queued documents that will not be read. */
  cancelled: string[];
  /** Queued documents left queued because another batch that is not cancelled also holds them. */
  kept: string[];
  /** Documents being read right now; they finish (cancel stops queued work only). */
  processing: number;
}

/**
 * Cancels the queued work of a batch, in one transaction: the batch is marked cancelled (no more uploads into
 * it), its queued documents become `cancelled` (a worker that picks up their job finds nothing to do) unless
 * another live batch also holds them. Documents being read finish; done and failed ones stay as they are.
 */
export async function cancelBatch(tx: Sql, id: string): Promise<CancelOutcome | null> {
  const locked = await tx.query('select id from batches where id = $1 for update', [id]);
  if (locked.rows.length === 0) return null;
  await tx.query('update batches set cancelled_at = coalesce(cancelled_at, now()) where id = $1', [id]);
  const shared = `exists (select 1 from batch_documents o join batches ob on ob.id = o.batch_id
    where o.document_id = d.id and o.batch_id <> $1 and ob.cancelled_at is null)`;
  const cancelled = await tx.query<{ id: string }>(
    `update documents d set status = 'cancelled', updated_at = now(), finished_at = now()
     where d.status = 'queued' and d.id in (select document_id from batch_documents where batch_id = $1)
       and not ${shared}
     returning d.id`,
    [id],
  );
  const rest = await tx.query<{ id: string; status: DocumentStatus }>(
    `select d.id, d.status from batch_documents bd join documents d on d.id = bd.document_id
     where bd.batch_id = $1 and d.status in ('queued', 'processing') order by d.seq`,
    [id],
  );
  return {
    cancelled: cancelled.rows.map((r) => r.id).sort(),
    kept: rest.rows.filter((r) => r.status === 'queued').map((r) => r.id),
    processing: rest.rows.filter((r) => r.status === 'processing').length,
  };
}

/**
 * Queues documents of a batch again: the failed ones, the cancelled ones, or all. Re-queueing cancelled work
 * (or everything) lifts the batch's cancellation.
 */
export async function requeueBatch(
  tx: Sql,
  id: string,
  only: 'failed' | 'cancelled' | 'all',
): Promise<JobRef[] | null> {
  const locked = await tx.query('select id from batches where id = $1 for update', [id]);
  if (locked.rows.length === 0) return null;
  if (only !== 'failed') await tx.query('update batches set cancelled_at = null where id = $1', [id]);
  const res = await tx.query<{ id: string; generation: number }>(
    `update documents set status = 'queued', generation = generation + 1, failure_reason = null,
     failure_message = null, finished_at = null, attempts = 0, updated_at = now()
     where id in (select document_id from batch_documents where batch_id = $1)
     ${only === 'all' ? '' : `and status = '${only}'`}
     returning id, generation`,
    [id],
  );
  if (res.rows.length > 0) {
    // Every batch holding a re-queued document is open again.
    await tx.query(
      `update batches set finished_at = null where id in (select bd2.batch_id from batch_documents bd
       join batch_documents bd2 on bd2.document_id = bd.document_id where bd.batch_id = $1)`,
      [id],
    );
  }
  return res.rows.map((r) => ({ documentId: r.id, generation: r.generation }));
}

export interface BatchDocument {
  id: string;
  seq: number;
  /** The name it was uploaded under into this batch. */
  fileName: string | null;
  status: DocumentStatus;
  failure: { reason: string; message: string } | null;
}

/** The documents of a batch in upload order, a page at a time (for the downloads, which stream). */
export async function* batchDocuments(sql: Sql, id: string, pageSize = 200): AsyncGenerator<BatchDocument> {
  let after = 0;
  for (;;) {
    const res = await sql.query<{
      id: string;
      seq: number | string;
      file_name: string | null;
      status: DocumentStatus;
      failure_reason: string | null;
      failure_message: string | null;
    }>(
      `select d.id, d.seq, coalesce(bd.file_name, d.file_name) as file_name, d.status, d.failure_reason,
         d.failure_message
       from batch_documents bd join documents d on d.id = bd.document_id
       where bd.batch_id = $1 and d.seq > $2 order by d.seq limit $3`,
      [id, after, pageSize],
    );
    for (const r of res.rows) {
      yield {
        id: r.id,
        seq: Number(r.seq),
        fileName: r.file_name,
        status: r.status,
        failure:
          r.status === 'failed' ? { reason: r.failure_reason ?? 'unknown', message: r.failure_message ?? '' } : null,
      };
    }
    const last = res.rows[res.rows.length - 1];
    if (!last || res.rows.length < pageSize) return;
    after = Number(last.seq);
  }
}

/** The full view of one batch: the store's summary (counts, failures) with the read and review numbers. */
export type BatchOverview = BatchSummary & Pick<BatchStats, 'pages' | 'review'> & { cancelledAt: string | null };
