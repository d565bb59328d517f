#!/usr/bin/env python3
"""Times `adf check` of several binaries interleaved, one run of each in turn, and prints each
binary's median wall and CPU time, and the median of its per-round ratios to the first binary.
On a noisy machine a burst then hits every binary alike, where hyperfine's back-to-back runs of
one command can catch it in one command only.

usage: scripts/bench-interleaved.py BIN[,BIN...] RUNS FACTORY
"""
import os
import statistics
import subprocess
import sys
import time


def run(binary, factory, devnull):
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "check", factory, "--format", "json"], stdout=devnull)
    _, _, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    bins, runs, factory = sys.argv[1].split(","), int(sys.argv[2]), sys.argv[3]
    wall = {b: [] for b in bins}
    cpu = {b: [] for b in bins}
    with open(os.devnull, "w") as devnull:
        for b in bins:
            for _ in range(2):
                run(b, factory, devnull)
        for i in range(runs):
            # Alternate the order too, so no binary always follows the same one.
            for b in bins if i % 2 == 0 else bins[::-1]:
                w, c = run(b, factory, devnull)
                wall[b].append(w)
                cpu[b].append(c)
    for name, times in (("wall", wall), ("cpu", cpu)):
        base = statistics.median(times[bins[0]])
        for b in bins:
            m = statistics.median(times[b])
            q = statistics.quantiles(times[b], n=4)
            # Paired too: each run against the first binary's run of the same round, so a
            # slow stretch of the machine (steal time on a shared host) cancels out.
            ratios = [t / t0 for t, t0 in zip(times[b], times[bins[0]])]
            paired = (statistics.median(ratios) - 1) * 100
            print(
                f"{name} {b}: median {m:.1f} ms (IQR {q[0]:.1f}-{q[2]:.1f}) "
                f"{(m / base - 1) * 100:+.1f}%, paired median {paired:+.1f}%"
            )


if __name__ == "__main__":
    main()
