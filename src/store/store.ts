// Repositories over Sql. The database is the source of truth: queues only carry document ids, so anything lost
// in Redis is rebuilt from here by the requeue sweeper.
import { randomUUID } from 'node:crypto';
import type { DocumentFormat, Extraction } from '../contract/schema.js';
import type { Sql } from '../db/types.js';
import type { ClaimedJob, JobRef, JobStore } from '../queue/types.js';
import { emitEvent, pruneDelivered, type WebhookEvent } from './outbox.js';
import { writeResultReview } from './review.js';
import { searchCondition } from './search.js';
import { searchColumns } from './search-columns.js';

/** `cancelled`: queued work of a batch that was cancelled (POST /v1/batches/:id/cancel); terminal like done/failed. */
export const DOCUMENT_STATUSES = ['queued', 'processing', 'done', 'failed', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
const TERMINAL = "('done', 'failed', 'cancelled')";
/** Rows per multi-row insert (7 parameters each, far below PostgreSQL's 65,535). */
const ROWS_PER_STATEMENT = 500;
/** Every status at zero, to count into. */
export const zeroCounts = (): Record<DocumentStatus, number> =>
  Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s, 0])) as Record<DocumentStatus, number>;

export interface NewUpload {
  sha256: string;
  fileName: string | null;
  contentType: string | null;
  format: DocumentFormat;
  bytes: Uint8Array;
}

export interface StoredUpload {
  id: string;
  sha256: string;
  fileName: string | null;
  status: DocumentStatus;
  /** True when identical bytes were already stored (the existing document is returned). */
  duplicate: boolean;
}

export interface DocumentRecord {
  id: string;
  seq: number;
  sha256: string;
  fileName: string | null;
  contentType: string | null;
  format: DocumentFormat;
  size: number;
  status: DocumentStatus;
  failure: { reason: string; message: string } | null;
  generation: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  extractorVersion: string | null;
  province: string | null;
  year: number | null;
  needsReview: boolean | null;
  /** While a long read runs (OCR, many pages): how far it is. */
  progress?: { pagesDone: number; pages: number };
}

/** A claimed processing attempt; `bytes` is null when the document has used up its attempts (poison). */
export type ClaimedDocument = ClaimedJob;

export interface BatchSummary {
  id: string;
  name: string | null;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  done: number;
  counts: Record<DocumentStatus, number>;
  failures: { documentId: string; fileName: string | null; reason: string; message: string }[];
}

export interface DocumentFilter {
  province?: string | undefined;
  year?: number | undefined;
  status?: DocumentStatus | undefined;
  needsReview?: boolean | undefined;
  /** A diagnostic code the newest extraction carries ("no-readable-text": nothing could be read). */
  diagnostic?: string | undefined;
  q?: string | undefined;
  batchId?: string | undefined;
  limit: number;
  /** Exclusive upper bound on seq (newest first). */
  beforeSeq?: number | undefined;
}

export interface ResultRead {
  status: DocumentStatus;
  failure: { reason: string; message: string } | null;
  /**
   * The effective extraction as JSON text (served as it is: never parsed and stringified again on the API's
   * thread) and the extractor version of its machine result; null while there is none.
   */
  result: { json: string; version: string } | null;
  /** True when a machine result is stored (even if `result` is null because its review state is missing). */
  hasExtraction: boolean;
}

interface DocumentRow {
  id: string;
  seq: number | string;
  sha256: string;
  file_name: string | null;
  content_type: string | null;
  format: DocumentFormat;
  size: number;
  status: DocumentStatus;
  failure_reason: string | null;
  failure_message: string | null;
  generation: number;
  created_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
  extractor_version: string | null;
  province: string | null;
  year: number | null;
  needs_review: boolean | null;
  pages_done?: number | null;
  pages_total?: number | null;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toRecord(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    sha256: r.sha256,
    fileName: r.file_name,
    contentType: r.content_type,
    format: r.format,
    size: r.size,
    status: r.status,
    failure: r.status === 'failed' ? { reason: r.failure_reason ?? 'unknown', message: r.failure_message ?? '' } : null,
    generation: r.generation,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    extractorVersion: r.extractor_version,
    province: r.province,
    year: r.year,
    needsReview: r.needs_review,
    ...(r.status === 'processing' && r.pages_total != null
      ? { progress: { pagesDone: r.pages_done ?? 0, pages: r.pages_total } }
      : {}),
  };
}

