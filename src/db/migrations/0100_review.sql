-- Review workflow: API keys, field claims and append-only corrections.
-- Documents and machine extractions belong to the service's own tables; this file refers to them by
-- document_id / extractor_version text only, so it applies whatever order the service's migrations take.

CREATE TABLE IF NOT EXISTS api_keys (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('uploader', 'reviewer', 'reader', 'admin')),
  -- sha256 (hex) of the secret part of the key; the key itself is shown once and never stored.
  secret_hash  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text,
  revoked_at   timestamptz,
  last_used_at timestamptz
);

CREATE TABLE IF NOT EXISTS review_claims (
  id          text NOT NULL UNIQUE,
  document_id text NOT NULL,
  pointer     text NOT NULL,
  key_id      text NOT NULL REFERENCES api_keys (id),
  claimed_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (document_id, pointer)
);

-- Append-only: rows are never updated or deleted. A revert is a new row; staleness after a re-extraction
-- is computed when corrections are replayed, so it always reflects the current machine extraction.
CREATE TABLE IF NOT EXISTS review_corrections (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id       text NOT NULL,
  -- Per-document revision: the unique constraint turns two concurrent writers into one winner and one conflict.
  seq               integer NOT NULL CHECK (seq > 0),
  key_id            text NOT NULL REFERENCES api_keys (id),
  kind              text NOT NULL CHECK (kind IN ('patch', 'accept', 'revert')),
  ops               jsonb NOT NULL,
  changes           jsonb NOT NULL,
  comment           text,
  reverts           bigint REFERENCES review_corrections (id),
  extractor_version text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, seq)
);

CREATE INDEX IF NOT EXISTS review_corrections_document ON review_corrections (document_id, seq);

-- The history is an audit trail: refuse edits at the database, not only in the code.
CREATE OR REPLACE FUNCTION review_corrections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review_corrections is append-only (% refused)', TG_OP;
END
$$;
DROP TRIGGER IF EXISTS review_corrections_append_only ON review_corrections;
CREATE TRIGGER review_corrections_append_only BEFORE UPDATE OR DELETE ON review_corrections
  FOR EACH ROW EXECUTE FUNCTION review_corrections_append_only();
