"""`residual_pii`: an independent second pass that stops anything downstream if personal data survived."""

import dagster as dg

from flywheel.defs.partitions import daily
from flywheel.defs.resources import LakeResource
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
