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
# The programme files the registry loads at run time: each must be present and name its schema.
required = {
    "hpv-2023.json": "../hpv-programme.schema.json",
    "screening-2023.json": "../screening-programme.schema.json",
    "followup-2023.json": "../followup-programme.schema.json",
}
for name, schema_ref in required.items():
    path = root / "programs" / name
    if not path.exists() or json.loads(path.read_text(encoding="utf-8")).get("$schema") != schema_ref:
        failures += 1
        print(f"programs/{name}: missing, or its $schema is not {schema_ref}", file=sys.stderr)
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
