"""`task_cluster`: one partition per task the clustering found, for every per-task asset downstream.

Keys are the stable task ids (`task-001`, ...). A re-clustering adds the new ones; a retired
task's key is kept (its history stays visible) and never given to another task.
"""

import dagster as dg

task_cluster = dg.DynamicPartitionsDefinition(name="task_cluster")
