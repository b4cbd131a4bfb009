#!/usr/bin/env python3
"""Prints bench/sql_submit.sh's results as Markdown: one row per kata, a total and a
geomean line, then the process-start floors. Usage: summarize.py OUT_DIR"""
import json
import math
import pathlib
import sys

AIM = 3.0


def medians(path):
    """Command name -> (median ms, stddev ms) from one hyperfine --export-json file."""
    data = json.loads(path.read_text())
    return {r["command"]: (r["median"] * 1000, (r.get("stddev") or 0) * 1000)
            for r in data["results"]}


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main():
    out = pathlib.Path(sys.argv[1])
    katas = [line.split("\t") for line in (out / "katas.tsv").read_text().splitlines() if line]
    print("| kata | datasets | kata submit median (ms) | sqlite3 median (ms) | ratio "
          "| sqlite3 x2 median (ms) | ratio vs x2 | sqlite3 1-proc median (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ratios, ratios2 = [], []
    total = {"n": 0, "kata": 0.0, "one": 0.0, "two": 0.0, "single": 0.0}
    for kata_id, count in katas:
        m = medians(out / f"{kata_id}.json")
        k, one, two = m["kata submit"][0], m["sqlite3"][0], m["sqlite3 x2"][0]
        single = m["sqlite3 1-proc"][0]
        ratios.append(k / one)
        ratios2.append(k / two)
        total["n"] += int(count)
        total["kata"] += k
        total["one"] += one
        total["two"] += two
        total["single"] += single
        print(f"| {kata_id} | {count} | {k:.2f} | {one:.2f} | {k / one:.2f}x "
              f"| {two:.2f} | {k / two:.2f}x | {single:.2f} |")
    print(f"| **total** ({len(katas)} katas) | {total['n']} | {total['kata']:.2f} "
          f"| {total['one']:.2f} | {total['kata'] / total['one']:.2f}x "
          f"| {total['two']:.2f} | {total['kata'] / total['two']:.2f}x | {total['single']:.2f} |")
    print(f"| **geomean of ratios** | | | | {geomean(ratios):.2f}x | | {geomean(ratios2):.2f}x | |")
    worst = max(ratios)
    spreads = [r["stddev"] / r["mean"] for kata_id, _ in katas
               for r in json.loads((out / f"{kata_id}.json").read_text())["results"]]
    print()
    print(f"Noise: mean relative standard deviation {100 * sum(spreads) / len(spreads):.1f}% "
          f"over {len(spreads)} measurements (above ~5%, something else was running).")
    print()
    print(f"Headline (kata submit / sqlite3): geomean {geomean(ratios):.2f}x, "
          f"worst {worst:.2f}x; aim <= {AIM:.0f}x: "
          f"{'met' if worst <= AIM else 'missed'}.")

    skipped = out / "skipped.tsv"
    if skipped.exists():
        for line in skipped.read_text().splitlines():
            if line:
                kata_id, why = line.split("\t", 1)
                print(f"\nNot measured: {kata_id}: {why}.")

    floors = out / "floors.json"
    if floors.exists():
        print()
        print("| process start (no work) | median (ms) | stddev (ms) |")
        print("|---|---:|---:|")
        for name, (median, stddev) in medians(floors).items():
            print(f"| {name} | {median:.2f} | {stddev:.2f} |")


if __name__ == "__main__":
    main()
