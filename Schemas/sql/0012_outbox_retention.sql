-- Outbox retention: once the platform has acknowledged an entry (state 'sent'), its wire JSON is
-- dropped after the retention period (`sync prune --keep-days`, and every `sync run` cycle): the
-- payload becomes '' and pruned_at says when. The row itself (record type, uuid, version, when it
-- was created, sent and pruned) stays for audit; a pending or dead entry is never pruned.
ALTER TABLE outbox ADD COLUMN pruned_at TEXT;

-- Only the acknowledged entries that still hold a payload: what a prune has left to look at, so
-- that a prune every cycle does not walk the whole history.
CREATE INDEX outbox_prunable ON outbox(sent_at) WHERE state = 'sent' AND pruned_at IS NULL;
