#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for benchmarks and demos (the tests make their own the same way).
#   Scripts/pg-cluster.sh start DIR   initdb into DIR (as the postgres user when run as root), start it
#                                     on a free port with its socket in DIR; prints the port
#   Scripts/pg-cluster.sh url DIR DB  postgres://postgres@127.0.0.1:PORT/DB, creating DB if missing
#   Scripts/pg-cluster.sh stop DIR    stop it and remove DIR
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh start|url|stop DIR [DB]}
dir=${2:?usage: pg-cluster.sh start|url|stop DIR [DB]}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries are missing; run Scripts/setup.sh" >&2; exit 1; }
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
case "$cmd" in
    start)
        mkdir -p "$dir" && chmod 700 "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
        "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
        echo "$port" > "$dir/port"
        echo "$port"
        ;;
    url)
        db=${3:?usage: pg-cluster.sh url DIR DB}
        port=$(cat "$dir/port")
        "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
            || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$db\""
        echo "postgres://postgres@127.0.0.1:$port/$db"
        ;;
    stop)
        [ -d "$dir/data" ] && "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$dir"
        ;;
    *) echo "usage: pg-cluster.sh start|url|stop DIR [DB]" >&2; exit 2 ;;
esac
