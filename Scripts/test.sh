#!/usr/bin/env bash
# Sets up and runs every test: what CI runs (.ci/run) and what a developer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

bash Scripts/setup.sh

# Programme files must match their JSON Schemas (python3-jsonschema; installed when missing).
python3 Scripts/check-schemas.py

swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
status=${PIPESTATUS[0]}
exit "$status"
