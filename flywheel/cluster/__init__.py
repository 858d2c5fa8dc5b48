"""S3 cluster: find the agent's recurring tasks in the scrubbed traffic, one stable id per task."""
