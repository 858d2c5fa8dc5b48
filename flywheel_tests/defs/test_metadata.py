from datetime import date

import dagster as dg
import polars as pl

from flywheel.defs.metadata import as_table
from flywheel_tests.defs.tables import rows


def test_a_frame_becomes_an_inline_table_with_its_column_types():
    df = pl.DataFrame({"task": ["task-001", "task-002", "task-003"], "traces": [40, 12, 3], "share": [0.7, 0.2, 0.1],
                       "tools": [["get_order", "refund"], [], None], "day": [date(2026, 11, 1)] * 3})  # fmt: skip
    value = as_table(df, max_rows=2)
    assert [c.type for c in value.schema.columns] == ["string", "int", "float", "string", "string"]
    assert rows(value) == [
        {"task": "task-001", "traces": 40, "share": 0.7, "tools": "get_order, refund", "day": "2026-11-01"},
        {"task": "task-002", "traces": 12, "share": 0.2, "tools": "", "day": "2026-11-01"},
    ]
    dg.MetadataValue.table(value.records, value.schema)  # Dagster accepts what it holds
