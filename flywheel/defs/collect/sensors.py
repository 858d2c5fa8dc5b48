"""Watch the landing folder and collect the days that new or changed files touch."""

import hashlib
import json

import dagster as dg

from flywheel.defs.jobs import ingest_job
from flywheel.defs.partitions import daily
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.ingest.pipeline import refresh_index
from flywheel.ingest.sources import being_written, file_key, list_landing


@dg.sensor(job=ingest_job, minimum_interval_seconds=60)
def landing_files(context: dg.SensorEvaluationContext, lake: LakeResource, landing: LandingResource):
    """The cursor remembers each file's size and modification time. A new or changed file requests
    the day partitions it holds lines for. A day that is not complete yet (today) is requested on a
    later tick, once its partition exists; the run key keeps a day from being requested twice for
    the same files. A file still being written (its last line unfinished, modified in the last
    FLYWHEEL_SETTLE_SECONDS) waits for a later tick."""
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    files = list_landing(landing.path)
    changed = [f for f in files if seen.get(file_key(f.name)) != f.signature]
    writing = [f for f in changed if being_written(f)]
    new = [f for f in changed if f not in writing]
    if not new:
        held = f"; {len(writing)} still being written (last line unfinished), collected once done" if writing else ""
        return dg.SkipReason(f"No new or changed files among {len(files)} in the landing folder{held}.")
    index = refresh_index(lake.lake(), files)
    keys = daily.get_partition_keys()
    requests: dict[str, list[str]] = {}
    waiting, too_old = set(), set()
    for f in new:
        for d in index[f.name]["days"]:
            if keys and d < keys[0]:
                too_old.add(d)
            elif not keys or d > keys[-1]:
                waiting.add(f.name)
            else:
                requests.setdefault(d, []).append(f"{f.name}={f.signature}")
    if too_old:
        context.log.warning(
            f"{len(too_old)} days before the first partition ({keys[0]}) are not collected: the partitions "
            "start at the first day of the logs when the code location loads (at most FLYWHEEL_HISTORY_DAYS "
            "back) or at FLYWHEEL_START_DATE; reload the code location (or set FLYWHEEL_START_DATE earlier) "
            "and backfill those days."
        )
    run_requests = [
        dg.RunRequest(partition_key=d, run_key=f"{d}:{hashlib.sha1('|'.join(sorted(v)).encode()).hexdigest()[:12]}")
        for d, v in sorted(requests.items())
    ]
    cursor = {**seen, **{file_key(f.name): f.signature for f in new if f.name not in waiting}}
    return dg.SensorResult(run_requests=run_requests, cursor=json.dumps(cursor, sort_keys=True))
