"""`flywheel`: the command line. `flywheel demo` runs the pipeline on the local defaults;
`flywheel generate-sample` writes sample agent traffic with ground truth."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from flywheel import settings

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}  # the run's events stay in Dagster


def _generate(args: argparse.Namespace) -> int:
    from flywheel.sample.generator import generate

    task_from = dict(_task_from(v) for v in args.task_from)
    summary = generate(args.out, args.truth, records=args.records, days=args.days, seed=args.seed, start=args.start,
                       task_from=task_from)  # fmt: skip
    print(f"wrote {summary['lines']} lines to {args.out} over {args.days} days "
          f"({summary.get('accepted', 0)} good, {summary.get('duplicate', 0)} duplicates, "
          f"{summary.get('quarantined', 0)} bad); ground truth in {summary['truth_dir']}")  # fmt: skip
    return 0


def _task_from(value: str) -> tuple[str, int]:
    task, _, day = value.partition("=")
    if not day.isdigit():
        raise argparse.ArgumentTypeError(f"--task-from takes TASK=DAY (a 0-based day number), not {value!r}")
    return task, int(day)


def _use_project_instance() -> None:
    """Use the project's dagster.yaml (SQLite under ./.flywheel) unless DAGSTER_HOME says otherwise."""
    if not os.environ.get("DAGSTER_HOME"):
        if Path("dagster.yaml").is_file():
            os.environ["DAGSTER_HOME"] = str(Path.cwd())
        else:
            home = Path(settings.HOME_DIR, "dagster_home").resolve()
            home.mkdir(parents=True, exist_ok=True)
            os.environ["DAGSTER_HOME"] = str(home)


def _demo(args: argparse.Namespace) -> int:
    _use_project_instance()
    import dagster as dg

    from flywheel.definitions import defs
    from flywheel.defs.partitions import daily
    from flywheel.ingest.pipeline import refresh_index
    from flywheel.ingest.sources import list_landing
    from flywheel.lake import Lake
    from flywheel.sample.generator import generate

    landing, lake = Path(settings.landing_dir()), Lake(settings.lake_root())
    if not list_landing(landing):
        print(f"No logs in {landing}: generating {args.records} sample records there.")
        generate(landing, records=args.records, seed=args.seed)
    index = refresh_index(lake, list_landing(landing))
    keys = set(daily.get_partition_keys())
    days = sorted({d for entry in index.values() for d in entry["days"]} & keys)
    if not days:
        print(f"The landing files hold no day within the partitions ({settings.partitions_start()} to yesterday).")
        return 1
    job = defs().resolve_job_def("ingest")
    print(f"Collecting, scrubbing and embedding {len(days)} days from {landing} into {lake.root}")
    print(f"Dagster instance: {os.environ['DAGSTER_HOME']}/dagster.yaml")
    failed = 0
    with dg.DagsterInstance.get() as instance:
        for day in days:
            result = job.execute_in_process(
                partition_key=day, instance=instance, raise_on_error=False, run_config=QUIET
            )
            counts = dict((lake.manifest("raw_logs", day) or {}).get("counts", {}))
            scrubbed = lake.manifest("scrubbed_traces", day) or {}
            counts["scrubbed"] = scrubbed.get("traces", 0)
            counts["withheld"] = scrubbed.get("withheld_calls", 0)  # by the second detector
            status = "ok" if result.success else "FAILED"
            failed += not result.success
            print(f"  {day}  {status:6}  " + "  ".join(f"{k}={v}" for k, v in counts.items()))
        failed += _cluster(instance, lake)
    print("Done. See it in the Dagster UI:  source .venv/bin/activate && DAGSTER_HOME=$PWD dg dev")
    print("then open http://127.0.0.1:3000")
    return 1 if failed else 0


