-- Documents are keyed by content: identical bytes are one document whatever their name or batch.
create table documents (
  id text primary key,
  seq bigint generated always as identity unique,
  sha256 text not null unique,
  file_name text,
  content_type text,
  format text not null,
  size integer not null,
  bytes bytea not null,
  status text not null check (status in ('queued', 'processing', 'done', 'failed')),
  failure_reason text,
  failure_message text,
  -- Bumped by every reprocess request: a job for an older generation is stale and does nothing.
  generation integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index documents_pending on documents (seq) where status in ('queued', 'processing');

create table batches (
  id text primary key,
  seq bigint generated always as identity unique,
  name text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

create table batch_documents (
  batch_id text not null references batches (id) on delete cascade,
  document_id text not null references documents (id) on delete cascade,
  file_name text,
  added_at timestamptz not null default now(),
  primary key (batch_id, document_id)
);
create index batch_documents_document on batch_documents (document_id);

-- One row per (document, extractor version): a job that runs twice overwrites its own row.
create table extractions (
  document_id text not null references documents (id) on delete cascade,
  extractor_version text not null,
  extraction jsonb not null,
  text text not null,
  province text,
  year integer,
  needs_review boolean not null,
  runs integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (document_id, extractor_version)
);

create table idempotency_keys (
  key text primary key,
  fingerprint text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now()
);

-- Outbox: webhook events are written in the same transaction as the state change that causes them.
create table webhook_deliveries (
  id bigint generated always as identity primary key,
  event text not null,
  payload jsonb not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where delivered_at is null;
