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
    """The generated landing folder and one plain JSONL file of its valid lines (cached)."""
    base = DATA / f"ingest-{records}-{days}-{seed}"
    landing, valid = base / "landing", base / "valid" / "all.jsonl"
    if not valid.exists():
        shutil.rmtree(base, ignore_errors=True)
        t = time.perf_counter()
        generate(landing, base / "truth", records=records, days=days, seed=seed)
        print(f"generated {records:,} records in {time.perf_counter() - t:.0f} s")
        truth = pl.read_parquet(base / "truth" / "lines.parquet")
        bad = set(truth.filter(pl.col("outcome") == "quarantined").select("source_file", "source_line").iter_rows())
        valid.parent.mkdir(parents=True)
        with valid.open("wb") as out:
            for path in sorted(landing.iterdir()):
                data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
                for n, line in enumerate(data.split(b"\n")[:-1], start=1):
                    if (path.name, n) not in bad:
                        out.write(line + b"\n")
    return landing, valid


def timed(fn) -> tuple[float, object]:
    gc.collect()
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    landing, valid = sample(args.records, args.days, args.seed)
    lines = sum(1 for _ in valid.open("rb"))
    size_mb = valid.stat().st_size / 1e6

    polars_s, df = timed(lambda: pl.read_ndjson(valid, infer_schema_length=None))
    assert df.height == lines
    del df

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "landing"
        folder.mkdir()
        os.link(valid, folder / valid.name) if valid.stat().st_dev == Path(tmp).stat().st_dev else shutil.copy(
            valid, folder / valid.name
        )
        # every day the file touches (records without a timestamp take the file's day)
        days = {date.fromisoformat(d) for f in list_landing(folder) for d in scan_file(f)}
        flywheel_s, results = timed(lambda: ingest_days(Lake(Path(tmp) / "lake"), folder, days))
        counted = sum(r.counts["lines_read"] for r in results)
        assert counted == lines, (counted, lines)
        accepted = sum(r.counts["accepted"] for r in results)

        landing_days = {date.fromisoformat(d) for f in list_landing(landing) for d in scan_file(f)}
        landing_s, results = timed(lambda: ingest_days(Lake(Path(tmp) / "lake2"), landing, landing_days))
        landing_lines = sum(r.counts["lines_read"] for r in results)

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, polars {pl.__version__}")  # fmt: skip
    print(f"valid file: {lines:,} lines, {size_mb:,.0f} MB, {len(days)} days")
    print(f"polars.read_ndjson      {lines / polars_s:>10,.0f} records/s  ({polars_s:.1f} s, parse only)")
    print(f"flywheel collect        {lines / flywheel_s:>10,.0f} records/s  ({flywheel_s:.1f} s, "
          f"{accepted:,} accepted, validated, deduplicated, written)")  # fmt: skip
    print(f"ratio flywheel/polars   {polars_s / flywheel_s:>10.2f}  (goal >= 0.33)")
    print(f"flywheel on the landing folder (gzip, bad lines, late arrivals): "
          f"{landing_lines / landing_s:,.0f} records/s ({landing_lines:,} lines, {landing_s:.1f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
