"""Scrub quality and speed on traffic the scrubber was not developed on, beside plain Presidio.

Two kinds of traffic, each run through Flywheel's scrub step (scrubber, second detector,
written partition) and through plain Presidio (`AnalyzerEngine.analyze` + `AnonymizerEngine`,
one text at a time, default recognizers, spaCy's small model) in one run:
- the PII evaluation set's test part (`flywheel.pii_eval`: its own templates, values from 20
  locales none of which the recognizers were developed on; nearly every text distinct);
- the sample generator's traffic (repeated templates), for speed.
Prints per kind the values planted and surviving anywhere in what each wrote, withheld calls,
non-personal words destroyed, argument consistency and verbatim share, seconds and their ratio.

    .venv/bin/python benchmarks/scrub_generalisation.py --conversations 600 --records 3000
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.pii_eval.build import DAY, build, write_landing
from flywheel.pii_eval.run import run_flywheel, run_plain
from flywheel.pii_eval.score import table
from flywheel.pii_eval.values import KINDS
from flywheel.sample.generator import generate


def compare(title: str, landing: Path, day: date, truth: pl.DataFrame, workers: int, show: bool = False) -> None:
    fly, fly_s, messages = run_flywheel(landing, day, truth, workers=workers)
    if show:
        for rid, kind, value in fly["survivors"]:
            print(f"survived {kind:15} {rid}  {value!r}")
    plain, plain_s = run_plain(landing, day, truth)
    print(f"\n## {title}: {messages:,} messages")
    print(table({"flywheel": fly, "presidio": plain}, [k for k in KINDS if k in fly["planted"]]))
    print(f"{'seconds':24}{fly_s:>22.1f}{plain_s:>22.1f}")
    print(f"{'messages/s':24}{messages / fly_s:>22,.0f}{messages / plain_s:>22,.0f}")
    print(f"speed ratio flywheel / plain presidio: {plain_s / fly_s:.1f}x (workers={workers})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    parser.add_argument("--conversations", type=int, default=600, help="evaluation conversations (2 calls each)")
    parser.add_argument("--records", type=int, default=3000, help="generator log lines; 0 skips that part")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", action="store_true", help="list the values that survived (development part only)")
    args = parser.parse_args()
    if args.show and args.split != "dev":
        parser.error("--show lists survivors of the development part only: nobody tunes on the test part")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        records, truth = build(args.split, args.conversations, seed=args.seed)
        write_landing(records, Path(tmp) / "eval")
        compare(f"evaluation set, {args.split} part", Path(tmp) / "eval", DAY.date(), truth, args.workers, args.show)
        if args.records:
            generate(Path(tmp) / "gen", Path(tmp) / "truth", records=args.records, days=1, seed=42)
            truth = pl.read_parquet(Path(tmp) / "truth" / "pii.parquet")
            compare("sample generator", Path(tmp) / "gen", date(2026, 11, 1), truth, args.workers)


if __name__ == "__main__":
    main()
