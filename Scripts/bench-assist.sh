#!/usr/bin/env bash
# Hook-latency bench (not a test): the CDS Hooks rule services of `screenvax serve` (release)
# under a steady 200 requests/s against a province-sized registry:
#   HPV register of 248,000 girls with a school year of doses, and a province year of screening
#   (144,000 pregnancies, 176,400 newborns, their results and recall cases).
# Load: wrk with a Lua script that paces each connection (wrk has no fixed-rate mode and wrk2 is
# not in Debian): 20 connections x 1 request per 100 ms = at most 200 requests/s; wrk reports the
# rate it reached and the latency distribution. Target: p99 < 20 ms for each rule service.
# Floor: GET /healthz at the same rate (the HTTP stack alone). Server CPU per request from /proc.
# The registry is built once and kept in bench-out/assist/ (delete it to rebuild).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash Scripts/setup.sh time wrk >/dev/null

OUT=bench-out/assist
mkdir -p "$OUT"
swift build -c release --product screenvax >/dev/null
BIN="$(swift build -c release --show-bin-path)/screenvax"
export SCREENVAX_SCHEMAS="$PWD/Schemas" SCREENVAX_OPERATOR=bench
DB="$OUT/province.sqlite"
DURATION=${DURATION:-30}
CONNECTIONS=20
PACE_MS=100   # per connection: 20 x 10/s = 200/s

if [ ! -f "$OUT/ready" ]; then
    rm -rf "$DB" "$DB"-*  # serve leaves a -uploads folder beside it
    echo "== building the province registry (once)"
    "$BIN" demo roster --rows 248000 --out "$OUT/roster.csv" --seed 7 2>/dev/null
    "$BIN" --db "$DB" hpv import "$OUT/roster.csv" --format json > /dev/null
    "$BIN" --db "$DB" demo doses --as-of 2024-05-06 2>/dev/null
    SCREENVAX_TODAY=2023-12-31 "$BIN" --db "$DB" screening demo-fill --as-of 2023-12-31 --pregnancies 144000 --newborns 176400 > /dev/null
    touch "$OUT/ready"
fi
echo "registry: $(du -h "$DB" | cut -f1); $(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM persons) || ' persons, ' || (SELECT COUNT(*) FROM hpv_enrollments) || ' HPV girls, ' || (SELECT COUNT(*) FROM screening_pregnancies) || ' pregnancies, ' || (SELECT COUNT(*) FROM screening_newborns) || ' newborns, ' || (SELECT COUNT(*) FROM screening_recall_cases WHERE stage NOT IN ('closed','lost')) || ' open recall cases'")"

# Patients each service is asked about: 3,000 random ones that have something to say, plus
# random persons (most charts a doctor opens have no reminder).
sqlite3 -separator $'\t' "$DB" "
    SELECT 'hpv-reminder', p.resident_id FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id ORDER BY random() LIMIT 3000;
    SELECT 'screening-reminder', p.resident_id FROM screening_pregnancies g JOIN persons p ON p.id = g.person_id WHERE g.outcome IS NULL ORDER BY random() LIMIT 2000;
    SELECT 'screening-reminder', p.uuid FROM screening_newborns n JOIN persons p ON p.id = n.person_id ORDER BY random() LIMIT 1000;
    SELECT 'recall-alert', COALESCE(m.resident_id, m.uuid) FROM screening_recall_cases c JOIN screening_pregnancies g ON g.id = c.pregnancy_id
        JOIN persons m ON m.id = g.person_id WHERE c.stage NOT IN ('closed','lost') AND c.subject = 'pregnancy' ORDER BY random() LIMIT 3000;
    SELECT 'recall-alert', p.resident_id FROM persons p WHERE p.resident_id IS NOT NULL ORDER BY random() LIMIT 1000;
" > "$OUT/patients.tsv"

# The clinic system is a cds client of the whole province, with a fresh token each run (the
# registry is kept between runs, and a client's name stays taken after it is disabled).
token_file="$OUT/token"
rm -f "$token_file"
(umask 077 && openssl rand -hex 32 > "$token_file")
"$BIN" --db "$DB" client add --name "bench-his-$(date +%s)" --scope cds --area 360000 --token-file "$token_file" > /dev/null

# The server answers "today" as 2024-05-06, inside the HPV school year and after the screening year.
SCREENVAX_TODAY=2024-05-06 SCREENVAX_LOG_LEVEL=warning "$BIN" --db "$DB" serve --port 0 > "$OUT/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "serving on" "$OUT/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/serve.log" | head -1)
[ -n "$port" ] || { echo "server did not start:"; cat "$OUT/serve.log"; exit 1; }
base="http://127.0.0.1:$port"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)

run() { # name, service ("" for /healthz)
    local name=$1 service=$2 before after
    grep -P "^${service:-hpv-reminder}\t" "$OUT/patients.tsv" > "$OUT/load.tsv" || true
    # warm-up: page cache and prepared statements
    wrk -t2 -c"$CONNECTIONS" -d5s -s Scripts/bench-assist.lua "$base" -- "$OUT/load.tsv" "$token_file" "$PACE_MS" "$service" > /dev/null
    before=$(cpu_ticks)
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s Scripts/bench-assist.lua "$base" -- "$OUT/load.tsv" "$token_file" "$PACE_MS" "$service" > "$OUT/$name.txt"
    after=$(cpu_ticks)
    python3 - "$OUT/$name.txt" "$name" "$before" "$after" "$hz" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
name, before, after, hz = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
pct = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
cpu_ms = (after - before) * 1000.0 / hz / max(total, 1)
print(f"{name:20s} {rate:7.1f} req/s  p50 {pct.get('50', 0):6.2f} ms  p75 {pct.get('75', 0):6.2f}  p90 {pct.get('90', 0):6.2f}  p99 {pct.get('99', 0):6.2f} ms"
      f"  server CPU {cpu_ms:.2f} ms/req  non-2xx {errors.group(1) if errors else 0}{'  socket errors: ' + sock.group(1) if sock else ''}")
PY
}

echo "== $CONNECTIONS connections, one request per ${PACE_MS} ms each (<= 200 req/s), ${DURATION} s per run; wrk latency distribution"
run healthz ""
run hpv-reminder hpv-reminder
run screening-reminder screening-reminder
run recall-alert recall-alert
echo "target: p99 < 20 ms for each rule service; healthz is the floor of the HTTP stack"
echo "hook calls audited: $(sqlite3 "$DB" "SELECT COUNT(*) FROM assist_hook_calls") (p50 of recorded in-process latency: $(sqlite3 "$DB" "SELECT printf('%.2f ms', latency_ms) FROM assist_hook_calls ORDER BY latency_ms LIMIT 1 OFFSET (SELECT COUNT(*)/2 FROM assist_hook_calls)"))"
kill -TERM "$server"
wait "$server" 2>/dev/null || true
trap - EXIT
echo "server stopped on SIGTERM"
