-- A batch's records are checked against every other county's (a county pushes only its own
-- records) by uuid alone: without this index each batch read the whole version log, and ingest
-- slowed as the hub filled.
CREATE INDEX hub_record_versions_uuid ON hub_record_versions (uuid);
