-- People across counties. A person is each county's own record; the resident ID links them
-- province-wide and never merges or overwrites them.
CREATE VIEW hub_person_links AS
    SELECT resident_id, array_agg(county_code ORDER BY county_code, uuid) AS counties,
           array_agg(uuid ORDER BY county_code, uuid) AS person_uuids
    FROM hub_persons WHERE resident_id IS NOT NULL
    GROUP BY resident_id;

-- What the linking finds wrong, kept until it no longer holds (then resolved_at is set; it opens
-- again if it comes back). conflict_key names one conflict: kind, resident ID and what it is
-- about (a programme, a service). counties and records are every county and record involved.
-- Not partitioned: a conflict spans counties (with Citus a reference table).
CREATE TABLE hub_conflicts (
    id            bigserial PRIMARY KEY,
    conflict_key  text NOT NULL UNIQUE,
    kind          text NOT NULL CHECK (kind IN ('id_conflict', 'duplicate_enrolment', 'duplicate_pregnancy', 'duplicate_service')),
    resident_id   text NOT NULL,
    counties      text[] NOT NULL,
    records       jsonb NOT NULL,
    record_uuids  text[] NOT NULL,
    detected_at   timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    resolved_at   timestamptz
);
CREATE INDEX hub_conflicts_open_resident ON hub_conflicts (resident_id) WHERE resolved_at IS NULL;
CREATE INDEX hub_conflicts_counties ON hub_conflicts USING gin (counties);
CREATE INDEX hub_conflicts_record_uuids ON hub_conflicts USING gin (record_uuids) WHERE resolved_at IS NULL;

