#!/usr/bin/env bash
# Installs the system packages ScreenVax builds against, only those that are missing.
# Idempotent: a second run installs nothing and takes a second.
set -euo pipefail

need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# zlib1g-dev: gzip request bodies (Curl); libxml2-dev: the xlsx reader's XML parser; openssl and socat: the sync TLS tests' CA and TLS peer.
# chromium, chromium-driver, fonts-noto-cjk: the web app's browser tests (Chinese pages in screenshots).
# postgresql: the provincial hub's tests start a throwaway cluster with its initdb and pg_ctl.
for pkg in libsqlite3-dev libcurl4-openssl-dev zlib1g-dev libxml2-dev sqlite3 curl openssl socat chromium chromium-driver fonts-noto-cjk postgresql; do
    have "$pkg" || need+=("$pkg")
done
# Extra packages a caller asks for (bench.sh asks for time).
for pkg in "$@"; do
    have "$pkg" || need+=("$pkg")
done

if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# From PyPI, for the python3 on PATH, installed once: selenium drives Chromium in the browser
# tests; openpyxl is an independent reader of the xlsx files we write (the writer's tests).
for module in selenium openpyxl; do
    if ! python3 -c "import $module" 2>/dev/null; then
        echo "setup: installing $module"
        python3 -m pip install -q "$module"
    fi
done

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "setup: add /opt/swift/usr/bin to PATH" >&2
    else
        echo "setup: Swift 6 is required (swift not found on PATH)" >&2
        exit 1
    fi
fi
