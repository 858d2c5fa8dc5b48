"""Step 3 (cluster): trace embeddings, the task clustering with stable ids, daily assignments, the re-cluster sensor."""