-- The resident IDs that a batch's records lead to: a person's own; a roster entry's, a
-- pregnancy's, a newborn's through their person; a result's through its pregnancy or newborn.
CREATE FUNCTION hub_touched_resident_ids(county text, kinds text[], uuids text[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
    WITH r AS (SELECT k, u FROM unnest(kinds, uuids) AS x(k, u))
    SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
        SELECT p.resident_id AS id FROM r JOIN hub_persons p ON p.county_code = county AND p.uuid = r.u WHERE r.k = 'person'
        UNION ALL
        SELECT p.resident_id FROM r JOIN hub_roster_entries e ON e.county_code = county AND e.uuid = r.u
            JOIN hub_persons p ON p.county_code = county AND p.uuid = e.person_uuid WHERE r.k = 'roster_entry'
        UNION ALL
        SELECT p.resident_id FROM r JOIN hub_pregnancies g ON g.county_code = county AND g.uuid = r.u
            JOIN hub_persons p ON p.county_code = county AND p.uuid = g.person_uuid WHERE r.k = 'pregnancy'
        UNION ALL
        SELECT p.resident_id FROM r JOIN hub_newborns n ON n.county_code = county AND n.uuid = r.u
            JOIN hub_persons p ON p.county_code = county AND p.uuid = n.person_uuid WHERE r.k = 'newborn'
        UNION ALL
        SELECT p.resident_id FROM r JOIN hub_screening_results s ON s.county_code = county AND s.uuid = r.u
            JOIN hub_pregnancies g ON g.county_code = county AND g.uuid = s.pregnancy_uuid
            JOIN hub_persons p ON p.county_code = county AND p.uuid = g.person_uuid
            WHERE r.k = 'screening_result' AND s.subject = 'pregnancy'
        UNION ALL
        SELECT p.resident_id FROM r JOIN hub_screening_results s ON s.county_code = county AND s.uuid = r.u
            JOIN hub_newborns n ON n.county_code = county AND n.uuid = s.newborn_uuid
            JOIN hub_persons p ON p.county_code = county AND p.uuid = n.person_uuid
            WHERE r.k = 'screening_result' AND s.subject = 'newborn'
        UNION ALL
        -- A changed record can end a conflict it was part of (a corrected name, a closed pregnancy).
        SELECT c.resident_id FROM hub_conflicts c WHERE c.resolved_at IS NULL AND c.record_uuids && uuids
    ) t WHERE id IS NOT NULL
$$;

-- The conflicts that hold now for some resident IDs: one row per conflict_key.
-- same_pregnancy_days: two registrations of one woman whose LMPs lie this close are one pregnancy
-- (the screening programme's same_pregnancy_tolerance_days).
CREATE FUNCTION hub_detect_conflicts(ids text[], same_pregnancy_days integer) RETURNS TABLE (
    conflict_key text, kind text, resident_id text, counties text[], records jsonb, record_uuids text[])
LANGUAGE sql STABLE AS $$
    WITH p AS (
        SELECT hp.county_code, hp.uuid, hp.resident_id, hp.name, hp.birth_date FROM hub_persons hp WHERE hp.resident_id = ANY(ids)
    ), linked AS (
        SELECT p.* FROM p WHERE p.resident_id IN (SELECT resident_id FROM p GROUP BY resident_id HAVING count(DISTINCT county_code) > 1)
    ), enrolled AS (
        SELECT l.resident_id, r.programme, r.county_code, r.uuid
        FROM linked l JOIN hub_roster_entries r ON r.county_code = l.county_code AND r.person_uuid = l.uuid
    ), open_pregnancies AS (
        SELECT l.resident_id, pg.county_code, pg.uuid
        FROM linked l JOIN hub_pregnancies pg ON pg.county_code = l.county_code AND pg.person_uuid = l.uuid
        WHERE pg.outcome IS NULL AND pg.closed_on IS NULL
    ), prenatal AS (
        SELECT l.resident_id, s.service, s.county_code, s.uuid, pg.lmp
        FROM linked l JOIN hub_pregnancies pg ON pg.county_code = l.county_code AND pg.person_uuid = l.uuid
        JOIN hub_screening_results s ON s.county_code = pg.county_code AND s.pregnancy_uuid = pg.uuid
        WHERE s.subject = 'pregnancy' AND s.subsidised
    ), neonatal AS (
        SELECT l.resident_id, s.service, s.county_code, s.uuid
        FROM linked l JOIN hub_newborns nb ON nb.county_code = l.county_code AND nb.person_uuid = l.uuid
        JOIN hub_screening_results s ON s.county_code = nb.county_code AND s.newborn_uuid = nb.uuid
        WHERE s.subject = 'newborn' AND s.subsidised
    ), found AS (
        -- id_conflict: the same ID with another name or birth date.
        SELECT 'id_conflict' AS kind, l.resident_id, '' AS about, l.county_code, 'person' AS type, l.uuid
        FROM linked l WHERE l.resident_id IN (
            SELECT resident_id FROM linked GROUP BY resident_id HAVING count(DISTINCT (name, birth_date)) > 1)
        UNION ALL
        -- duplicate_enrolment: on two counties' rosters for the same programme.
        SELECT 'duplicate_enrolment', e.resident_id, e.programme, e.county_code, 'roster_entry', e.uuid
        FROM enrolled e WHERE (e.resident_id, e.programme) IN (
            SELECT resident_id, programme FROM enrolled GROUP BY 1, 2 HAVING count(DISTINCT county_code) > 1)
        UNION ALL
        -- duplicate_pregnancy: her open pregnancy registered in two counties.
        SELECT 'duplicate_pregnancy', g.resident_id, '', g.county_code, 'pregnancy', g.uuid
        FROM open_pregnancies g WHERE g.resident_id IN (
            SELECT resident_id FROM open_pregnancies GROUP BY 1 HAVING count(DISTINCT county_code) > 1)
        UNION ALL
        -- duplicate_service: one pregnancy (the same woman, LMPs within same_pregnancy_days)
        -- screened and subsidised for the same service in two counties.
        SELECT DISTINCT 'duplicate_service', a.resident_id, 'pregnancy:' || a.service, a.county_code, 'screening_result', a.uuid
        FROM prenatal a JOIN prenatal b
          ON b.resident_id = a.resident_id AND b.service = a.service AND b.county_code <> a.county_code
             AND abs(a.lmp - b.lmp) <= same_pregnancy_days
        UNION ALL
        -- duplicate_service: one newborn (by her own ID) screened and subsidised in two counties.
        SELECT 'duplicate_service', n.resident_id, 'newborn:' || n.service, n.county_code, 'screening_result', n.uuid
        FROM neonatal n WHERE (n.resident_id, n.service) IN (
            SELECT resident_id, service FROM neonatal GROUP BY 1, 2 HAVING count(DISTINCT county_code) > 1)
    )
    SELECT f.kind || ':' || f.resident_id || ':' || f.about, f.kind, f.resident_id,
           array_agg(DISTINCT f.county_code ORDER BY f.county_code),
           jsonb_agg(jsonb_build_object('county_code', f.county_code, 'type', f.type, 'uuid', f.uuid) ORDER BY f.county_code, f.uuid),
           array_agg(f.uuid ORDER BY f.county_code, f.uuid)
    FROM found f GROUP BY f.kind, f.resident_id, f.about
$$;
