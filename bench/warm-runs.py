#!/usr/bin/env python3
"""Where people wait: the figures of a project's warm runs, medians of N (default 5).

    python3 bench/warm-runs.py BACKLINT PROJECT_DIR FILE [N]

FILE is relative to PROJECT_DIR (a file of the project, as a pre-commit hook names it). The
script fills a cache of its own (in a temporary directory, `--cache-dir`), then times, as
whole processes: one named file with a warm cache, a full re-run with nothing changed, and
a cold full run without the cache; for each it prints the median wall time, CPU time (user
+ system) and peak memory. Then it runs `bench/lsp-relint.py` for the editor's re-lint. The
machine's load average is printed first: on a shared machine read CPU time, which the load
moves less than wall time.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


# Runs one command in a process of its own and prints its wall seconds, CPU seconds and peak
# KB, so that each figure (peak memory above all) is that command's alone.
MEASURE = """
import resource, subprocess, sys, time
started = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def timed(command, cwd):
    """Wall seconds, CPU seconds and peak KB of one run of `command`."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE] + command, cwd=cwd, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def report(name, command, cwd, runs):
    figures = [timed(command, cwd) for _ in range(runs)]
    wall = statistics.median(f[0] for f in figures)
    cpu = statistics.median(f[1] for f in figures)
    peak = max(f[2] for f in figures) / 1024
    print(f"{name:<30} wall {wall * 1000:7.1f} ms   cpu {cpu * 1000:7.1f} ms   peak {peak:5.1f} MB")


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    backlint = os.path.abspath(sys.argv[1])
    project = os.path.abspath(sys.argv[2])
    named = sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {runs} runs each")
    with tempfile.TemporaryDirectory() as cache:
        warm = [backlint, "check", "--cache-dir", cache]
        subprocess.run(warm + ["."], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(warm + [named], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report("one named file, warm cache", warm + [named], project, runs)
        report("full re-run, nothing changed", warm + ["."], project, runs)
    report("cold full run, --no-cache", [backlint, "check", "--no-cache", "."], project, max(1, runs // 2))
    relint = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsp-relint.py")
    subprocess.run([sys.executable, relint, backlint, project, named, str(runs * 2)])


if __name__ == "__main__":
    main()
