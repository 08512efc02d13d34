#!/usr/bin/env bash
# Performance figures (not a test): prints measurements and their ratios to the named floors.
# Usage: bash Scripts/bench.sh [hpv|hpv-xlsx|forecast|screening|sync|calls|web|assist|hub|all]   Scratch files go to bench-out/.
#   hpv        roster import of 248,000 girls vs sqlite3 .import, re-import, due list, report; then push
#              the outbox, prune it (--keep-days 0) and VACUUM: the register's size after retention;
#              first the same 30,000 rows as xlsx and as CSV (hpv-xlsx alone runs only that)
#   forecast   CDSi and label forecasts, and the programme's due list, of 248,000 girls (in process)
#   screening  a province year of screening: lab import vs .import, report, recall list
#   sync       push 500,000 records to the receiver vs one keep-alive curl process
#   calls      plan the day's calls for a province register vs the work lists it reads; export, import results
#   web        a 30,000-girl county: work list cold/warm, hostile multipart uploads, p50/p99 of pages
#              and API calls under wrk
#   assist     CDS Hooks latency of `serve` at 200 requests/s on a province-sized registry (wrk)
#   hub        100 county registries pushed to `hub serve` (PostgreSQL) by 8 processes vs COPY; province
#              reports and the hub's memory (HUB_BENCH_SCALE=0.1 default, 1.0 the province year)
# BENCH_BIN=PATH uses that release screenvax instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash Scripts/setup.sh time >/dev/null

what=${1:-all}
out=bench-out
mkdir -p "$out"
# BENCH_BIN=PATH: an already built release screenvax (another worktree's, say) instead of building
# one here; the figures are then that build's.
if [ -n "${BENCH_BIN:-}" ]; then
    bin=$(realpath "$BENCH_BIN")
    export HUB_BENCH_BIN="${HUB_BENCH_BIN:-$bin}" BENCH_BIN="$bin"
else
    swift build -c release --product screenvax >/dev/null
    bin=.build/release/screenvax
fi
export SCREENVAX_OPERATOR=bench

# Runs a command under /usr/bin/time; sets $secs (wall), $cpu (user + system) and $peak_mb.
# The machine is shared: CPU seconds are the steadier figure, wall seconds what a user waits.
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@"
    read -r secs user sys kb < "$out/time.txt"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    peak_mb=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }

# The same 30,000 synthetic rows as an xlsx workbook (XLSXWriter) and as CSV, each imported into a
# fresh register: the xlsx import within 2x the CSV's time, at flat memory.
bench_hpv_xlsx() {
    local rows=30000 csv="$out/roster-30k.csv" xlsx="$out/roster-30k.xlsx"
    echo "== HPV roster as xlsx vs CSV: $rows rows"
    "$bin" demo roster --rows "$rows" --out "$csv" --seed 11 2>/dev/null
    "$bin" demo roster --rows "$rows" --out "$xlsx" --seed 11 2>/dev/null
    echo "files: CSV $(du -h "$csv" | cut -f1), xlsx $(du -h "$xlsx" | cut -f1)"
    rm -f "$out/csv30k.sqlite"* "$out/xlsx30k.sqlite"*
    measure "$bin" --db "$out/csv30k.sqlite" hpv import "$csv" --format json > "$out/import-30k-csv.json"
    local csv_s=$secs csv_cpu=$cpu csv_mb=$peak_mb
    measure "$bin" --db "$out/xlsx30k.sqlite" hpv import "$xlsx" --format json > "$out/import-30k-xlsx.json"
    echo "CSV:  ${csv_s} s wall, ${csv_cpu} s CPU, peak ${csv_mb} MB"
    echo "xlsx: ${secs} s wall, ${cpu} s CPU, peak ${peak_mb} MB"
    echo "  ratio xlsx/CSV: $(ratio "$secs" "$csv_s")x wall, $(ratio "$cpu" "$csv_cpu")x CPU (target <= 2x); memory $(ratio "$peak_mb" "$csv_mb")x"
    python3 -c "
import json
a, b = (json.load(open('$out/import-30k-%s.json' % k)) for k in ('csv', 'xlsx'))
keys = ('rows', 'imported', 'excluded', 'rejected')
print('  same result: %s (%s)' % (all(a[k] == b[k] for k in keys), ', '.join('%s %d' % (k, b[k]) for k in keys)))"
}

