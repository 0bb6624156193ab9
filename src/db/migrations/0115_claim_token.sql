-- Which processing attempt last claimed the document: a job whose claim reached the database but whose answer was
-- lost (the connection cut by an outage) claims again with the same token after the outage, and that second claim
-- does not count a second attempt (an infrastructure failure never counts against the document).
alter table documents add column claim_token text;
