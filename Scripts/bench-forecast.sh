#!/usr/bin/env bash
# Times the CDSi forecast of 248,000 girls (release build), and the programme's due list
# (WorkList.due, which runs the engine on the programme's schedule). Not a test: prints figures.
# Usage: Scripts/bench-forecast.sh [count] [schedule]   (default 248000 hpv-cdsi)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product ForecastBench >/dev/null
for schedule in "${2:-hpv-cdsi}" hpv-label-cecolin; do
  .build/release/ForecastBench "${1:-248000}" "$schedule"
done
.build/release/ForecastBench "${1:-248000}" worklist