bench_hpv() {
    bench_hpv_xlsx
    local rows=248000 roster="$out/roster-248k.csv" db="$out/hpv.sqlite" floor="$out/floor.sqlite"
    echo "== HPV cohort register: $rows girls, the 11 cities' plan shares"
    "$bin" demo roster --rows "$rows" --out "$roster" --seed 7 2>/dev/null
    echo "roster: $(du -h "$roster" | cut -f1), $(($(wc -l < "$roster") - 1)) rows"

    rm -f "$floor" "$floor"-*
    measure sqlite3 "$floor" -cmd ".mode csv" ".import $roster roster"
    local floor_s=$secs floor_cpu=$cpu
    echo "floor  sqlite3 .import into a plain table: ${floor_s} s wall, ${floor_cpu} s CPU ($(rate $rows "$floor_s") rows/s), peak ${peak_mb} MB"

    designed_writes "$floor" "$floor_cpu"

    rm -f "$db" "$db"-*
    measure "$bin" --db "$db" hpv import "$roster" --format json > "$out/import.json"
    local import_s=$secs import_mb=$peak_mb
    echo "import with full validation, persons, enrolments, outbox, audit: ${import_s} s wall, ${cpu} s CPU ($(rate $rows "$import_s") rows/s), peak ${import_mb} MB"
    echo "  ratio to floor: $(ratio "$import_s" "$floor_s")x wall, $(ratio "$cpu" "$floor_cpu")x CPU (target <= 3x); peak memory target < 150 MB"
    python3 -c "import json,sys; r=json.load(open('$out/import.json')); print('  counts: rows %(rows)d imported %(imported)d excluded %(excluded)d rejected %(rejected)d' % r)"

    measure "$bin" --db "$db" hpv import "$roster" --format json > "$out/reimport.json"
    python3 -c "import json; r=json.load(open('$out/reimport.json')); print('re-import: %s s, imported %d, unchanged %d (nothing changes)' % ('$secs', r['imported'], r['unchanged']))"
    # The register of girls as the import leaves it, for the retention step at the end.
    rm -f "$out/register.sqlite" "$out/register.sqlite"-*
    sqlite3 "$db" ".backup '$out/register.sqlite'"

    measure "$bin" --db "$db" demo doses --as-of 2024-05-06 2>/dev/null
    echo "synthetic doses recorded (one transaction): ${secs} s"

    SCREENVAX_TIMING=1 measure "$bin" --db "$db" hpv due --as-of 2024-05-06 --format csv > "$out/due.csv" 2> "$out/due-timing.txt"
    echo "due list for the province (load + forecast all + sort + print): ${secs} s wall, ${cpu} s CPU, peak ${peak_mb} MB, $(($(wc -l < "$out/due.csv") - 1)) girls due"
    echo "  $(grep timing "$out/due-timing.txt" || true)  (target: forecast of all 248,000 under 1 s)"
    head -4 "$out/due.csv" | cut -c1-120
    measure "$bin" --db "$db" report hpv --as-of 2024-05-06 --format json > "$out/report.json"
    echo "coverage report: ${secs} s"

    outbox_retention "$out/register.sqlite"
}

# MB of a database file, and of the outbox's table and indexes in it (SQLite's dbstat).
file_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }
outbox_mb() {
    sqlite3 "$1" "SELECT printf('%.0f', SUM(pgsize) / 1048576.0) FROM dbstat WHERE name = 'outbox' OR name LIKE 'outbox_%' OR name LIKE 'sqlite_autoindex_outbox%'"
}

# The register of 248,000 girls (as imported) after the hub has acknowledged everything. The
# register spans the province and a county's token pushes only its own county, so the hub's
# acknowledgement is written directly (what `sync push` records on a 200); the push itself is
# measured by `bench.sh sync`. `sync prune --keep-days 0` then drops every acknowledged payload
# (the rows stay) and VACUUM gives the pages back. Target: the file under 200 MB.
outbox_retention() {
    local db=$1
    echo "== outbox retention: every record acknowledged, prune with --keep-days 0, VACUUM"
    echo "register before: $(file_mb "$db") MB, of which the outbox $(outbox_mb "$db") MB; $("$bin" --db "$db" db info | grep '^outbox:')"
    local acked_at
    acked_at=$(TZ=Asia/Shanghai date -d '-1 day' +%Y-%m-%dT%H:%M:%S+08:00)
    measure sqlite3 "$db" "UPDATE outbox SET state = 'sent', sent_at = '$acked_at' WHERE state = 'pending'"
    echo "acknowledged: ${secs} s"
    measure "$bin" --db "$db" sync prune --keep-days 0 > "$out/prune.txt"
    echo "sync prune --keep-days 0: ${secs} s wall, ${cpu} s CPU, peak ${peak_mb} MB: $(cat "$out/prune.txt")"
    measure sqlite3 "$db" "VACUUM"
    echo "VACUUM: ${secs} s"
    echo "register after: $(file_mb "$db") MB (target < 200 MB), of which the outbox $(outbox_mb "$db") MB"
}

