#!/usr/bin/env bash
# The province hub (not a test): a province year from 100 synthetic county registries (the 100
# counties of the divisions file), pushed to `hub serve` on a throwaway PostgreSQL cluster by 8
# concurrent `sync push` processes; beside it the floor, PostgreSQL's own COPY of the same records
# into plain tables (county, uuid, version, jsonb). Then `hub report hpv` and `hub report screening`
# on the province register, and the hub's peak memory.
#
#   HUB_BENCH_SCALE=0.1 Scripts/bench-hub.sh     0.1 (default) is a quick run; 1.0 is the province:
#                                                248,000 girls and 144,000 pregnancies
#   HUB_BENCH_BIN=PATH                           use that screenvax instead of a release build
#   HUB_BENCH_LOG_MS=N                           log statements slower than N ms (server.log)
#   HUB_BENCH_KEEP=1                             leave the cluster running (for EXPLAIN); prints its
#                                                URL and how to stop it
# Targets: ingest within 3x of the COPY floor; report hpv < 1 s; report screening < 2 s; hub < 300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
SCALE="${HUB_BENCH_SCALE:-0.1}"
WORKERS="${HUB_BENCH_WORKERS:-8}"
BATCH="${HUB_BENCH_BATCH:-500}"
OUT="$PWD/bench-out/hub"   # absolute: the cluster puts its socket here
# A cluster an earlier HUB_BENCH_KEEP=1 run left is stopped before its folder goes.
[ -d "$OUT/pg/data" ] && bash Scripts/pg-cluster.sh stop "$OUT/pg"
rm -rf "$OUT"; mkdir -p "$OUT/counties"
export SCREENVAX_SCHEMAS="$PWD/Schemas" SCREENVAX_OPERATOR=bench

# HUB_BENCH_BIN: an already built screenvax (the figures are then that build's, say which).
if [ -n "${HUB_BENCH_BIN:-}" ]; then
    SV=$(realpath "$HUB_BENCH_BIN")
else
    swift build -c release --product screenvax >/dev/null 2>&1 || swift build -c release --product screenvax
    SV="$(swift build -c release --show-bin-path)/screenvax"
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

now() { date +%s.%N; }
# Wall seconds, CPU seconds and peak MB of a command (sets $secs, $cpu, $peak_mb).
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@"
    read -r secs user sys kb < "$OUT/time.txt"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    peak_mb=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
}

