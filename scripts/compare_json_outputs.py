#!/usr/bin/env python3
"""Compares two `connlint check --format json` outputs, ignoring fields that one of them adds.

    python3 scripts/compare_json_outputs.py BEFORE.json AFTER.json [FIELD ...]

FIELDs (default: `related` and `fix`) are dropped from every diagnostic of AFTER before the
comparison; everything else (order included) must be identical. Exit 0 when it is.
"""
import json
import sys


def main():
    before_path, after_path, *fields = sys.argv[1:]
    fields = fields or ["related", "fix"]
    with open(before_path, encoding="utf-8") as f:
        before = json.load(f)
    with open(after_path, encoding="utf-8") as f:
        after = json.load(f)
    added = {k: 0 for k in fields}
    for d in after["diagnostics"]:
        for k in fields:
            if k in d:
                value = d.pop(k)
                added[k] += bool(value)
    if before == after:
        print(f"identical apart from {', '.join(fields)} ({len(after['diagnostics'])} diagnostics; non-empty: {added})")
        return 0
    b, a = before["diagnostics"], after["diagnostics"]
    print(f"DIFFERENT: {len(b)} vs {len(a)} diagnostics; summary {before['summary']} vs {after['summary']}")
    for i, (x, y) in enumerate(zip(b, a)):
        if x != y:
            print(f"first difference at {i}:\n  before {x}\n  after  {y}")
            break
    return 1


if __name__ == "__main__":
    sys.exit(main())