# The rows the design writes per girl, inserted by SQLite itself from the floor's table (no Swift, no
# validation, INSERT ... SELECT): a lower bound for any import that keeps a person row, an enrolment
# row and an outbox entry with wire JSON per record, each with the indexes the register needs.
designed_writes() {
    local floor=$1 floor_cpu=$2 x="$out/designed.sqlite" ts="'2026-11-29T09:00:00+08:00'"
    local persons="INSERT INTO persons (uuid, version, resident_id, name, birth_date, sex, created_at, updated_at)
        SELECT printf('%08x-0000-7000-8000-%012x', rowid, abs(random()) % 281474976710656), 1, \"身份证号码\", \"学生姓名\", \"出生日期\", 'F', $ts, $ts FROM f.roster;"
    local enrolments="INSERT INTO hpv_enrollments (uuid, version, programme, person_id, county_code, city_code, area_text, school, class_name,
          guardian_name, guardian_phone, prior_vaccination, consent, refusal_reason, consent_source, source_file, source_row, created_at, updated_at)
        SELECT printf('%08x-0000-7000-9000-%012x', r.rowid, abs(random()) % 281474976710656), 1, 'hpv-2023', p.id, '360102', '360100', r.\"地区\",
          r.\"在读学校\", r.\"班级\", r.\"监护人姓名\", r.\"监护人电话\", 0, 'given', '', 'roster', 'roster.csv', r.rowid, $ts, $ts
        FROM f.roster r JOIN persons p ON p.resident_id = r.\"身份证号码\";"
    local outbox="INSERT INTO outbox (record_type, record_uuid, version, payload, created_at)
          SELECT 'person', uuid, 1, json_object('uuid', uuid, 'version', 1, 'resident_id', resident_id, 'name', name, 'birth_date', birth_date, 'sex', sex), created_at FROM persons;
        INSERT INTO outbox (record_type, record_uuid, version, payload, created_at)
          SELECT 'roster_entry', uuid, 1, json_object('uuid', uuid, 'version', 1, 'programme', programme, 'county_code', county_code, 'school', school,
            'class_name', class_name, 'guardian_name', guardian_name, 'guardian_phone', guardian_phone, 'prior_vaccination', json('false'),
            'consent', consent, 'refusal_reason', refusal_reason, 'consent_source', consent_source), created_at FROM hpv_enrollments;"
    local pragmas="PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA foreign_keys = ON; ATTACH '$floor' AS f;"
    for what in "persons" "persons + enrolments" "persons + enrolments + outbox"; do
        rm -f "$x" "$x"-*
        cat Schemas/sql/0*.sql | sqlite3 "$x" >/dev/null
        local sql="$persons"
        [ "$what" != "persons" ] && sql="$sql $enrolments"
        [ "$what" = "persons + enrolments + outbox" ] && sql="$sql $outbox"
        measure sqlite3 "$x" "$pragmas BEGIN; $sql COMMIT;" >/dev/null
        echo "  SQLite alone, INSERT ... SELECT of $what: ${cpu} s CPU = $(ratio "$cpu" "$floor_cpu")x the floor"
    done
    rm -f "$x" "$x"-*
}

