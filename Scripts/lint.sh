#!/usr/bin/env bash
# swift-format's rules on Sources and Tests (.swift-format): naming, imports in order, `let` in
# every bound case variable, grouped literals, no forEach, no assignment in expressions, ...
# Not its layout: the code keeps its own (4 spaces, lines up to 180 columns, aligned
# continuations), which the pretty-printer would rewrite wholesale; its layout findings are left out.
# Exit 1 with the findings when a rule is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
layout='\[(Indentation|AddLines|RemoveLine|Spacing|TrailingComma|LineLength)\]'
findings=$(swift-format lint --recursive --parallel --configuration .swift-format Sources Tests 2>&1 | grep -E 'warning: \[' | grep -Ev "$layout" || true)
if [ -n "$findings" ]; then
    echo "$findings"
    echo "lint: $(echo "$findings" | wc -l) finding(s) of swift-format's rules (.swift-format)" >&2
    exit 1
fi
# Every command names itself: without a commandName ArgumentParser derives the name with
# String(describing:), which scans the binary's protocol conformances at every start (38 % of one).
unnamed=$(python3 - <<'PY'
import pathlib, re
for path in sorted(pathlib.Path("Sources/screenvax").glob("*.swift")):
    text = path.read_text()
    for m in re.finditer(r"CommandConfiguration\(", text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        if "commandName:" not in text[m.end():i]:
            print(f"{path}:{text.count(chr(10), 0, m.start()) + 1}: CommandConfiguration without commandName")
PY
)
if [ -n "$unnamed" ]; then
    echo "$unnamed"
    echo "lint: give each command its commandName" >&2
    exit 1
fi
echo "lint: swift-format's rules hold on Sources and Tests; every command names itself"
