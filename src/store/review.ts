// The review workflow's storage: review_documents (the effective extraction cached by revision) and
// review_items (one row per value that still needs a person), written in the same transaction as each machine
// result (Store.saveResult) and each correction, so that every review read is one indexed query.
import type { Extraction } from '../contract/schema.js';
import type { Sql } from '../db/types.js';
import type { Claim, ClaimResult } from '../review/claims.js';
import { type DerivedReview, deriveReview, type Excerpt, type MachineExtraction, RANK } from '../review/derive.js';
import type { CorrectionRecord } from '../review/records.js';
import type { ReplayedCorrection } from '../review/replay.js';
import type {
  DocumentReviewSummary,
  DocumentSelect,
  LockedDocument,
  QueueItem,
  QueueSelect,
  ReviewRepository,
  StoredEffective,
} from '../review/repository.js';
import { activeClaims, claimField, deleteClaims, releaseClaim, toClaim } from './claims.js';
import { correctionsFromJson, correctionsJson, insertCorrection } from './corrections.js';

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** A SQL fragment builder: `p(value)` adds a parameter and returns its placeholder. */
function params() {
  const values: unknown[] = [];
  return {
    values,
    p(v: unknown): string {
      values.push(v);
      return `$${values.length}`;
    },
  };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────────────────

const ITEM_RECORD = `x(kind text, pointer text, label text, value jsonb, confidence text, rank smallint, flags text[],
  source jsonb, source_start integer, excerpt jsonb, correction_id text, ord integer)`;

/**
 * Stores a document's derived review state (one statement): its review_documents row and its review_items,
 * replaced. Items that stay keep their created_at. Call inside the transaction that changed the document.
 */
export async function writeReview(tx: Sql, documentId: string, d: DerivedReview): Promise<void> {
  const items = d.items.map((i, ord) => ({
    kind: i.kind,
    pointer: i.pointer,
    label: i.label,
    value: i.value ?? null,
    confidence: i.confidence,
    rank: RANK[i.confidence],
    flags: i.flags,
    source: i.source,
    source_start: i.source?.start ?? null,
    excerpt: i.excerpt,
    correction_id: i.correctionId,
    ord,
  }));
  const low = d.items.filter((i) => i.confidence === 'low').length;
  const stale = d.items.filter((i) => i.flags.includes('correction-stale')).length;
  await tx.query(
    `with state as (
       insert into review_documents (document_id, extractor_version, seq, revision, effective, corrections, province,
         province_key, machine_needs_review, needs_review, to_review, low, stale)
       values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13)
       on conflict (document_id) do update set extractor_version = excluded.extractor_version, seq = excluded.seq,
         revision = excluded.revision, effective = excluded.effective, corrections = excluded.corrections,
         province = excluded.province, province_key = excluded.province_key,
         machine_needs_review = excluded.machine_needs_review, needs_review = excluded.needs_review,
         to_review = excluded.to_review, low = excluded.low, stale = excluded.stale, updated_at = now()
       returning 1
     ), gone as (
       delete from review_items where document_id = $1 returning kind, pointer, correction_id, created_at
     )
     insert into review_items (document_id, kind, pointer, label, value, confidence, rank, flags, source, source_start,
       excerpt, correction_id, ord, created_at)
     select $1, x.kind, x.pointer, x.label, x.value, x.confidence, x.rank, x.flags, x.source, x.source_start,
       x.excerpt, x.correction_id, x.ord,
       coalesce((select min(g.created_at) from gone g where g.kind = x.kind and g.pointer = x.pointer
         and g.correction_id is not distinct from x.correction_id), now())
     from jsonb_to_recordset($14::jsonb) as ${ITEM_RECORD}`,
    [
      documentId,
      d.machineVersion,
      d.seq,
      d.revision,
      d.changed ? JSON.stringify(d.extraction) : null,
      JSON.stringify(d.corrections),
      d.province,
      d.provinceKey,
      d.machineNeedsReview,
      d.extraction.review.needed,
      d.items.length,
      low,
      stale,
      JSON.stringify(items),
    ],
  );
}

interface MachineRow {
  extraction: unknown;
  text: string;
  extractor_version: string;
  corrections: unknown;
}

/**
 * The document's newest machine extraction and its corrections, in one query; `lock` takes the document's row
 * lock first (the lock saveResult takes too), so derived state is never written from an outdated read.
 */
async function loadMachine(
  sql: Sql,
  documentId: string,
  lock: boolean,
): Promise<{ machine: MachineExtraction; records: CorrectionRecord[] } | null> {
  if (lock) {
    const locked = await sql.query('select 1 from documents where id = $1 for update', [documentId]);
    if (locked.rows.length === 0) return null;
  }
  const { rows } = await sql.query<MachineRow>(
    `select x.extraction, x.text, x.extractor_version, ${correctionsJson('x.document_id')} as corrections
     from extractions x where x.document_id = $1 order by x.updated_at desc limit 1`,
    [documentId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    machine: { extraction: json<Extraction>(r.extraction), text: r.text, version: r.extractor_version },
    records: correctionsFromJson(r.corrections),
  };
}

/**
 * After a new machine result (inside saveResult's transaction, the document row already locked): derives the
 * review state, replaying the document's corrections onto the new extraction when it has any.
 */
export async function writeResultReview(
  tx: Sql,
  documentId: string,
  machine: MachineExtraction,
  hasCorrections: boolean,
): Promise<void> {
  const records = hasCorrections ? ((await loadMachine(tx, documentId, false))?.records ?? []) : [];
  await writeReview(tx, documentId, deriveReview(machine, records));
}

/** Derives and stores one document's review state from what is stored (backfill, self-repair). */
async function rederive(sql: Sql, documentId: string): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const loaded = await loadMachine(tx, documentId, true);
    if (!loaded) return false;
    await writeReview(tx, documentId, deriveReview(loaded.machine, loaded.records));
    return true;
  });
}