# Call queue: plan the day's calls for a province register (248,000 girls with their doses, a
# screening year with recalls) vs the three work lists it reads; plan again (idempotent); export a
# batch of 1,000; import 1,000 results, then the same file again (nothing changes).
bench_calls() {
    local rows=${ROWS:-248000} pregnancies=${PREGNANCIES:-20000} newborns=${NEWBORNS:-24500} day=${DAY:-2024-05-06}
    local cout="$out/calls" cdb="$out/calls/bench.sqlite"
    rm -rf "$cout" && mkdir -p "$cout"
    export SCREENVAX_SCHEMAS="$PWD/Schemas"
    echo "== building the county data: $rows girls, $pregnancies pregnancies, $newborns newborns"
    "$bin" demo roster --rows "$rows" --out "$cout/roster.csv" --seed 7 2>/dev/null
    "$bin" --db "$cdb" hpv import "$cout/roster.csv" >/dev/null
    "$bin" --db "$cdb" demo doses --as-of "$day" 2>/dev/null >/dev/null
    SCREENVAX_TODAY=$day "$bin" --db "$cdb" screening demo-fill --as-of "$day" --pregnancies "$pregnancies" --newborns "$newborns" >/dev/null

    measure sh -c "'$bin' --db '$cdb' hpv due --as-of $day --format csv > '$cout/hpv-due.csv' && \
        '$bin' --db '$cdb' screening due --as-of $day --format csv > '$cout/screening-due.csv' && \
        '$bin' --db '$cdb' recall list --as-of $day --format csv > '$cout/recall.csv'"
    local floor_s=$secs floor_cpu=$cpu
    echo "floor  the three work lists, printed: ${floor_s} s wall, ${floor_cpu} s CPU ($(($(wc -l < "$cout/hpv-due.csv") - 1)) girls due, $(($(wc -l < "$cout/screening-due.csv") - 1)) screening items, $(($(wc -l < "$cout/recall.csv") - 1)) open recalls)"

    measure "$bin" --db "$cdb" calls plan --as-of "$day" --format json > "$cout/plan.json"
    local calls; calls=$(python3 -c "import json; print(len(json.load(open('$cout/plan.json'))))")
    echo "calls plan (work lists + merge per number + one transaction): ${secs} s wall, ${cpu} s CPU, peak ${peak_mb} MB, $calls calls"
    echo "  ratio to the work lists: $(ratio "$secs" "$floor_s")x wall, $(ratio "$cpu" "$floor_cpu")x CPU"
    measure "$bin" --db "$cdb" calls plan --as-of "$day" --format json > "$cout/plan2.json"
    echo "calls plan again (nothing new): ${secs} s wall, ${cpu} s CPU; $(sqlite3 "$cdb" 'SELECT COUNT(*) FROM followup_calls') calls in the table"

    measure "$bin" --db "$cdb" calls export --at "${day}T09:00" --limit 1000 --format csv --out "$cout/batch.csv"
    echo "calls export of 1,000: ${secs} s wall, ${cpu} s CPU"
    python3 - "$cout/batch.csv" "$cout/results.csv" "$day" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
outcomes = ["reached", "no_answer", "busy", "voicemail", "no_answer"]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("call_id,outcome,at,result_id\n")
    for i, r in enumerate(rows):
        f.write(f"{r['call_id']},{outcomes[i % len(outcomes)]},{sys.argv[3]}T09:{i % 50 + 5:02d}:00+08:00,bench-{i}\n")
PY
    measure "$bin" --db "$cdb" calls import-results "$cout/results.csv" --format json > "$cout/import.json"
    echo "calls import-results of $(($(wc -l < "$cout/results.csv") - 1)) rows: ${secs} s wall, ${cpu} s CPU; $(python3 -c "import json; r=json.load(open('$cout/import.json')); print('recorded %(recorded)d unchanged %(unchanged)d rejected %(rejected)d' % r)")"
    measure "$bin" --db "$cdb" calls import-results "$cout/results.csv" --format json > "$cout/import2.json"
    echo "  the same file again: ${secs} s; $(python3 -c "import json; r=json.load(open('$cout/import2.json')); print('recorded %(recorded)d unchanged %(unchanged)d' % r)")"
    measure "$bin" --db "$cdb" report calls --from "$day" --format json > "$cout/report.json"
    echo "report calls: ${secs} s: $(tr -d '\n ' < "$cout/report.json" | cut -c1-200)"
}

case "$what" in
    hpv) bench_hpv ;;
    hpv-xlsx) bench_hpv_xlsx ;;
    forecast) bash Scripts/bench-forecast.sh ;;
    screening) bash Scripts/bench-screening.sh ;;
    sync) bash Scripts/bench-sync.sh ;;
    calls) bench_calls ;;
    web) bash Scripts/bench-web.sh ;;
    assist) bash Scripts/bench-assist.sh ;;
    hub) bash Scripts/bench-hub.sh ;;
    all)
        bench_hpv
        echo; echo "== Forecast engine"; bash Scripts/bench-forecast.sh
        echo; echo "== Screening"; bash Scripts/bench-screening.sh
        echo; echo "== Sync"; bash Scripts/bench-sync.sh
        echo; echo "== Call queue"; bench_calls
        echo; bash Scripts/bench-web.sh
        echo; echo "== AI-assist hooks"; bash Scripts/bench-assist.sh
        echo; bash Scripts/bench-hub.sh
        ;;
    *) echo "usage: Scripts/bench.sh [hpv|hpv-xlsx|forecast|screening|sync|calls|web|assist|hub|all]" >&2; exit 2 ;;
esac
