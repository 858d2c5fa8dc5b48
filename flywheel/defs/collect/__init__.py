"""Step 1 (collect): `raw_logs` and `quarantine`, their check, the daily schedule and the landing sensor."""