def _cluster(instance, lake) -> int:
    """Re-cluster if `enough_new_usage` would, then refresh the days' task assignments."""
    from flywheel.cluster.trigger import Thresholds, decide
    from flywheel.definitions import defs

    growth, noise, first = settings.recluster_thresholds()
    decision = decide(lake, Thresholds(growth=growth, noise=noise, first=first))
    print(decision.reason)
    if not decision.run:
        return 0
    result = defs().resolve_job_def("recluster").execute_in_process(instance=instance, raise_on_error=False,
                                                                   run_config=QUIET)  # fmt: skip
    if not result.success:
        print("  re-clustering FAILED: see the run in the Dagster UI")
        return 1
    from flywheel.cluster.pipeline import current

    info = current(lake)
    m = info["metrics"]
    print(f"  clustering {info['version']}: {m['tasks']} tasks, {m['noise_share']:.1%} of traces in noise")
    from flywheel.cluster.trigger import stale_assignments

    assign = defs().resolve_job_def("assign")
    failed = 0
    for day in stale_assignments(lake)[1]:  # as the sensor's next tick would
        failed += not assign.execute_in_process(partition_key=day, instance=instance, raise_on_error=False,
                                                run_config=QUIET).success  # fmt: skip
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flywheel", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate-sample", help="write sample agent traffic and its ground truth")
    gen.add_argument("--out", type=Path, default=Path(settings.landing_dir()), help="landing folder to write")
    gen.add_argument("--truth", type=Path, default=None, help="ground-truth folder (default: <out>-truth)")
    gen.add_argument("--records", type=int, default=5000, help="about this many log lines (default 5000)")
    gen.add_argument("--days", type=int, default=7, help="days of traffic (default 7)")
    gen.add_argument("--seed", type=int, default=0, help="random seed: same seed, same files")
    gen.add_argument("--start", type=date.fromisoformat, default=date(2026, 11, 1), help="first day, YYYY-MM-DD")
    gen.add_argument("--task-from", action="append", default=[], metavar="TASK=DAY",
                     help="hold a task back until a day (0-based), e.g. flight_search=5; repeatable")  # fmt: skip
    gen.set_defaults(func=_generate)

    demo = sub.add_parser(
        "demo", help="collect, scrub and cluster the landing folder (sample traffic if empty) into the lake"
    )
    demo.add_argument("--records", type=int, default=5000, help="sample size when the landing folder is empty")
    demo.add_argument("--seed", type=int, default=0)
    demo.set_defaults(func=_demo)

    tune = sub.add_parser("fine-tune", help="build a task's dataset, choose its base model and train its adapter")
    tune.add_argument("task", nargs="?", help="a task id (task-001, ...); without one, the tasks are listed")
    tune.add_argument("--epochs", type=float, default=None, help="training epochs (default: the asset's, 2)")
    tune.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (a quick try)")
    tune.set_defaults(func=_fine_tune)

    known = sub.add_parser("hash-values", help="hash a list of values (one per line) for the policy's known_values")
    known.add_argument("file", type=Path, help="the values, one per line (a CRM export's names, emails, ...)")
    known.add_argument("--out", type=Path, required=True, help="the hashes file to write; name it in the policy")
    known.set_defaults(func=_hash_values)

    args = parser.parse_args(argv)
    return args.func(args)


def _fine_tune(args: argparse.Namespace) -> int:
    """Run the `fine_tune` job for one task in this process; the training's progress bar and lines
    show in the terminal, and the run is in the Dagster instance like any other."""
    _use_project_instance()
    import dagster as dg

    from flywheel.cluster.pipeline import current
    from flywheel.definitions import defs
    from flywheel.lake import Lake
    from flywheel.train.adapters import current_adapter

    lake = Lake(settings.lake_root())
    info = current(lake)
    if info is None:
        print("No tasks yet: run `flywheel demo` (or cluster your traffic) first.")
        return 1
    if args.task not in info["task_ids"]:
        print(("Unknown task " + repr(args.task) + ". " if args.task else "") + "Tasks: " + ", ".join(info["task_ids"]))
        return 1 if args.task else 0
    train = {k: v for k, v in {"epochs": args.epochs, "max_steps": args.max_steps}.items() if v is not None}
    quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}  # failures are printed below, plainly
    config = {**quiet, "ops": {"lora_adapters": {"config": train}}} if train else quiet
    with dg.DagsterInstance.get() as instance:
        result = defs().resolve_job_def("fine_tune").execute_in_process(
            partition_key=args.task, instance=instance, raise_on_error=False, run_config=config
        )
    if not result.success:
        failures = [e.step_failure_data.user_failure_data or e.step_failure_data.error for e in
                    result.get_step_failure_events()]  # fmt: skip
        for failure in failures:
            print(f"FAILED: {getattr(failure, 'description', None) or getattr(failure, 'message', failure)}")
        return 1
    adapter = current_adapter(lake, args.task) or {}
    print(f"{args.task}: adapter {adapter.get('adapter')} (base {adapter.get('base_model')}, registered version "
          f"{adapter.get('model_version')} of flywheel-{args.task} in MLflow)")  # fmt: skip
    return 0


def _hash_values(args: argparse.Namespace) -> int:
    from flywheel.scrub.known import hash_values

    values = args.file.read_text().splitlines()
    args.out.write_text(hash_values(values))
    args.out.chmod(0o600)
    print(f"{sum(1 for v in values if v.strip())} values hashed into {args.out}; add to the scrub policy:\n"
          f"known_values:\n  - {{file: {args.out.name}, entity: PERSON}}   # the entity of these values")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
