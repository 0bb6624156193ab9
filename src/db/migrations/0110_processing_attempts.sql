-- Poison quarantine: every processing attempt is counted before parsing starts, so an attempt that takes the
-- process down (out of memory, kill -9, crashed worker) is still counted; past the limit the document is failed
-- as `poison` instead of being picked up again. Progress of long reads (pages read / OCR'd so far).
alter table documents add column attempts integer not null default 0;
alter table documents add column pages_done integer;
alter table documents add column pages_total integer;
