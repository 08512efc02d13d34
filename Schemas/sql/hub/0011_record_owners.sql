-- The county each record (uuid) belongs to: a county pushes only its own records (403).
--
-- The check read the version log by uuid (`uuid = ANY(…) AND county_code <> … LIMIT 1`, migration
-- 0009's index). The version log is partitioned and its parent is never analysed: the planner took
-- the 500 uuids of a batch to match most of it, and with LIMIT 1 chose a sequential scan of every
-- partition, which finds nothing for a batch of new records and so read the whole log, once per
-- batch. Here each uuid is one row: the batch's transaction inserts its uuids in order
-- (ON CONFLICT DO NOTHING, by the primary key: no plan to choose), and only uuids already here are
-- looked up again. A second county's batch with the same new uuid waits for the first to commit,
-- then finds it taken: the check no longer has a window in which both pass.
-- Not partitioned by county: keyed by uuid (with Citus, distributed by uuid).
CREATE TABLE hub_record_owners (
    uuid         text PRIMARY KEY,
    county_code  text NOT NULL
);

INSERT INTO hub_record_owners (uuid, county_code)
SELECT DISTINCT ON (uuid) uuid, county_code FROM hub_record_versions ORDER BY uuid, received_at, county_code;

-- Only the ownership check read the version log by uuid.
DROP INDEX hub_record_versions_uuid;
