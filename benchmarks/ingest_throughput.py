"""Ingest throughput: Flywheel's collect step versus polars.read_ndjson, on the same valid file.

polars parses NDJSON in Rust on all cores and does nothing else: the floor of parsing alone.
Flywheel reads the same file and also assigns each line its day, validates it against the typed
contract, normalises it to the fixed schema, deduplicates on request_id, accounts for every line
and writes Parquet partitions atomically. Goal: at least a third of polars' speed.

    .venv/bin/python benchmarks/ingest_throughput.py --records 1000000

Generated data is cached under benchmarks/.data/ (ignored by git).
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import platform
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.ingest.landing_index import scan_file
from flywheel.ingest.pipeline import ingest_days
from flywheel.ingest.sources import list_landing
from flywheel.lake import Lake
from flywheel.sample.generator import generate

DATA = Path(__file__).parent / ".data"


def sample(records: int, days: int, seed: int) -> tuple[Path, Path]:
    """The generated landing folder, and a copy with only its valid lines, uncompressed (cached)."""
    base = DATA / f"ingest-{records}-{days}-{seed}"
    landing, valid = base / "landing", base / "valid"
    if not (base / "truth" / "lines.parquet").exists():
        shutil.rmtree(base, ignore_errors=True)
        t = time.perf_counter()
        generate(landing, base / "truth", records=records, days=days, seed=seed)
        print(f"generated {records:,} records in {time.perf_counter() - t:.0f} s")
    if not (valid / "done").exists():
        shutil.rmtree(valid, ignore_errors=True)
        valid.mkdir()
        truth = pl.read_parquet(base / "truth" / "lines.parquet")
        bad = set(truth.filter(pl.col("outcome") == "quarantined").select("source_file", "source_line").iter_rows())
        for path in sorted(landing.iterdir()):
            data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
            good = [line for n, line in enumerate(data.split(b"\n")[:-1], start=1) if (path.name, n) not in bad]
            out = valid / path.name.removesuffix(".gz")
            out.write_bytes(b"\n".join(good) + b"\n")
            st = path.stat()
            os.utime(out, ns=(st.st_atime_ns, st.st_mtime_ns))  # records without a timestamp keep their day
        (valid / "done").touch()
    return landing, valid


def timed(fn) -> tuple[float, object]:
    gc.collect()
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def per_day(landing: Path, lake_root: Path) -> tuple[float, list]:
    """Flywheel as the Dagster job runs it: one day at a time, in order (what a backfill does)."""
    days = sorted({date.fromisoformat(d) for f in list_landing(landing) for d in scan_file(f)})
    lake, results = Lake(lake_root), []
    seconds = 0.0
    for day in days:
        s, r = timed(lambda day=day: ingest_days(lake, landing, {day}))
        seconds += s
        results += r
    return seconds, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    landing, valid = sample(args.records, args.days, args.seed)
    files = sorted(valid.glob("*.jsonl"))
    lines = sum(f.read_bytes().count(b"\n") for f in files)
    size_mb = sum(f.stat().st_size for f in files) / 1e6

    polars_s, heights = timed(lambda: [pl.read_ndjson(f).height for f in files])
    assert sum(heights) == lines

    with tempfile.TemporaryDirectory() as tmp:
        flywheel_s, results = per_day(valid, Path(tmp) / "lake")
        counted = sum(r.counts["lines_read"] for r in results)
        assert counted == lines, (counted, lines)
        accepted = sum(r.counts["accepted"] for r in results)
        landing_s, results = per_day(landing, Path(tmp) / "lake2")
        landing_lines = sum(r.counts["lines_read"] for r in results)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu()}, "
          f"python {platform.python_version()}, polars {pl.__version__}")  # fmt: skip
    print(f"valid files: {len(files)}, {lines:,} lines, {size_mb:,.0f} MB")
    print(f"polars.read_ndjson      {lines / polars_s:>10,.0f} records/s  ({polars_s:.1f} s, parse only)")
    print(f"flywheel collect        {lines / flywheel_s:>10,.0f} records/s  ({flywheel_s:.1f} s, one run per day: "
          f"{accepted:,} accepted, validated, deduplicated, accounted for, written)")  # fmt: skip
    print(f"ratio flywheel/polars   {polars_s / flywheel_s:>10.2f}  (goal >= 0.33)")
    print(f"flywheel on the landing folder (gzip, bad lines, late arrivals): "
          f"{landing_lines / landing_s:,.0f} records/s ({landing_lines:,} lines, {landing_s:.1f} s)")  # fmt: skip


def _cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown cpu"


if __name__ == "__main__":
    main()
