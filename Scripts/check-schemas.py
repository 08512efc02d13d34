#!/usr/bin/env python3
"""Validates every programme file in Schemas/programs against the JSON Schema it names in "$schema"."""
import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "jsonschema"], check=True)
    import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent / "Schemas"
failures = 0
checked = 0
for path in sorted((root / "programs").glob("*.json")):
    doc = json.loads(path.read_text(encoding="utf-8"))
    ref = doc.get("$schema")
    if not ref:
        continue
    schema_path = (path.parent / ref).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    checked += 1
    for e in errors:
        failures += 1
        field = ".".join(str(p) for p in e.path) or "(top level)"
        print(f"{path.relative_to(root)}: field {field}: {e.message}", file=sys.stderr)
print(f"schemas: {checked} programme files checked, {failures} problems")
sys.exit(1 if failures else 0)
