#!/usr/bin/env bash
# Sync throughput: push N records (default 500,000) from a registry outbox to the provincial hub
# on 127.0.0.1 (a throwaway PostgreSQL cluster), and beside it the floor: the same batches (same
# size, same gzip level, same hub, a fresh hub database) posted by one `curl` process with keep-alive.
# Release build. Prints records/s for both and the ratio ours / floor (target: within 1.5x).
#
#   Scripts/bench-sync.sh [records] [batch]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
N="${1:-500000}"
BATCH="${2:-500}"
OUT="bench-out/sync"
rm -rf "$OUT"; mkdir -p "$OUT"
export SCREENVAX_SCHEMAS="$PWD/Schemas"

swift build -c release --product screenvax >/dev/null 2>&1 || swift build -c release --product screenvax
SV="$(swift build -c release --show-bin-path)/screenvax"

# Token files are read only when owner-only and at least 32 characters.
rm -f "$OUT/token"
(umask 077 && openssl rand -hex 32 > "$OUT/token")
"$SV" db migrate --db "$OUT/registry.sqlite" >/dev/null
bash Scripts/pg-cluster.sh start "$OUT/pg" >/dev/null
for db in platform-a platform-b; do
    url=$(bash Scripts/pg-cluster.sh url "$OUT/pg" "$db")
    "$SV" hub migrate --postgres "$url" >/dev/null
    "$SV" hub county add --postgres "$url" --code 360102 --token-file "$OUT/token" >/dev/null
done

# N person records in the outbox, as the registry writes them (one transaction).
python3 - "$OUT/registry.sqlite" "$N" <<'PY'
import json, sqlite3, sys, uuid
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
rows = []
for i in range(n):
    u = str(uuid.uuid4())
    p = json.dumps({"uuid": u, "version": 1, "resident_id": None, "name": "测试%d" % i, "birth_date": "2012-05-01",
                    "sex": "F", "phone": None}, ensure_ascii=False, separators=(",", ":"))
    rows.append(("person", u, 1, p, "2026-11-29T08:00:00+08:00"))
c.executemany("INSERT INTO outbox (record_type, record_uuid, version, payload, created_at) VALUES (?,?,?,?,?)", rows)
c.commit()
PY

start_platform() {  # $1: the hub's database name; prints the port
    "$SV" hub serve --port 0 --postgres "$(bash Scripts/pg-cluster.sh url "$OUT/pg" "$1")" > "$OUT/$1.log" 2>&1 &
    echo $! > "$OUT/$1.pid"
    for _ in $(seq 1 100); do
        port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/$1.log")
        [ -n "$port" ] && { echo "$port"; return; }
        sleep 0.1
    done
    echo "platform did not start" >&2; exit 1
}
stop_platform() { [ -f "$OUT/$1.pid" ] || return 0; kill "$(cat "$OUT/$1.pid")" 2>/dev/null || true; wait "$(cat "$OUT/$1.pid")" 2>/dev/null || true; }
trap 'stop_platform platform-a; stop_platform platform-b; bash Scripts/pg-cluster.sh stop "$OUT/pg"' EXIT

now() { date +%s.%N; }

# The floor's input: the same envelopes, batch by batch in outbox order, gzip level 1, written
# before the clock starts (building them is not part of the floor).
python3 - "$OUT/registry.sqlite" "$BATCH" "$OUT/bodies" <<'PY'
import gzip, json, os, sqlite3, sys, uuid
db, batch, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(folder)
c = sqlite3.connect(db)
rows = c.execute("SELECT record_type, record_uuid, version, payload FROM outbox ORDER BY seq").fetchall()
for b in range(0, len(rows), batch):
    bid = str(uuid.uuid4())
    recs = ",".join('{"type":%s,"uuid":%s,"version":%d,"data":%s}' % (json.dumps(t), json.dumps(u), v, p)
                    for t, u, v, p in rows[b:b + batch])
    body = '{"source_clinic":"360102001","batch_id":"%s","sent_at":"2026-11-29T08:00:00+08:00","records":[%s]}' % (bid, recs)
    with open(os.path.join(folder, "%06d-%s.json.gz" % (b // batch, bid)), "wb") as f:
        f.write(gzip.compress(body.encode(), compresslevel=1))
PY

# Ours: screenvax sync push, reading the outbox and marking every record sent.
PORT_A=$(start_platform platform-a)
t0=$(now)
"$SV" sync push --db "$OUT/registry.sqlite" --endpoint "http://127.0.0.1:$PORT_A/api/v1/batches" \
    --token-file "$OUT/token" --batch "$BATCH" --clinic 360102001 2>"$OUT/push.log"
t1=$(now)
stop_platform platform-a

# Floor: one curl process, one kept-alive connection, every batch via --next in a config file.
PORT_B=$(start_platform platform-b)
TOKEN=$(cat "$OUT/token")
: > "$OUT/curl.conf"
for f in "$OUT"/bodies/*.json.gz; do
    id=$(basename "$f" .json.gz); id=${id#*-}
    cat >> "$OUT/curl.conf" <<CONF
url = "http://127.0.0.1:$PORT_B/api/v1/batches"
data-binary = "@$f"
header = "Content-Type: application/json"
header = "Content-Encoding: gzip"
header = "Authorization: Bearer $TOKEN"
header = "Idempotency-Key: \\"$id\\""
header = "Expect:"
output = "/dev/null"
next
CONF
done
sed -i '$d' "$OUT/curl.conf"  # no "next" after the last request
t2=$(now)
curl -sS --fail-with-body --noproxy '*' -K "$OUT/curl.conf"
t3=$(now)

ours=$("$SV" hub stats --postgres "$(bash Scripts/pg-cluster.sh url "$OUT/pg" platform-a)" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["distinct"])')
floor=$("$SV" hub stats --postgres "$(bash Scripts/pg-cluster.sh url "$OUT/pg" platform-b)" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["distinct"])')
python3 - "$N" "$BATCH" "$t0" "$t1" "$t2" "$t3" "$ours" "$floor" <<'PY'
import sys
n, batch = int(sys.argv[1]), int(sys.argv[2])
t0, t1, t2, t3 = map(float, sys.argv[3:7])
ours_n, floor_n = int(sys.argv[7]), int(sys.argv[8])
ours, floor = ours_n / (t1 - t0), floor_n / (t3 - t2)
print(f"sync bench: {n} records, batches of {batch}, gzip level 1, the hub on 127.0.0.1 (PostgreSQL)")
print(f"  screenvax sync push : {ours_n} records in {t1 - t0:6.2f} s = {ours:9.0f} records/s")
print(f"  curl floor (1 proc) : {floor_n} records in {t3 - t2:6.2f} s = {floor:9.0f} records/s")
print(f"  ratio floor/ours    : {floor / ours:.2f}x (target <= 1.5x)")
if ours_n != n or floor_n != n:
    sys.exit(f"records missing at the hub: ours {ours_n}, floor {floor_n}, expected {n}")
PY
