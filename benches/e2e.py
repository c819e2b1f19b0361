#!/usr/bin/env python3
"""End-to-end benchmark: connlint against the parse-only floor, on 1x, 2x and 4x the corpus.

In one run, on the same files and with the same number of threads, it measures
  (a) parse-floor: read every swagger and apiProperties.json and serde_json-parse it (rayon);
  (b) `connlint check --format json` with the release binary, output to /dev/null;
and prints wall time (median of --runs), the ratio b/a, the CPU time (user + sys, median) and
the peak RSS of each, and the time of each against its own at 1x. CPU time is steadier than wall
time on a busy machine.
The 2x and 4x corpora are folders of symbolic links to the corpus, so the file list repeats.

    python3 benches/e2e.py [--corpus ../shared/corpus/PowerPlatformConnectors] [--runs 5] [--no-build]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd):
    """Runs cmd with stdout to /dev/null; returns (wall seconds, peak RSS in MB, CPU seconds)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(map(str, cmd))} failed with exit code {code}:\n{stderr}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def summarize(results):
    """(median wall seconds, max peak RSS in MB, median CPU seconds) of runs."""
    return statistics.median(r[0] for r in results), max(r[1] for r in results), statistics.median(r[2] for r in results)


def measure(cmd, runs):
    return summarize([run(cmd) for _ in range(runs)])


def measure_pair(a, b, runs):
    """Runs `a` and `b` alternately, so that a slower or faster spell of a shared machine
    weighs on both alike; returns both summaries and the median of the per-pair ratios b/a."""
    pairs = [(run(a), run(b)) for _ in range(runs)]
    ratio = statistics.median(y[0] / x[0] for x, y in pairs)
    return summarize([x for x, _ in pairs]), summarize([y for _, y in pairs]), ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/PowerPlatformConnectors"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,2,4")
    parser.add_argument("--no-build", action="store_true", help="use the release binaries as they are")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        print(f"skipping: {corpus} is absent")
        return
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "connlint", "-p", "connlint_bench"], cwd=ROOT, check=True)
    connlint = ROOT / "target/release/connlint"
    floor = ROOT / "target/release/parse-floor"
    threads = os.cpu_count()
    print(
        f"corpus: {corpus}\nthreads: {threads} (rayon default), {args.runs} alternating runs of each, warm page cache;"
        " times are medians, the ratio is the median of the per-pair ratios\n"
    )
    print(
        f"{'scale':>5}  {'floor':>9}  {'connlint':>9}  {'ratio':>6}  {'floor CPU':>9}  {'connlint CPU':>12}  {'CPU ratio':>9}"
        f"  {'floor RSS':>9}  {'connlint RSS':>12}  {'time vs 1x':>10}  {'floor vs 1x':>11}"
    )
    # The floor's own growth from 1x is printed beside connlint's: on a shared machine a slower
    # spell during the 4x runs shows in both, and is not connlint's.
    base = floor_base = None
    with tempfile.TemporaryDirectory() as tmp:
        for scale in [int(s) for s in args.scales.split(",")]:
            paths = []
            for i in range(scale):
                link = Path(tmp) / f"s{scale}" / f"copy{i}"
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(corpus, target_is_directory=True)
                paths.append(str(link))
            lint = [connlint, "check", "--format", "json", "--no-config", *paths]
            (floor_time, floor_rss, floor_cpu), (lint_time, lint_rss, lint_cpu), ratio = measure_pair([floor, *paths], lint, args.runs)
            base = base or lint_time
            floor_base = floor_base or floor_time
            print(
                f"{scale:>4}x  {floor_time * 1000:>7.0f}ms  {lint_time * 1000:>7.0f}ms  {ratio:>5.2f}x"
                f"  {floor_cpu * 1000:>7.0f}ms  {lint_cpu * 1000:>10.0f}ms  {lint_cpu / floor_cpu:>8.2f}x"
                f"  {floor_rss:>7.1f}MB  {lint_rss:>10.1f}MB  {lint_time / base:>9.2f}x  {floor_time / floor_base:>10.2f}x"
            )
    encodian = corpus / "certified-connectors/Encodian"
    one, rss, cpu = measure([connlint, "check", "--format", "json", "--no-config", str(encodian)], max(args.runs, 20))
    print(f"\nEncodian (1.1 MB), whole process: {one * 1000:.1f} ms (median), {cpu * 1000:.1f} ms CPU, {rss:.1f} MB peak RSS")


if __name__ == "__main__":
    main()