const DOCUMENT_COLUMNS = `d.id, d.seq, d.sha256, d.file_name, d.content_type, d.format, d.size, d.status, d.failure_reason,
  d.failure_message, d.generation, d.created_at, d.updated_at, d.finished_at, d.pages_done, d.pages_total,
  e.extractor_version, e.province, e.year, e.needs_review`;
// The newest stored result, whatever extractor version produced it.
const LATEST_EXTRACTION = `left join lateral (select x.extractor_version, x.province, x.year, x.needs_review
  from extractions x where x.document_id = d.id order by x.updated_at desc limit 1) e on true`;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The year a plan is filed under: its issue date, else the first year of its period. */
function planYear(x: Extraction): number | null {
  const date = x.metadata.issuedDate.value;
  if (date) return Number(date.slice(0, 4));
  return x.metadata.period.value?.from ?? null;
}

export class Store implements JobStore {
  constructor(
    readonly sql: Sql,
    /** Write webhook outbox rows (only when a webhook is configured). */
    private readonly webhooks = false,
  ) {}

  async batchExists(id: string, tx: Sql = this.sql): Promise<boolean> {
    return (await tx.query('select 1 from batches where id = $1', [id])).rows.length > 0;
  }

  async createBatch(name: string | null, tx: Sql = this.sql): Promise<{ id: string; name: string | null }> {
    const id = randomUUID();
    await tx.query('insert into batches (id, name) values ($1, $2)', [id, name]);
    return { id, name };
  }

