"""Sample agent traffic with known structure: tasks, planted personal data and bad lines.

`flywheel generate-sample` writes it; the ground truth goes to a separate folder that the
pipeline never reads, for tests and benchmarks.
"""
