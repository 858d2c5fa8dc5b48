"""Step 2 (scrub): remove personal data from logged calls under a versioned policy.

Plain Python, no Dagster import: `flywheel.defs.scrub` wraps it as `scrubbed_traces` and the
`residual_pii` check. Nothing downstream of this step ever reads raw text.
"""
