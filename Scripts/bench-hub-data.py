#!/usr/bin/env python3
"""Synthetic county registries for Scripts/bench-hub.sh: each county's outbox (OUT/counties/C.sqlite,
copied from a migrated registry) filled with the wire records its registry would write, and the same
records as COPY input for the floor (OUT/copy/TYPE.tsv: county, uuid, version, data).

    bench-hub-data.py OUT SCALE COUNTY...

At scale 1.0: 248,000 girls (person, roster entry, their doses) and 144,000 pregnancies (woman,
pregnancy, prenatal results; for a live birth the baby, newborn and newborn results), spread evenly
over the counties. About 1% of girls are also on a neighbouring county's roster and about 0.5% of
women registered in two counties, so that people are matched across counties as in the field.
Prints "<summary>" then the number of records."""
import json
import os
import random
import sqlite3
import sys
import uuid
from datetime import date, timedelta

out, scale, counties = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
rng = random.Random(16)
girls_per_county = max(1, round(248_000 * scale / len(counties)))
pregnancies_per_county = max(1, round(144_000 * scale / len(counties)))
W = [8, 7, 9, 10, 5, 4, 3, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def resident_id(region, born, serial):
    first = region + born.strftime("%Y%m%d") + "%03d" % (serial % 1000)
    return first + CHECK[sum(int(d) * w for d, w in zip(first, W)) % 11]


def new_uuid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def day(start, end):
    return start + timedelta(days=rng.randrange((end - start).days + 1))


outboxes = {c: [] for c in counties}
copy = {}


def emit(county, kind, data):
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    outboxes[county].append((kind, data["uuid"], data["version"], payload))
    copy.setdefault(kind, []).append("%s\t%s\t%d\t%s\n" % (county, data["uuid"], data["version"], payload.replace("\\", "\\\\")))


def person(county, rid, name, born, sex):
    u = new_uuid()
    emit(county, "person", {"uuid": u, "version": 1, "resident_id": rid, "name": name, "birth_date": born.isoformat(),
                            "sex": sex, "phone": None})
    return u


def roster(county, person_uuid):
    consent = rng.choices(["given", "declined", "unknown"], [90, 5, 5])[0]
    emit(county, "roster_entry", {
        "uuid": new_uuid(), "version": 1, "person_uuid": person_uuid, "programme": "hpv-2023", "county_code": county,
        "school": "第%d中学" % rng.randrange(1, 9), "class_name": "%d班" % rng.randrange(1, 12), "guardian_name": "家长",
        "guardian_phone": "138%08d" % rng.randrange(10**8), "prior_vaccination": rng.random() < 0.01, "consent": consent,
        "refusal_reason": "担心" if consent == "declined" else None, "consent_source": "roster"})
    return consent


def dose(county, person_uuid, on):
    emit(county, "dose", {
        "uuid": new_uuid(), "version": 1, "person_uuid": person_uuid, "date": on.isoformat(),
        "product": rng.choice(["cecolin", "walrinvax"]), "lot": "L%d" % rng.randrange(1, 20), "expiry": "2026-12-31",
        "site": "left_deltoid", "clinic": "门诊", "vaccinator": "接种员", "historical": False})


def result(county, service, pregnancy_uuid, newborn_uuid, on):
    outcome = rng.choices(["negative", "positive", "rescreen"], [95, 3, 2])[0]
    emit(county, "screening_result", {
        "uuid": new_uuid(), "version": 1, "service": service, "subject": "newborn" if newborn_uuid else "pregnancy",
        "pregnancy_uuid": pregnancy_uuid, "newborn_uuid": newborn_uuid, "performed_at": on.isoformat(),
        "institution": "妇幼保健院", "values": {}, "conclusion": None, "outcome": outcome,
        "positive": True if outcome == "positive" else (False if outcome == "negative" else None),
        "rule_version": "2023.1", "attempt": 1, "repeat": False, "subsidised": True, "flags": [], "county_code": county})


girls = women = 0
for ci, county in enumerate(counties):
    neighbour = counties[(ci + 1) % len(counties)]
    for i in range(girls_per_county):
        born = day(date(2009, 1, 1), date(2011, 12, 31))
        rid = resident_id(county, born, i)
        places = [county] + ([neighbour] if rng.random() < 0.01 else [])
        for place in places:
            p = person(place, rid, "学生%d" % i, born, "F")
            consent = roster(place, p)
            girls += 1
            if consent == "declined" or place != county:
                continue
            if rng.random() < 0.85:
                first = day(date(2023, 9, 1), date(2023, 12, 20))
                dose(place, p, first)
                if rng.random() < 0.8:
                    dose(place, p, first + timedelta(days=rng.randrange(183, 215)))
    for i in range(pregnancies_per_county):
        born = day(date(1985, 1, 1), date(2001, 12, 31))
        rid = resident_id(county, born, 500 + i)
        lmp = day(date(2022, 12, 1), date(2023, 9, 30))
        edd = lmp + timedelta(days=280)
        places = [county] + ([neighbour] if rng.random() < 0.005 else [])
        for place in places:
            woman = person(place, rid, "孕妇%d" % i, born, "F")
            outcome = rng.choices(["live_birth", "miscarriage", None], [88, 4, 8])[0]
            closed = (edd - timedelta(days=rng.randrange(0, 14))) if outcome == "live_birth" else \
                (lmp + timedelta(days=rng.randrange(60, 120)) if outcome else None)
            pg = new_uuid()
            emit(place, "pregnancy", {
                "uuid": pg, "version": 1, "person_uuid": woman, "programme": "screening-2023", "county_code": place,
                "phone": "139%08d" % rng.randrange(10**8), "dating": "lmp", "dating_input": lmp.isoformat(),
                "lmp": lmp.isoformat(), "edd": edd.isoformat(), "registered_on": (lmp + timedelta(days=56)).isoformat(),
                "outcome": outcome, "closed_on": closed.isoformat() if closed else None})
            women += 1
            for service, week in (("thal_gene", 10), ("nt", 12), ("serum", 16), ("anomaly_us", 22)):
                if rng.random() < 0.8 and (closed is None or lmp + timedelta(weeks=week) < closed):
                    result(place, service, pg, None, lmp + timedelta(weeks=week, days=rng.randrange(7)))
            if outcome != "live_birth":
                continue
            baby = person(place, None, "新生儿%d" % i, closed, rng.choice("FM"))
            nb = new_uuid()
            emit(place, "newborn", {
                "uuid": nb, "version": 1, "pregnancy_uuid": pg, "person_uuid": baby, "birth_order": 1,
                "born_at": closed.isoformat() + "T08:30", "sex": "F", "gestational_weeks": 39, "birth_weight_g": 3200,
                "facility": "妇幼保健院", "county_code": place})
            for service, days in (("chd", 1), ("hearing", 2), ("metabolic", 4), ("deaf_gene", 4)):
                if rng.random() < 0.9:
                    result(place, service, pg, nb, closed + timedelta(days=days))

total = 0
for county, rows in outboxes.items():
    db = sqlite3.connect(os.path.join(out, "counties", county + ".sqlite"))
    db.executemany("INSERT INTO outbox (record_type, record_uuid, version, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                   [r + ("2024-07-01T08:00:00+08:00",) for r in rows])
    db.commit()
    db.close()
    total += len(rows)
os.makedirs(os.path.join(out, "copy"), exist_ok=True)
for kind, lines in copy.items():
    with open(os.path.join(out, "copy", kind + ".tsv"), "w") as f:
        f.writelines(lines)
print("%d roster entries (girls), %d pregnancies, %d records (%s)" % (
    girls, women, total, ", ".join("%s %d" % (k, len(v)) for k, v in sorted(copy.items()))))
print(total)
