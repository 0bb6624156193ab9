-- Reviewer names in the history: a correction records the name (label) of the key that made it, as it was at
-- that moment, so the history reads "Nguyễn Thị Lan" rather than a key id. Rows written before this column
-- existed show the key's current name (src/review/records.ts).
alter table review_corrections add column if not exists reviewer text;