bash Scripts/pg-cluster.sh start "$OUT/pg" >/dev/null
HUB_PID=""
# SIGTERM, and -9 after 30 s with a line saying so: a hub that does not stop is a finding, not a
# bench that waits for ever.
stop_hub() {
    [ -n "$HUB_PID" ] || return 0
    kill "$HUB_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$HUB_PID" 2>/dev/null && [ "$waited" -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$HUB_PID" 2>/dev/null; then
        echo "hub serve did not stop within 30 s of SIGTERM: killed with -9" >&2
        kill -9 "$HUB_PID" 2>/dev/null || true
    fi
    wait "$HUB_PID" 2>/dev/null || true
    HUB_PID=""
}
HUB_URL=$(bash Scripts/pg-cluster.sh url "$OUT/pg" hub)
if [ "${HUB_BENCH_KEEP:-0}" = 1 ]; then
    trap 'stop_hub; echo "cluster kept: $HUB_URL (stop: Scripts/pg-cluster.sh stop $OUT/pg)"' EXIT
else
    trap 'stop_hub; bash Scripts/pg-cluster.sh stop "$OUT/pg"' EXIT
fi
FLOOR_URL=$(bash Scripts/pg-cluster.sh url "$OUT/pg" floor)
# HUB_BENCH_LOG_MS=N: statements slower than N ms go to $OUT/pg/server.log (where the time goes).
if [ -n "${HUB_BENCH_LOG_MS:-}" ]; then
    "$PGBIN/psql" -Atq "$HUB_URL" -c "ALTER SYSTEM SET log_min_duration_statement = ${HUB_BENCH_LOG_MS}" -c "SELECT pg_reload_conf()" >/dev/null
fi
"$SV" hub migrate --postgres "$HUB_URL" >/dev/null

# One empty registry, copied for each county; each county's own owner-only token, registered at the hub.
"$SV" db migrate --db "$OUT/template.sqlite" >/dev/null
COUNTIES=$(tail -n +2 Schemas/divisions/jiangxi-divisions.csv | cut -d, -f1 | head -100)
for c in $COUNTIES; do
    cp "$OUT/template.sqlite" "$OUT/counties/$c.sqlite"
    (umask 077 && openssl rand -hex 32 > "$OUT/counties/$c.token")
    "$SV" hub county add --postgres "$HUB_URL" --code "$c" --token-file "$OUT/counties/$c.token" >/dev/null
done

# Every county's outbox as its registry writes it, and the same records as COPY input for the floor.
t=$(now)
python3 Scripts/bench-hub-data.py "$OUT" "$SCALE" $COUNTIES > "$OUT/records.txt"
RECORDS=$(tail -1 "$OUT/records.txt")
echo "== Province hub at scale $SCALE: 100 counties, $(head -1 "$OUT/records.txt"); synthetic registries in $(awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s"

# Floor: PostgreSQL's COPY of the same records into plain tables (one per type), one psql process.
{
    for f in "$OUT"/copy/*.tsv; do
        t=$(basename "$f" .tsv)
        echo "CREATE TABLE \"$t\" (county_code text, uuid text, version integer, data jsonb);"
        echo "\\copy \"$t\" FROM '$f'"
    done
} > "$OUT/floor.sql"
measure "$PGBIN/psql" -q -v ON_ERROR_STOP=1 "$FLOOR_URL" -f "$OUT/floor.sql"
floor_s=$secs
echo "floor  COPY into plain tables: $RECORDS records in ${floor_s} s = $(awk -v n="$RECORDS" -v s="$floor_s" 'BEGIN { printf "%.0f", n / s }') records/s"

# Ours: the hub, and 8 `sync push` processes taking the counties in turn. Ingest is the records the
# hub acknowledged over the pushes' wall time.
"$SV" hub serve --port 0 --postgres "$HUB_URL" > "$OUT/hub.log" 2>&1 &
HUB_PID=$!
port=""
for _ in $(seq 1 200); do
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/hub.log" | head -1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "hub did not start: $(cat "$OUT/hub.log")" >&2; exit 1; }
export SV OUT BATCH port
t0=$(now)
# CPU seconds of the hub process so far (user + system), from /proc.
hub_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$HUB_PID/stat"; }
printf '%s\n' $COUNTIES | /usr/bin/time -f "%U %S" -o "$OUT/push-cpu.txt" xargs -P "$WORKERS" -I{} sh -c \
    '"$SV" sync push --db "$OUT/counties/$1.sqlite" --endpoint "http://127.0.0.1:$port/api/v1/batches" --token-file "$OUT/counties/$1.token" --batch "$BATCH" --clinic "${1}001" > "$OUT/counties/$1.push" 2>&1 || { echo "push of county $1 failed:"; cat "$OUT/counties/$1.push"; exit 255; }' _ {}
t1=$(now)
hub_cpu_ingest=$(hub_cpu)
push_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$OUT/push-cpu.txt")
ingest_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
# The deriver (conflicts, the reports' state) catching up after the last batch was acknowledged:
# until no note is left. Counted apart from ingest; the reports below run after it.
while [ "$("$PGBIN/psql" -Atq "$HUB_URL" -c 'SELECT count(*) FROM hub_dirty')" != 0 ]; do sleep 0.2; done
derive_s=$(awk -v a="$t1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
stats=$("$SV" hub stats --postgres "$HUB_URL" --format json)
distinct=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["distinct"])' "$stats")
rejected=$(cat "$OUT"/counties/*.push | awk '/delivered/ { for (i = 1; i <= NF; i++) if ($(i + 1) == "rejected") r += $i } END { print r + 0 }')
echo "hub    $WORKERS concurrent sync push, batches of $BATCH: $distinct records stored in ${ingest_s} s = $(awk -v n="$distinct" -v s="$ingest_s" 'BEGIN { printf "%.0f", n / s }') records/s; $rejected rejected"
echo "  CPU during ingest: hub serve ${hub_cpu_ingest} s, the $WORKERS sync push processes ${push_cpu} s (of ${ingest_s} s wall on $(nproc) cores)"
echo "  deriver caught up ${derive_s} s after the last batch was acknowledged (conflicts, the reports' state; hub CPU then $(hub_cpu) s in all)"
echo "  ratio to the COPY floor: $(awk -v a="$ingest_s" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')x (target <= 3x)"
[ "$distinct" -eq "$RECORDS" ] || echo "  WARNING: the hub holds $distinct distinct records, $RECORDS were generated"
conflicts=$("$SV" hub conflicts --postgres "$HUB_URL" --format json | python3 -c '
import collections, json, sys
c = collections.Counter(x["kind"] for x in json.load(sys.stdin))
print(", ".join(f"{k} {n}" for k, n in sorted(c.items())) or "none")')
echo "  conflicts found: $conflicts"

measure "$SV" hub report hpv --postgres "$HUB_URL" --as-of 2024-06-30 --format json > "$OUT/report-hpv.json"
echo "hub report hpv --as-of 2024-06-30: ${secs} s wall, ${cpu} s CPU of the client, peak ${peak_mb} MB (target < 1 s at scale 1.0); $(python3 -c '
import json, sys; t = json.load(open(sys.argv[1]))["totals"]
print("roster %d eligible %d dose1 %d complete %d" % (t["roster"], t["eligible"], t["dose1"], t["complete"]))' "$OUT/report-hpv.json")"
measure "$SV" hub report screening --postgres "$HUB_URL" --from 2023-01-01 --to 2023-12-31 --format json > "$OUT/report-screening.json"
echo "hub report screening 2023: ${secs} s wall, ${cpu} s CPU of the client, peak ${peak_mb} MB (target < 2 s at scale 1.0)"
hub_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$HUB_PID/status")
echo "hub serve peak memory (VmHWM): ${hub_mb} MB (target < 300 MB)"
stop_hub