/**
 * Documents stored before review_items existed (or whose state is missing): derives theirs, a page at a time.
 * Returns how many were derived. Safe to run from several processes (each document is derived under its lock).
 */
export async function backfillReview(sql: Sql, page = 200): Promise<number> {
  let done = 0;
  let after = -1;
  for (;;) {
    const { rows } = await sql.query<{ id: string; seq: number | string }>(
      `select d.id, d.seq from documents d
       where d.seq > $1 and exists (select 1 from extractions x where x.document_id = d.id)
         and not exists (select 1 from review_documents r where r.document_id = d.id)
       order by d.seq limit $2`,
      [after, page],
    );
    for (const r of rows) if (await rederive(sql, r.id)) done++;
    if (rows.length < page) return done;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────────────────

interface EffectiveRow {
  revision: string;
  extractor_version: string;
  extraction: unknown;
  corrections: unknown;
}

interface QueueRow {
  total: number | string;
  document_id: string | null;
  kind: 'field' | 'stale-correction';
  pointer: string;
  label: string;
  value: unknown;
  confidence: QueueItem['confidence'];
  flags: string[];
  source: unknown;
  excerpt: unknown;
  correction_id: string | null;
  file_name: string | null;
  province: string | null;
  batch: string | null;
  claim_id: string | null;
  claim_pointer: string;
  claim_key_id: string;
  claim_reviewer: string | null;
  claimed_at: Date | string;
  claim_expires_at: Date | string;
}

interface DocumentRow {
  id: string;
  file_name: string | null;
  province: string | null;
  batch: string | null;
  machine_needs_review: boolean | null;
  extractor_version: string;
  revision: string;
  to_review: number | string;
  low: number | string;
  stale: number | string;
}

/** The queue's order: lowest confidence first, then document, then position in the text. */
const QUEUE_ORDER = 'rank, document_id collate "C", source_start, pointer collate "C", ord';

/** A document's first batch, unless the query asks for one batch (then that one). */
function batchOf(documentIdExpr: string, batch: string | undefined, p: (v: unknown) => string): string {
  const first = `(select bd.batch_id from batch_documents bd where bd.document_id = ${documentIdExpr}
    order by bd.added_at, bd.batch_id limit 1)`;
  return batch ? `${p(batch)}::text` : first;
}

/**
 * The filters every review read shares, as WHERE clauses about the document `doc` (an SQL expression for its
 * id). Adding a filter is adding a clause here.
 */
function documentClauses(q: DocumentSelect, p: (v: unknown) => string, doc: string): string[] {
  const where: string[] = [];
  if (q.documentId) where.push(`${doc} = ${p(q.documentId)}`);
  if (q.batch) {
    where.push(`exists (select 1 from batch_documents b where b.document_id = ${doc} and b.batch_id = ${p(q.batch)})`);
  }
  if (q.provinceKey) {
    where.push(`exists (select 1 from review_documents pr where pr.document_id = ${doc}
      and pr.province_key = ${p(q.provinceKey)})`);
  }
  return where;
}

const whereOf = (clauses: string[]) => (clauses.length ? `where ${clauses.join(' and ')}` : '');

export class ReviewStore implements ReviewRepository {
  constructor(readonly sql: Sql) {}

  async effective(documentId: string): Promise<StoredEffective | null> {
    const { rows } = await this.sql.query<EffectiveRow>(
      `select r.revision, r.extractor_version, r.corrections,
         coalesce(r.effective, (select x.extraction from extractions x where x.document_id = r.document_id
           and x.extractor_version = r.extractor_version)) as extraction
       from review_documents r where r.document_id = $1`,
      [documentId],
    );
    const r = rows[0];
    if (!r) return (await rederive(this.sql, documentId)) ? this.effective(documentId) : null;
    return {
      revision: r.revision,
      machineVersion: r.extractor_version,
      extraction: json<Extraction>(r.extraction),
      corrections: json<ReplayedCorrection[]>(r.corrections),
    };
  }

  async history(
    documentId: string,
  ): Promise<{ records: CorrectionRecord[]; corrections: ReplayedCorrection[] } | null> {
    const { rows } = await this.sql.query<{ corrections: unknown; records: unknown }>(
      `select r.corrections, ${correctionsJson('r.document_id')} as records
       from review_documents r where r.document_id = $1`,
      [documentId],
    );
    const r = rows[0];
    if (!r) return (await rederive(this.sql, documentId)) ? this.history(documentId) : null;
    return { records: correctionsFromJson(r.records), corrections: json<ReplayedCorrection[]>(r.corrections) };
  }

  async hasExtraction(documentId: string): Promise<boolean> {
    const { rows } = await this.sql.query('select 1 from extractions where document_id = $1 limit 1', [documentId]);
    return rows.length > 0;
  }

  async withDocument<T>(documentId: string, fn: (doc: LockedDocument) => Promise<T>): Promise<{ value: T } | null> {
    return this.sql.transaction(async (tx) => {
      const loaded = await loadMachine(tx, documentId, true);
      if (!loaded) return null;
      const doc: LockedDocument = {
        ...loaded,
        activeClaims: () => activeClaims(tx, documentId),
        insertCorrection: (c) => insertCorrection(tx, c),
        releaseClaims: (ids) => deleteClaims(tx, ids),
        saveReview: (derived) => writeReview(tx, documentId, derived),
      };
      return { value: await fn(doc) };
    });
  }

  async queue(q: QueueSelect): Promise<{ items: QueueItem[]; total: number }> {
    const { values, p } = params();
    const where = documentClauses(q, p, 'i.document_id');
    if (q.flag) where.push(`i.flags @> array[${p(q.flag)}]::text[]`);
    // One statement: the count of the filtered items, and the page (its keys picked in the queue's order, which
    // an index serves, then its rows) with each item's document, batch and claim.
    const { rows } = await this.sql.query<QueueRow>(
      `with page as (
         select i.document_id, i.ord from review_items i ${whereOf(where)}
         order by ${QUEUE_ORDER.replace(/(^|, )(\w)/g, '$1i.$2')} limit ${p(q.limit)} offset ${p(q.offset)}
       )
       select (select count(*) from review_items i ${whereOf(where)}) as total, i.document_id, i.kind, i.pointer,
         i.label, i.value, i.confidence, i.flags, i.source, i.excerpt, i.correction_id, d.file_name, r.province,
         ${batchOf('i.document_id', q.batch, p)} as batch,
         c.id as claim_id, c.pointer as claim_pointer, c.key_id as claim_key_id,
         (select k.name from api_keys k where k.id = c.key_id) as claim_reviewer, c.claimed_at,
         c.expires_at as claim_expires_at
       from (select 1) one
       left join (page join review_items i on i.document_id = page.document_id and i.ord = page.ord) on true
       left join documents d on d.id = i.document_id
       left join review_documents r on r.document_id = i.document_id
       left join lateral (
         select c.* from review_claims c where c.document_id = i.document_id and c.expires_at > now()
           and (c.pointer = i.pointer or left(i.pointer, length(c.pointer) + 1) = c.pointer || '/'
             or left(c.pointer, length(i.pointer) + 1) = i.pointer || '/')
         order by c.claimed_at, c.id limit 1
       ) c on true
       order by ${QUEUE_ORDER.replace(/(^|, )(\w)/g, '$1i.$2')}`,
      values,
    );
    const total = Number(rows[0]?.total ?? 0);
    const items = rows
      .filter((r) => r.document_id !== null)
      .map((r): QueueItem => {
        const documentId = r.document_id as string;
        return {
          kind: r.kind,
          documentId,
          documentName: r.file_name,
          province: r.province,
          batch: r.batch,
          pointer: r.pointer,
          label: r.label,
          value: r.value ?? null,
          confidence: r.confidence,
          flags: r.flags,
          source: json<QueueItem['source']>(r.source),
          excerpt: json<Excerpt | null>(r.excerpt),
          claim:
            r.claim_id === null
              ? null
              : (toClaim({
                  id: r.claim_id,
                  document_id: documentId,
                  pointer: r.claim_pointer,
                  key_id: r.claim_key_id,
                  reviewer: r.claim_reviewer,
                  claimed_at: r.claimed_at,
                  expires_at: r.claim_expires_at,
                }) satisfies Claim),
          ...(r.kind === 'stale-correction' && r.correction_id !== null ? { correctionId: r.correction_id } : {}),
        };
      });
    return { items, total };
  }

  async documents(q: DocumentSelect): Promise<DocumentReviewSummary[]> {
    const { values, p } = params();
    const where = documentClauses(q, p, 'r.document_id');
    // Without a flag filter the counts are the ones stored with the items; with one, they are counted.
    const counts = q.flag
      ? `n.to_review, n.low, n.stale from review_documents r left join lateral (
           select count(*) as to_review, count(*) filter (where i.confidence = 'low') as low,
             count(*) filter (where 'correction-stale' = any(i.flags)) as stale
           from review_items i where i.document_id = r.document_id and i.flags @> array[${p(q.flag)}]::text[]
         ) n on true`
      : 'r.to_review, r.low, r.stale from review_documents r';
    const { rows } = await this.sql.query<DocumentRow>(
      `select d.id, d.file_name, r.province, ${batchOf('d.id', q.batch, p)} as batch, r.machine_needs_review,
         r.extractor_version, r.revision, ${counts}
       join documents d on d.id = r.document_id ${whereOf(where)}
       order by d.seq desc`,
      values,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.file_name,
      province: r.province,
      batch: r.batch,
      needsReview: r.machine_needs_review,
      machineVersion: r.extractor_version,
      revision: r.revision,
      toReview: Number(r.to_review),
      stale: Number(r.stale),
      low: Number(r.low),
    }));
  }

  claim(documentId: string, pointer: string, keyId: string, ttlSeconds: number): Promise<ClaimResult> {
    return claimField(this.sql, documentId, pointer, keyId, ttlSeconds);
  }

  releaseClaim(claimId: string, keyId: string, force: boolean): Promise<'released' | 'not-found' | 'not-holder'> {
    return releaseClaim(this.sql, claimId, keyId, force);
  }
}
