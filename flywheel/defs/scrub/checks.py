"""`residual_pii`: an independent second pass that stops anything downstream if personal data survived."""

import dagster as dg
import polars as pl

from flywheel.defs.partitions import daily
from flywheel.defs.resources import LakeResource
from flywheel.defs.scrub.assets import POLICY
from flywheel.scrub.pipeline import SCRUBBED, block, residual_report
from flywheel.scrub.verify import Verifier


@dg.asset_check(asset=SCRUBBED, blocking=True, partitions_def=daily)
def residual_pii(context: dg.AssetCheckExecutionContext, lake: LakeResource) -> dg.AssetCheckResult:
    """The second detector (phone numbers by `phonenumbers` in every region, addresses by `pyap`,
    names by NER, structured values by checksums; no code shared with the scrubber) reads the
    written partition again, every column. Fails when it finds anything, or when the scrub step
    withheld more of the day's calls than the policy's `max_withheld_share`; a failed day is
    marked so that every step after scrubbing refuses it. Reports kinds and request ids, never a value."""
    store, day = lake.lake(), context.partition_key
    kinds, where = residual_report(store.read(SCRUBBED, day, "traces"), Verifier(POLICY.allow_list))
    manifest = store.manifest(SCRUBBED, day) or {}
    failures = store.read(SCRUBBED, day, "failures")
    withheld = failures.filter(pl.col("kinds") != "")
    share = manifest.get("withheld_share", 0.0)
    over = share > POLICY.max_withheld_share
    if kinds or over:
        block(store, day, {"found": dict(kinds), "withheld_share": share, "limit": POLICY.max_withheld_share})
    return dg.AssetCheckResult(
        passed=not kinds and not over,
        metadata={
            "values_found": sum(kinds.values()),
            **{f"found_{k}": v for k, v in sorted(kinds.items())},
            "calls_affected": len(where),
            "request_ids": ", ".join(where[:20]),
            "calls_withheld": withheld.height,
            "withheld_share": dg.MetadataValue.float(share),
            "withheld_share_limit": dg.MetadataValue.float(POLICY.max_withheld_share),
            **{f"withheld_{k}": v for k, v in sorted((manifest.get("withheld") or {}).items())},
            "withheld_request_ids": ", ".join(withheld["request_id"].head(20)),
            "published": not kinds and not over,
        },  # fmt: skip
    )


@dg.asset_check(asset=SCRUBBED, blocking=False)
def scrubbed_under_current_policy(lake: LakeResource) -> dg.AssetCheckResult:
    """Every scrubbed day was produced under the policy in force now. After a policy change it
    fails (as a warning) and lists the days a backfill must re-scrub."""
    store = lake.lake()
    days = store.days(SCRUBBED)
    stale = [str(d) for d in days if (store.manifest(SCRUBBED, d) or {}).get("policy_version") != POLICY.version]
    return dg.AssetCheckResult(
        passed=not stale,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "policy_version": POLICY.version,
            "days_scrubbed": len(days),
            "days_to_rescrub": len(stale),
            "first_days_to_rescrub": ", ".join(stale[:31]),
        },  # fmt: skip
    )
