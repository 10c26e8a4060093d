#!/usr/bin/env python3
"""Turns the saved output of `swift package benchmark` runs into the two tables of this README:
the medians of each run, and the ratios against issue 13's targets, one column per run.

    cd Benchmarks
    for run in 1 2 3; do swift package benchmark > /tmp/run$run.txt 2>&1; done
    python3 summarise.py /tmp/run1.txt /tmp/run2.txt /tmp/run3.txt

Each figure is the median (p50) of the benchmark's timed runs, as the tables use. A run whose
output lacks a benchmark (cut short, or filtered) is refused rather than half-reported.
"""
import re
import sys

ROW = re.compile(r"│ ([^│]+?)\s+│" + r"\s+(\S+) │" * 8)
BENCHMARK = re.compile(r"^((?:Baseline|Ledger): .+?)\s*$", re.M)

NAMES = {
    "lmdb": "Baseline: raw LMDB, indexed appends (C)",
    "sqlite": "Baseline: SQLite, indexed appends (C)",
    "lmdb_single": "Baseline: raw LMDB, one durable commit per record (C)",
    "scan": "Baseline: raw LMDB, sequential scan reading every byte (C)",
    "bulk": "Ledger: bulk posting (API, batches)",
    "jsonl": "Ledger: post of a JSONL file",
    "replay": "Ledger: replay",
    "posters": "Ledger: 64 concurrent single posters (group commit)",
    "single": "Ledger: one durable commit per event",
    "balance": "Ledger: balance read",
}


def medians(path):
    """Benchmark name → {metric: (p50, p99)}, with events/s scaled to events and times in ns."""
    text = open(path, encoding="utf-8").read()
    marks = list(BENCHMARK.finditer(text))
    found = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        metrics = {}
        for row in ROW.finditer(text, mark.end(), end):
            metric, values = row.group(1).strip(), [row.group(i) for i in range(2, 10)]
            scale = 1000 if "(K)" in metric else 1_000_000 if "(M)" in metric and "events" in metric else 1
            try:
                metrics[metric.split(" (")[0].rstrip(" *")] = (float(values[2]) * scale, float(values[5]) * scale)
            except ValueError:
                continue
        found[mark.group(1)] = metrics
    missing = [name for name in NAMES.values() if name not in found]
    if missing:
        sys.exit(f"{path}: no result for {', '.join(missing)}: was the run cut short or filtered?")
    return {key: found[name] for key, name in NAMES.items()}


def rate(run, key):
    return run[key]["events/s"][0]


def per_second(value):
    return f"{value / 1e6:.2f}M/s" if value >= 1e6 else f"{value / 1e3:,.0f}k/s" if value >= 1e4 else f"{value:,.0f}/s"


def main(paths):
    if not paths:
        sys.exit(__doc__)
    runs = [medians(path) for path in paths]
    header = "| measurement | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " |"
    print(header)
    print("|---|" + "---:|" * len(runs))
    rows = [
        ("raw LMDB, indexed appends (C)", "lmdb"), ("SQLite, indexed appends (C)", "sqlite"),
        ("raw LMDB, one durable commit per record (C)", "lmdb_single"),
        ("raw LMDB, sequential scan reading every byte (C)", "scan"),
        ("**ledger: bulk posting**", "bulk"), ("**ledger: post of a JSONL file**", "jsonl"),
        ("**ledger: replay**", "replay"), ("**ledger: 64 concurrent single posters**", "posters"),
        ("**ledger: one durable commit per event**", "single"),
    ]
    for label, key in rows:
        print(f"| {label} | " + " | ".join(per_second(rate(run, key)) for run in runs) + " |")
    latency = [run["balance"]["Time"] for run in runs]
    print("| **ledger: balance read** p50 / p99 | "
          + " | ".join(f"{p50 / 1000:.1f} / {p99 / 1000:.1f} µs" for p50, p99 in latency) + " |")
    print()
    print("| target | reached |")
    print("|---|---|")
    print("| bulk ≥ 0.5 × raw LMDB | " + ", ".join(f"{rate(r, 'bulk') / rate(r, 'lmdb'):.3f} ×" for r in runs) + " |")
    print("| bulk ≥ 2 × SQLite | " + ", ".join(f"{rate(r, 'bulk') / rate(r, 'sqlite'):.2f} ×" for r in runs) + " |")
    print("| JSONL `post` ≥ 200,000/s | " + ", ".join(per_second(rate(r, "jsonl")) for r in runs) + " |")
    print("| replay ≥ 5,000,000/s | " + ", ".join(per_second(rate(r, "replay")) for r in runs) + " |")
    print("| 64 posters ≥ 12 × one durable commit | "
          + ", ".join(f"{rate(r, 'posters') / rate(r, 'single'):.1f} ×" for r in runs) + " |")
    print("| balance read p99 ≤ 10 µs | " + ", ".join(f"{p99 / 1000:.1f} µs" for _, p99 in latency) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
