#!/usr/bin/env bash
# Browser tests of the clinic web app: a real `screenvax serve` on a random port with a temporary
# database, driven by headless Chromium (Debian's chromium + chromium-driver) through selenium;
# then the province dashboard of a real `hub serve` on a throwaway PostgreSQL cluster.
# Screenshots of the main pages go to .build/screenshots/. Needs the debug build (test.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SCREENVAX_BIN:-.build/debug/screenvax}
tmp=$(mktemp -d)
pid=""
hub_pid=""
# The cluster's folder must be reachable by the postgres user when run as root.
hubtmp=$(mktemp -d)
chmod 755 "$hubtmp"
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null
    wait 2>/dev/null
    bash Scripts/pg-cluster.sh stop "$hubtmp/pg"
    rm -rf "$tmp" "$hubtmp"
}
trap cleanup EXIT

export SCREENVAX_DB="$tmp/registry.sqlite" SCREENVAX_TODAY=2024-04-15 SCREENVAX_OPERATOR=browser-test
python3 Tests/Browser/make_roster.py "$tmp"
"$bin" hpv import "$tmp/roster.csv" >/dev/null
# The day's follow-up calls (one per guardian's number) for the call list.
"$bin" calls plan --as-of 2024-04-15 --at 09:00 >/dev/null
printf 'pass-word-12\n' > "$tmp/password"
"$bin" user add --username liu --password-file "$tmp/password" --role vaccinator --area 360102 >/dev/null
"$bin" user add --username gan --password-file "$tmp/password" --role vaccinator --area 360702 >/dev/null
"$bin" user add --username zhou --password-file "$tmp/password" --role officer --area 360100 >/dev/null
"$bin" user add --username wu --password-file "$tmp/password" --role screening --area 360102 >/dev/null
"$bin" user add --username fang --password-file "$tmp/password" --role followup --area 360102 >/dev/null
"$bin" serve --host 127.0.0.1 --port 0 > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
for _ in $(seq 1 100); do
    grep -q "serving on" "$tmp/serve.out" 2>/dev/null && break
    sleep 0.1
done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$tmp/serve.out" | head -1)
[ -n "$port" ] || { echo "browser-test: the server did not start"; cat "$tmp/serve.err"; exit 1; }

# localhost, not 127.0.0.1: Chromium keeps Secure cookies over plain HTTP only for localhost.
WEB_BASE="http://localhost:$port" WEB_PASSWORD=pass-word-12 WEB_BAD_ROSTER="$tmp/bad-roster.csv" WEB_WOMAN_ID="$(cat "$tmp/woman-id.txt")" \
    WEB_SCREENSHOTS=.build/screenshots python3 Tests/Browser/web_flow.py

# The province dashboard: an officer of the province on an empty hub.
bash Scripts/pg-cluster.sh start "$hubtmp/pg" >/dev/null
hub_url=$(bash Scripts/pg-cluster.sh url "$hubtmp/pg" hub)
"$bin" hub migrate --postgres "$hub_url" >/dev/null
"$bin" hub user add --postgres "$hub_url" --username jiangxi.wjw --role officer --area 360000 --password-file "$tmp/password" >/dev/null
"$bin" hub serve --port 0 --postgres "$hub_url" > "$hubtmp/hub.out" 2> "$hubtmp/hub.err" &
hub_pid=$!
hub_port=""
for _ in $(seq 1 200); do
    hub_port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$hubtmp/hub.out" | head -1)
    [ -n "$hub_port" ] && break
    sleep 0.1
done
[ -n "$hub_port" ] || { echo "browser-test: the hub did not start"; cat "$hubtmp/hub.err"; exit 1; }
HUB_BASE="http://localhost:$hub_port" HUB_PASSWORD=pass-word-12 WEB_SCREENSHOTS=.build/screenshots \
    python3 Tests/Browser/hub_flow.py
