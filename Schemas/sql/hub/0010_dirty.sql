-- What batches stored that the hub's derived state (conflicts, the HPV girls, the screening
-- subjects and figures) has not caught up with yet. A batch's transaction writes these notes
-- with its records and nothing derived: working the state out per batch made ingest about 50x
-- PostgreSQL's COPY. The deriver (`hub serve`, and every reader of derived state before it reads)
-- takes them in large chunks, works out the state for all of them at once, and deletes the notes
-- it took in that same transaction: a crash leaves them to be taken again.
--
-- target: 'conflicts', 'hpv' or 'screening' (each is taken on its own, by whoever reads it).
-- record_type and uuid: a stored record; or 'person_key' and the key a person had before the
-- batch changed her (a changed resident ID moves her records from one girl or woman to another,
-- and the one they leave is worked out again too).
-- No primary key: id is only the order notes are taken in.
CREATE TABLE hub_dirty (
    id           bigserial NOT NULL,
    target       text NOT NULL,
    county_code  text NOT NULL,
    record_type  text NOT NULL,
    uuid         text NOT NULL
);
CREATE INDEX hub_dirty_target_id ON hub_dirty (target, id);
