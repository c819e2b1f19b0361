#!/usr/bin/env python3
"""`connlint inventory` against `connlint check` on the corpus (the catalog must take at most 1.5x).

In one run, on the same files, it times alternately
  (a) `connlint check --format json --no-config CORPUS` and
  (b) `connlint inventory --format json CORPUS` (every record: lint, model, JSON),
both with stdout to /dev/null, and prints the median wall and CPU times, the peak RSS and the
median of the per-pair ratios b/a. It exits 1 when the ratio is over 1.5.

    python3 benches/inventory.py [--corpus ../shared/corpus/PowerPlatformConnectors] [--runs 7] [--no-build]

The release binary is $CARGO_TARGET_DIR/release/connlint (target/ by default).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e import measure_pair  # noqa: E402  (the same alternating measurement as e2e.py)

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/PowerPlatformConnectors"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        print(f"skipping: {corpus} is absent")
        return
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "connlint"], cwd=ROOT, check=True)
    connlint = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release/connlint"
    check = [connlint, "check", "--format", "json", "--no-config", str(corpus)]
    inventory = [connlint, "inventory", "--format", "json", str(corpus)]
    (c_wall, c_rss, c_cpu), (i_wall, i_rss, i_cpu), ratio = measure_pair(check, inventory, args.runs)
    print(f"corpus: {corpus}\n{args.runs} alternating runs of each, warm page cache; medians\n")
    print(f"{'':>10}  {'wall':>8}  {'CPU':>8}  {'peak RSS':>9}")
    print(f"{'check':>10}  {c_wall * 1000:>6.0f}ms  {c_cpu * 1000:>6.0f}ms  {c_rss:>7.1f}MB")
    print(f"{'inventory':>10}  {i_wall * 1000:>6.0f}ms  {i_cpu * 1000:>6.0f}ms  {i_rss:>7.1f}MB")
    print(f"\ninventory / check: {ratio:.2f}x wall (median of pairs), {i_cpu / c_cpu:.2f}x CPU; limit {LIMIT}x")
    if ratio > LIMIT:
        sys.exit(1)


if __name__ == "__main__":
    main()
