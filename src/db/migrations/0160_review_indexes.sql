-- Review reads, measured over 10,000 pending fields (npm run bench review):
-- the queue's order as the query spells it (document ids compared byte for byte, like pointers), so the index
-- serves the page without sorting every item ...
drop index if exists review_items_queue;
create index review_items_queue on review_items (rank, document_id collate "C", source_start, pointer collate "C", ord);
-- ... the page's rows are read back by their keys (document, position) ...
drop index if exists review_items_document;
create index review_items_document on review_items (document_id, ord);
-- ... and every review read names each document's first batch: one index entry, no sort.
create index if not exists batch_documents_first on batch_documents (document_id, added_at, batch_id);
drop index if exists batch_documents_document;
