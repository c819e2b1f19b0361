#!/usr/bin/env python3
"""Checks that a change leaves connlint's output on a corpus byte for byte the same.

Builds the work tree's connlint and the one of a base revision (in a temporary git worktree, with
its own target folder), runs `connlint check --no-config` with each output format on the corpus
with both, from the same folder and with the same arguments, and compares the outputs with each
other byte by byte. Exits 1 when any differs, naming the first differing byte.

    python3 benches/same_output.py --base main~3 [--corpus ../shared/corpus/PowerPlatformConnectors]
        [--formats json,sarif,junit,compact,github,human] [--extra "--profile base"]
"""

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(tree, target_dir):
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "connlint"], cwd=tree, env=env, check=True)
    return Path(target_dir) / "release/connlint"


def output(binary, args):
    result = subprocess.run([str(binary), "check", "--no-config", *args], cwd=ROOT, capture_output=True)
    if result.returncode not in (0, 1):
        sys.exit(f"{binary} {' '.join(args)} failed with exit code {result.returncode}:\n{result.stderr.decode(errors='replace')}")
    return result.stdout, result.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the revision to compare with")
    parser.add_argument("--corpus", default="../shared/corpus/PowerPlatformConnectors", help="as given to connlint, relative to the project")
    parser.add_argument("--formats", default="json,sarif,junit,compact,github,human")
    parser.add_argument("--extra", default="", help="more arguments for both runs, e.g. \"--profile base\"")
    args = parser.parse_args()
    if not (ROOT / args.corpus).is_dir():
        print(f"skipping: {args.corpus} is absent")
        return
    new = build(ROOT, os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    # The base's worktree always sits at the same place, so that its next build is incremental.
    base = ROOT / "target/same-output-base"
    tree = base / "tree"
    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(tree), args.base], cwd=ROOT, check=True)
    try:
        old = build(tree, base / "target")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
    differing = 0
    for format in args.formats.split(","):
        run = ["--format", format, *shlex.split(args.extra), args.corpus]
        (before, code_before), (after, code_after) = output(old, run), output(new, run)
        if before == after and code_before == code_after:
            print(f"{format:>8}: identical, {len(after):,} bytes, exit code {code_after}")
            continue
        differing += 1
        first = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
        print(f"{format:>8}: DIFFERENT at byte {first:,} ({len(before):,} bytes before, {len(after):,} after; exit code {code_before} then {code_after})")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
