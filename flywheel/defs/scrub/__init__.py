"""Step 2 (scrub): `scrubbed_traces` and its blocking `residual_pii` check."""
