"""`residual_pii`: an independent second pass that stops anything downstream if personal data survived."""

import dagster as dg

from flywheel.defs.partitions import daily
from flywheel.defs.resources import LakeResource
from flywheel.defs.scrub.assets import POLICY
from flywheel.scrub.pipeline import SCRUBBED, residual_report


@dg.asset_check(asset=SCRUBBED, blocking=True, partitions_def=daily)
def residual_pii(context: dg.AssetCheckExecutionContext, lake: LakeResource) -> dg.AssetCheckResult:
    """Strict patterns with checksums (emails, phone numbers, Luhn-valid card numbers, mod-97-valid
    IBANs, US SSNs, IP addresses), sharing no code with the scrubber, over every scrubbed text.
    Fails if any such value survived; reports kinds and request ids, never a value."""
    traces = lake.lake().read(SCRUBBED, context.partition_key, "traces")
    kinds, where = residual_report(traces)
    return dg.AssetCheckResult(
        passed=not kinds,
        metadata={
            "values_found": sum(kinds.values()),
            **{f"found_{k}": v for k, v in sorted(kinds.items())},
            "calls_affected": len(where),
            "request_ids": ", ".join(where[:20]),
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