  /** Stores uploads (inside the caller's transaction); returns the documents and the jobs to queue after commit. */
  async storeUploads(
    tx: Sql,
    uploads: NewUpload[],
    batchId: string | null,
  ): Promise<{ documents: StoredUpload[]; jobs: JobRef[] }> {
    const documents: StoredUpload[] = [];
    const jobs: JobRef[] = [];
    // Concurrent uploads into one batch deadlocked (40P01): each updated the batch row once per file while
    // inserting documents another request was waiting on. Take the batch row's lock first, once, so uploads
    // into one batch queue up behind each other in the same order, and touch the row once at the end.
    if (batchId) await tx.query('select id from batches where id = $1 for update', [batchId]);
    // A few statements per request, not two or three per file: on the embedded database each statement costs
    // about a millisecond of the API thread before any data moves.
    const inserted = new Map<string, string>();
    const existing = new Map<string, { id: string; file_name: string | null; status: DocumentStatus }>();
    for (let i = 0; i < uploads.length; i += ROWS_PER_STATEMENT) {
      const chunk = uploads.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const rows = chunk.map((u) => {
        params.push(randomUUID(), u.sha256, u.fileName, u.contentType, u.format, u.bytes.byteLength, u.bytes);
        const n = params.length;
        return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::integer, $${n}::bytea, 'queued')`;
      });
      const res = await tx.query<{ id: string; sha256: string }>(
        `insert into documents (id, sha256, file_name, content_type, format, size, bytes, status)
         values ${rows.join(', ')} on conflict (sha256) do nothing returning id, sha256`,
        params,
      );
      for (const r of res.rows) inserted.set(r.sha256, r.id);
    }
    const known = [...new Set(uploads.map((u) => u.sha256))].filter((h) => !inserted.has(h));
    if (known.length > 0) {
      const res = await tx.query<{ id: string; sha256: string; file_name: string | null; status: DocumentStatus }>(
        'select id, sha256, file_name, status from documents where sha256 = any($1)',
        [known],
      );
      for (const r of res.rows) existing.set(r.sha256, r);
    }
    const claimed = new Set<string>();
    for (const u of uploads) {
      const id = inserted.get(u.sha256);
      let doc: StoredUpload;
      // The first copy of new bytes is the new document; a second copy in the same request is its duplicate.
      if (id && !claimed.has(id)) {
        claimed.add(id);
        doc = { id, sha256: u.sha256, fileName: u.fileName, status: 'queued', duplicate: false };
        jobs.push({ documentId: id, generation: 1 });
      } else if (id) {
        const first = uploads.find((x) => x.sha256 === u.sha256)!;
        doc = { id, sha256: u.sha256, fileName: first.fileName, status: 'queued', duplicate: true };
      } else {
        const row = existing.get(u.sha256);
        if (!row) throw new Error('document vanished during upload');
        doc = { id: row.id, sha256: u.sha256, fileName: row.file_name, status: row.status, duplicate: true };
        // Sent again after its batch was cancelled: the sender wants it read now.
        if (row.status === 'cancelled') {
          const requeued = await tx.query<{ generation: number }>(
            `update documents set status = 'queued', generation = generation + 1, attempts = 0, finished_at = null,
             updated_at = now() where id = $1 and status = 'cancelled' returning generation`,
            [row.id],
          );
          if (requeued.rows[0]) {
            await tx.query(
              'update batches set finished_at = null where id in (select batch_id from batch_documents where document_id = $1)',
              [row.id],
            );
            doc.status = 'queued';
            row.status = 'queued';
            jobs.push({ documentId: row.id, generation: requeued.rows[0].generation });
          }
        }
      }
      documents.push(doc);
    }
    let reopen = false;
    if (batchId) {
      for (let i = 0; i < documents.length; i += ROWS_PER_STATEMENT) {
        const chunk = documents.slice(i, i + ROWS_PER_STATEMENT);
        const params: unknown[] = [batchId];
        const rows = chunk.map((d, j) => {
          params.push(d.id, uploads[i + j]!.fileName);
          return `($1, $${params.length - 1}, $${params.length})`;
        });
        const linked = await tx.query<{ document_id: string }>(
          `insert into batch_documents (batch_id, document_id, file_name) values ${rows.join(', ')}
           on conflict do nothing returning document_id`,
          params,
        );
        const status = new Map(chunk.map((d) => [d.id, d.status]));
        // A batch that had finished is open again while its new document is pending.
        for (const r of linked.rows) {
          const st = status.get(r.document_id);
          if (st !== 'done' && st !== 'failed') reopen = true;
        }
      }
    }
    if (batchId && reopen) await tx.query('update batches set finished_at = null where id = $1', [batchId]);
    if (batchId) await this.finishBatches(tx, [batchId]);
    return { documents, jobs };
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    const res = await this.sql.query<DocumentRow>(
      `select ${DOCUMENT_COLUMNS} from documents d ${LATEST_EXTRACTION} where d.id = $1`,
      [id],
    );
    return res.rows[0] ? toRecord(res.rows[0]) : null;
  }

  async documentBatches(id: string): Promise<string[]> {
    const res = await this.sql.query<{ batch_id: string }>(
      'select batch_id from batch_documents where document_id = $1 order by added_at',
      [id],
    );
    return res.rows.map((r) => r.batch_id);
  }

  async getOriginal(
    id: string,
  ): Promise<{ bytes: Uint8Array; fileName: string | null; format: DocumentFormat; generation: number } | null> {
    const res = await this.sql.query<{
      bytes: Uint8Array;
      file_name: string | null;
      format: DocumentFormat;
      generation: number;
    }>('select bytes, file_name, format, generation from documents where id = $1', [id]);
    const r = res.rows[0];
    return r ? { bytes: r.bytes, fileName: r.file_name, format: r.format, generation: r.generation } : null;
  }

  async getExtraction(id: string): Promise<{ extraction: Extraction; text: string; version: string } | null> {
    const res = await this.sql.query<{ extraction: Extraction | string; text: string; extractor_version: string }>(
      `select extraction, text, extractor_version from extractions where document_id = $1
       order by updated_at desc limit 1`,
      [id],
    );
    const r = res.rows[0];
    if (!r) return null;
    const extraction = typeof r.extraction === 'string' ? (JSON.parse(r.extraction) as Extraction) : r.extraction;
    return { extraction, text: r.text, version: r.extractor_version };
  }

  /**
   * What GET /v1/documents/:id/extraction serves, in one query: the document's status and its effective
   * extraction (machine result with corrections applied, as stored with the review state). `extraction` is null
   * when there is none yet; `derived: false` when one exists but its review state does not (the caller derives it).
   */
  async getResult(id: string): Promise<ResultRead | null> {
    const res = await this.sql.query<{
      status: DocumentStatus;
      failure_reason: string | null;
      failure_message: string | null;
      extractor_version: string | null;
      extraction: string | null;
      has_extraction: boolean;
    }>(
      `select d.status, d.failure_reason, d.failure_message, r.extractor_version,
         coalesce(r.effective, (select x.extraction from extractions x where x.document_id = d.id
           and x.extractor_version = r.extractor_version))::text as extraction,
         r.document_id is not null or exists (select 1 from extractions x where x.document_id = d.id) as has_extraction
       from documents d left join review_documents r on r.document_id = d.id where d.id = $1`,
      [id],
    );
    const r = res.rows[0];
    if (!r) return null;
    return {
      status: r.status,
      failure:
        r.status === 'failed' ? { reason: r.failure_reason ?? 'unknown', message: r.failure_message ?? '' } : null,
      result:
        r.extraction !== null && r.extractor_version ? { json: r.extraction, version: r.extractor_version } : null,
      hasExtraction: r.has_extraction,
    };
  }

  async countExtractions(documentId: string): Promise<{ rows: number; runs: number }> {
    const res = await this.sql.query<{ rows: number | string; runs: number | string | null }>(
      'select count(*) as rows, sum(runs) as runs from extractions where document_id = $1',
      [documentId],
    );
    return { rows: Number(res.rows[0]?.rows ?? 0), runs: Number(res.rows[0]?.runs ?? 0) };
  }

  async listDocuments(f: DocumentFilter): Promise<DocumentRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.status) where.push(`d.status = ${p(f.status)}`);
    if (f.province) where.push(`e.province ilike ${p(`%${escapeLike(f.province)}%`)}`);
    if (f.year !== undefined) where.push(`e.year = ${p(f.year)}`);
    if (f.needsReview !== undefined) where.push(`e.needs_review = ${p(f.needsReview)}`);
    if (f.diagnostic) {
      where.push(`exists (select 1 from extractions x, jsonb_array_elements(x.extraction->'diagnostics') g
        where x.document_id = d.id and g->>'code' = ${p(f.diagnostic)})`);
    }
    if (f.batchId)
      where.push(
        `exists (select 1 from batch_documents b where b.document_id = d.id and b.batch_id = ${p(f.batchId)})`,
      );
    // Accent- and case-insensitive, over title, number, issuer, agencies, target text and file name (search.ts).
    if (f.q) where.push(searchCondition(p(f.q)));
    if (f.beforeSeq !== undefined) where.push(`d.seq < ${p(f.beforeSeq)}`);
    const res = await this.sql.query<DocumentRow>(
      `select ${DOCUMENT_COLUMNS} from documents d ${LATEST_EXTRACTION}
       ${where.length ? `where ${where.join(' and ')}` : ''} order by d.seq desc limit ${p(f.limit)}`,
      params,
    );
    return res.rows.map(toRecord);
  }

  async getBatch(id: string): Promise<BatchSummary | null> {
    const batch = await this.sql.query<{ id: string; name: string | null; created_at: Date; finished_at: Date | null }>(
      'select id, name, created_at, finished_at from batches where id = $1',
      [id],
    );
    const b = batch.rows[0];
    if (!b) return null;
    const counts = await this.sql.query<{ status: DocumentStatus; n: number | string }>(
      `select d.status, count(*) as n from batch_documents bd join documents d on d.id = bd.document_id
       where bd.batch_id = $1 group by d.status`,
      [id],
    );
    const byStatus = zeroCounts();
    for (const r of counts.rows) byStatus[r.status] = Number(r.n);
    const failures = await this.sql.query<{
      id: string;
      file_name: string | null;
      failure_reason: string | null;
      failure_message: string | null;
    }>(
      `select d.id, bd.file_name, d.failure_reason, d.failure_message from batch_documents bd
       join documents d on d.id = bd.document_id where bd.batch_id = $1 and d.status = 'failed' order by d.seq`,
      [id],
    );
    const total = Object.values(byStatus).reduce((a, n) => a + n, 0);
    return {
      id: b.id,
      name: b.name,
      createdAt: iso(b.created_at),
      finishedAt: b.finished_at ? iso(b.finished_at) : null,
      total,
      done: byStatus.done + byStatus.failed + byStatus.cancelled,
      counts: byStatus,
      failures: failures.rows.map((r) => ({
        documentId: r.id,
        fileName: r.file_name,
        reason: r.failure_reason ?? 'unknown',
        message: r.failure_message ?? '',
      })),
    };
  }

  /**
   * Starts a processing attempt: counted in the database before any parsing, so an attempt that takes the
   * process down still counts. null when the job is stale (document gone, reprocessed since, or finished);
   * `bytes: null` when this attempt is past `maxAttempts` (the caller quarantines the document as poison).
   * `token` names the attempt: claiming again with the same token (the first answer was lost in an outage) does
   * not count a second attempt.
   */
  async claim(ref: JobRef, maxAttempts = 2 ** 31 - 1, token: string | null = null): Promise<ClaimedDocument | null> {
    const res = await this.sql.query<{
      bytes: Uint8Array | null;
      file_name: string | null;
      format: DocumentFormat;
      attempts: number;
    }>(
      `update documents set status = 'processing', pages_done = null, pages_total = null, updated_at = now(),
       attempts = attempts + case when $4::text is not null and claim_token is not distinct from $4 then 0 else 1 end,
       claim_token = $4
       where id = $1 and generation = $2 and status in ('queued', 'processing')
       returning case when attempts <= $3 then bytes end as bytes, file_name, format, attempts`,
      [ref.documentId, ref.generation, maxAttempts, token],
    );
    const r = res.rows[0];
    return r ? { bytes: r.bytes, fileName: r.file_name, format: r.format, attempt: r.attempts } : null;
  }

  /** Gives an attempt back: it ended in an error that was not the document's doing (e.g. the database). */
  async releaseAttempt(ref: JobRef): Promise<void> {
    await this.sql.query(
      `update documents set attempts = greatest(attempts - 1, 0) where id = $1 and generation = $2
       and status = 'processing'`,
      [ref.documentId, ref.generation],
    );
  }

  /** How far a long read is (pages read or OCR'd so far). */
  async setProgress(ref: JobRef, done: number, total: number): Promise<void> {
    await this.sql.query(
      `update documents set pages_done = $3, pages_total = $4 where id = $1 and generation = $2
       and status = 'processing'`,
      [ref.documentId, ref.generation, done, total],
    );
  }

  /**
   * Upserts the result for (document, extractor version) and marks the document done, in one transaction with
   * no read-back. Idempotent. `json` is the extraction already serialised (by the parse worker).
   */
  async saveResult(
    ref: JobRef,
    version: string,
    extraction: Extraction,
    text: string,
    json: string = JSON.stringify(extraction),
  ): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      // Marking done first takes the row lock and checks the job is current in one round trip.
      const current = await tx.query<{ corrected: boolean }>(
        `update documents set status = 'done', failure_reason = null, failure_message = null, pages_done = null,
         pages_total = null, updated_at = now(), finished_at = now()
         where id = $1 and generation = $2 and status in ('queued', 'processing')
         returning exists (select 1 from review_corrections c where c.document_id = documents.id) as corrected`,
        [ref.documentId, ref.generation],
      );
      if (current.rows.length === 0) return false;
      // The search columns are derived here, not by the table's trigger (0170: half the embedded database's time).
      const search = searchColumns(extraction);
      await tx.query(
        `insert into extractions (document_id, extractor_version, extraction, text, province, year, needs_review,
           search_text, flags)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[])
         on conflict (document_id, extractor_version) do update set extraction = excluded.extraction,
           text = excluded.text, province = excluded.province, year = excluded.year,
           needs_review = excluded.needs_review, search_text = excluded.search_text, flags = excluded.flags,
           runs = extractions.runs + 1, updated_at = now()`,
        [
          ref.documentId,
          version,
          json,
          text,
          extraction.metadata.province.value,
          planYear(extraction),
          extraction.review.needed,
          search.searchText,
          search.flags,
        ],
      );
      // The review queue, the document list's counts and the effective extraction, in the same transaction.
      await writeResultReview(tx, ref.documentId, { extraction, text, version }, current.rows[0]!.corrected);
      await this.documentFinished(tx, ref.documentId, 'done', null);
      return true;
    });
  }

  /** Terminal failure with a reason (unreadable file, or retries exhausted). */
  async markFailed(ref: JobRef, reason: string, message: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      if (!(await this.lockCurrent(tx, ref))) return false;
      await tx.query(
        `update documents set status = 'failed', failure_reason = $2, failure_message = $3,
         updated_at = now(), finished_at = now() where id = $1`,
        [ref.documentId, reason, message.slice(0, 2000)],
      );
      await this.documentFinished(tx, ref.documentId, 'failed', { reason, message });
      return true;
    });
  }

  private async lockCurrent(tx: Sql, ref: JobRef): Promise<boolean> {
    const res = await tx.query(
      `select 1 from documents where id = $1 and generation = $2 and status in ('queued', 'processing') for update`,
      [ref.documentId, ref.generation],
    );
    return res.rows.length > 0;
  }

  private async documentFinished(
    tx: Sql,
    documentId: string,
    status: 'done' | 'failed',
    failure: { reason: string; message: string } | null,
  ): Promise<void> {
    await this.emit(tx, { event: 'document.finished', payload: { documentId, status, failure } });
    // The open batches this document belongs to, locked in one statement (not a look-up, then a lock each).
    const open = await tx.query<{ id: string }>(
      `select b.id from batches b join batch_documents bd on bd.batch_id = b.id
       where bd.document_id = $1 and b.finished_at is null order by b.id for update of b`,
      [documentId],
    );
    await this.finishLocked(
      tx,
      open.rows.map((r) => r.id),
    );
  }

  /** Marks batches whose documents are all terminal as finished (once), emitting batch.finished. */
  async finishBatches(tx: Sql, batchIds: string[]): Promise<string[]> {
    if (batchIds.length === 0) return [];
    // The row locks serialise the last documents of a batch finishing at the same time: whoever waits here
    // sees the other's commit in its next statement.
    const open = await tx.query<{ id: string }>(
      'select id from batches where id = any($1) and finished_at is null order by id for update',
      [batchIds],
    );
    return this.finishLocked(
      tx,
      open.rows.map((r) => r.id),
    );
  }

  /** Of these locked, open batches, finishes those with documents and none pending. */
  private async finishLocked(tx: Sql, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    // Runs for every finished document: it stops at the first pending document instead of counting the batch
    // (quadratic over a batch of 2,000), and stays a simple statement (PGlite plans every statement afresh).
    const res = await tx.query<{ id: string }>(
      `select b.id from unnest($1::text[]) as b(id) where not exists (select 1 from batch_documents bd
         join documents d on d.id = bd.document_id where bd.batch_id = b.id and d.status in ('queued', 'processing'))
       and exists (select 1 from batch_documents bd where bd.batch_id = b.id)`,
      [ids],
    );
    const finished = res.rows.map((r) => r.id).sort();
    if (finished.length === 0) return [];
    await tx.query('update batches set finished_at = now() where id = any($1)', [finished]);
    for (const id of finished) await this.emit(tx, { event: 'batch.finished', payload: { batchId: id } });
    return finished;
  }

  /** Batches that are complete but were never marked (e.g. a crash between commits); used by the sweeper. */
  async finishStaleBatches(): Promise<string[]> {
    const res = await this.sql.query<{ id: string }>(
      `select b.id from batches b where b.finished_at is null and exists (select 1 from batch_documents bd where bd.batch_id = b.id)
       and not exists (select 1 from batch_documents bd join documents d on d.id = bd.document_id
         where bd.batch_id = b.id and d.status not in ${TERMINAL})`,
    );
    if (res.rows.length === 0) return [];
    return this.sql.transaction((tx) =>
      this.finishBatches(
        tx,
        res.rows.map((r) => r.id),
      ),
    );
  }

  private async emit(tx: Sql, e: WebhookEvent): Promise<void> {
    if (this.webhooks) await emitEvent(tx, e);
  }

  /** Documents accepted but not finished, oldest first (the sweeper's work list). */
  async pending(afterSeq: number, limit: number): Promise<(JobRef & { seq: number })[]> {
    const res = await this.sql.query<{ id: string; generation: number; seq: number | string }>(
      `select id, generation, seq from documents where status in ('queued', 'processing') and seq > $1
       order by seq limit $2`,
      [afterSeq, limit],
    );
    return res.rows.map((r) => ({ documentId: r.id, generation: r.generation, seq: Number(r.seq) }));
  }

  async reprocessDocument(id: string): Promise<JobRef | null> {
    return this.sql.transaction(async (tx) => {
      const res = await tx.query<{ generation: number }>(
        `update documents set status = 'queued', generation = generation + 1, failure_reason = null,
         failure_message = null, finished_at = null, attempts = 0, updated_at = now() where id = $1
         returning generation`,
        [id],
      );
      const r = res.rows[0];
      if (!r) return null;
      await tx.query(
        `update batches set finished_at = null where id in (select batch_id from batch_documents where document_id = $1)`,
        [id],
      );
      return { documentId: id, generation: r.generation };
    });
  }

  async reprocessBatch(batchId: string, onlyFailed: boolean): Promise<JobRef[] | null> {
    return this.sql.transaction(async (tx) => {
      if (!(await this.batchExists(batchId, tx))) return null;
      const res = await tx.query<{ id: string; generation: number }>(
        `update documents set status = 'queued', generation = generation + 1, failure_reason = null,
         failure_message = null, finished_at = null, attempts = 0, updated_at = now()
         where id in (select document_id from batch_documents where batch_id = $1) ${onlyFailed ? "and status = 'failed'" : ''}
         returning id, generation`,
        [batchId],
      );
      if (res.rows.length > 0) {
        await tx.query(
          `update batches set finished_at = null where id in (select bd2.batch_id from batch_documents bd
           join batch_documents bd2 on bd2.document_id = bd.document_id where bd.batch_id = $1)`,
          [batchId],
        );
      }
      return res.rows.map((r) => ({ documentId: r.id, generation: r.generation }));
    });
  }

  /** Forgets Idempotency-Keys and delivered webhooks older than their retention. */
  async prune(keyRetentionHours: number, deliveryRetentionHours = 7 * 24): Promise<void> {
    await this.sql.query(`delete from idempotency_keys where created_at < now() - make_interval(hours => $1)`, [
      keyRetentionHours,
    ]);
    await pruneDelivered(this.sql, deliveryRetentionHours);
  }

  /** Answers when the database does (the readiness check). */
  async ping(): Promise<void> {
    await this.sql.query('select 1');
  }

  async statusCounts(): Promise<Record<DocumentStatus, number>> {
    const res = await this.sql.query<{ status: DocumentStatus; n: number | string }>(
      'select status, count(*) as n from documents group by status',
    );
    const counts = zeroCounts();
    for (const r of res.rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
