"""Step 1 (collect): `raw_logs` and `quarantine`, their accounting check and the landing-folder sensor."""
