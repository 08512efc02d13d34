#!/usr/bin/env bash
# Sets up and runs every test: what CI runs (.ci/run) and what a developer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

bash Scripts/setup.sh

# Programme files must match their JSON Schemas (python3-jsonschema; installed when missing).
python3 Scripts/check-schemas.py
# swift-format's rules (.swift-format), not its layout: see Scripts/lint.sh.
bash Scripts/lint.sh

swift build --build-tests

# The sync tests run real daemons, receivers and TLS peers against each other; they run in a
# second pass so that the rest of the suite does not starve their time limits on two cores. The
# suites that time the server's edge (connection timeouts and cap, /healthz beside a held lock, a
# hanging AI service) run alone last, for the same reason.
status=0
alone="SyncTests|ConnectionTests|EdgeTests|AIAssistServerTests"
swift test --skip-build --skip "$alone" 2>&1 | tee .build/test-output.txt || status=1
swift test --skip-build --filter SyncTests 2>&1 | tee .build/test-output-sync.txt || status=1
swift test --skip-build --filter "ConnectionTests|AIAssistServerTests" 2>&1 | tee .build/test-output-timing.txt || status=1
# EdgeTests holds connections and a write lock with blocking reads: beside the two above it starves them.
swift test --skip-build --filter EdgeTests 2>&1 | tee .build/test-output-edge.txt || status=1
# The web app in a real browser: headless Chromium against `screenvax serve` (screenshots in .build/screenshots/).
bash Scripts/browser-test.sh 2>&1 | tee .build/test-output-browser.txt || status=1
# A TLS peer a failed test left behind must not outlive the run.
pkill -f "socat OPENSSL-LISTEN:.*screenvax-test-" 2>/dev/null || true
exit "$status"
