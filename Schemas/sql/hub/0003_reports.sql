-- Province reports and supervision: the CDSi date arithmetic the HPV report judges doses with,
-- the typed columns of call outcomes, and the clinics' assist usage.

-- A date plus years, then months, then days, the CDSi way (CALCDT-1…6): a day that does not exist
-- in the target month moves to the 1st of the next month (roll_forward) or to the month's last
-- day (clamp). The same arithmetic as ScreenVaxCore's CalendarDate.adding; inlined by the planner.
CREATE FUNCTION hub_add_period(d date, years integer, months integer, days integer, roll_forward boolean) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE
        WHEN extract(day FROM d) <= extract(day FROM (date_trunc('month', d::timestamp) + make_interval(years => years, months => months)
                                                        + interval '1 month - 1 day'))
            THEN (date_trunc('month', d::timestamp) + make_interval(years => years, months => months))::date + (extract(day FROM d)::integer - 1)
        WHEN roll_forward
            THEN (date_trunc('month', d::timestamp) + make_interval(years => years, months => months) + interval '1 month')::date
        ELSE (date_trunc('month', d::timestamp) + make_interval(years => years, months => months) + interval '1 month - 1 day')::date
    END) + days
$$;

-- What the HPV report reads: enrolments per programme, doses and AEFI by day.
CREATE INDEX hub_roster_entries_programme ON hub_roster_entries (programme);
CREATE INDEX hub_doses_date ON hub_doses (dose_date);

-- call_outcome records (Schemas/sync/call_outcome.schema.json): one dial each, no personal data.
ALTER TABLE hub_call_outcomes ADD COLUMN day date;
ALTER TABLE hub_call_outcomes ADD COLUMN outcome text;
ALTER TABLE hub_call_outcomes ADD COLUMN attempt integer;
ALTER TABLE hub_call_outcomes ADD COLUMN source text;
ALTER TABLE hub_call_outcomes ADD COLUMN call_status text;
ALTER TABLE hub_call_outcomes ADD COLUMN escalated integer;
CREATE INDEX hub_call_outcomes_day ON hub_call_outcomes (day);

-- assist_usage records: one per clinic, day and service, at its latest totals.
CREATE TABLE hub_assist_usage (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    clinic             text NOT NULL,
    day                date NOT NULL,
    service            text NOT NULL,
    hook_calls         integer NOT NULL,
    cards_shown        integer NOT NULL,
    ai_calls           integer NOT NULL,
    ai_failures        integer NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_assist_usage_day ON hub_assist_usage (day);
DO $$
BEGIN
    FOR r IN 0..7 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF hub_assist_usage FOR VALUES WITH (MODULUS 8, REMAINDER %s)', 'hub_assist_usage_p' || r, r);
    END LOOP;
END
$$;
