-- Review data without round trips. Written in the same transaction as each stored result and each correction
-- (src/store/review.ts), so the review queue and the review document list are one indexed query each and the
-- effective extraction (corrections replayed) is read, not recomputed.
--
-- Existing installs: documents stored before this migration get their rows on the next start (the runtime
-- derives them in batches before it serves: deriving replays corrections, which is code, not SQL).

-- One row per document that has a machine extraction: the effective extraction cached by revision.
create table review_documents (
  document_id          text primary key references documents (id) on delete cascade,
  -- The machine extraction the rest was derived from (the document's newest extractions row).
  extractor_version    text not null,
  -- The last correction folded in (0: none) and the revision clients see (ETag): version~seq.
  seq                  integer not null default 0,
  revision             text not null,
  -- The machine extraction with corrections replayed; null while no correction changes it (serve the machine
  -- extraction as stored).
  effective            jsonb,
  -- What became of each correction at the last replay (applied, stale, reverted, revert).
  corrections          jsonb not null default '[]',
  -- The province the review pages show and filter on, and its folded form (no accents, no "Tỉnh"/"Thành phố").
  province             text,
  province_key         text,
  machine_needs_review boolean,
  needs_review         boolean not null,
  -- Counts over the rows of review_items (no filter), so the document list reads them instead of counting.
  to_review            integer not null default 0,
  low                  integer not null default 0,
  stale                integer not null default 0,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create index review_documents_province on review_documents (province_key);

-- One row per value that still needs a person: a field of the effective extraction whose confidence is below
-- high, or a correction that no longer applies and left no field to flag.
create table review_items (
  document_id   text not null references documents (id) on delete cascade,
  kind          text not null check (kind in ('field', 'stale-correction')),
  pointer       text not null,
  label         text not null,
  value         jsonb,
  confidence    text not null check (confidence in ('low', 'medium', 'high')),
  -- 0 low, 1 medium, 2 high: the queue's first sort key.
  rank          smallint not null,
  flags         text[] not null default '{}',
  source        jsonb,
  source_start  integer,
  -- The text around the span (the document's text is not read when the queue is).
  excerpt       jsonb,
  correction_id text,
  -- Position within the document's items (the queue's last sort key, so ties keep the derived order).
  ord           integer not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
-- The queue's order (lowest confidence first, then document, then position in the text) ...
create index review_items_queue on review_items (rank, document_id, source_start, pointer collate "C", ord);
-- ... a document's items (the queue for one document, the counts with a flag filter, rewriting them) ...
create index review_items_document on review_items (document_id, rank);
-- ... and the flag filter.
create index review_items_flags on review_items using gin (flags);
