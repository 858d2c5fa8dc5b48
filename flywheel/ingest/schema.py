"""The fixed polars schemas of `raw_logs`, `quarantine` and the duplicates ledger."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import accumulate

import msgspec
import polars as pl
import pyarrow as pa

from flywheel.ingest.contract import LogRecord

RAW_LOGS = pl.Schema(
    {
        "request_id": pl.String,
        "request_id_derived": pl.Boolean,  # the source had none: a hash of the line's content
        "timestamp": pl.Datetime("us", "UTC"),
        "timestamp_derived": pl.Boolean,  # the source had none: the file's modification time
        "day": pl.Date,
        "workload_id": pl.String,
        "client_id": pl.String,
        "model": pl.String,
        "messages": pl.String,  # JSON array, OpenAI chat format
        "tools": pl.String,  # JSON array of tool definitions, or null
        "tool_choice": pl.String,  # JSON, or null
        "response_message": pl.String,  # JSON object: the assistant's reply
        "finish_reason": pl.String,
        "tools_offered": pl.List(pl.String),
        "tools_called": pl.List(pl.String),
        "n_messages": pl.Int32,
        "prompt_tokens": pl.Int64,
        "completion_tokens": pl.Int64,
        "total_tokens": pl.Int64,
        "latency_ms": pl.Float64,
        "source_file": pl.String,
        "source_line": pl.Int64,
    }
)

# Columns that hold no message text and no identifier (request and client ids stay in the lake,
# so an erasure never has to reach into Dagster's storage): safe to show in the UI and in metadata.
PREVIEW_COLUMNS = [
    "timestamp", "workload_id", "model", "n_messages", "tools_called", "finish_reason", "prompt_tokens",
    "completion_tokens", "latency_ms",
]  # fmt: skip

QUARANTINE = pl.Schema(
    {
        "day": pl.Date,
        "source_file": pl.String,
        "source_line": pl.Int64,  # null when the whole file could not be read
        "reason_code": pl.String,
        "reason": pl.String,
        "raw_line": pl.Binary,  # the line exactly as read: it may not even be UTF-8
        "lines": pl.Int64,  # the lines the row stands for: 1, or a run of empty lines (one row, not millions)
    }
)

DUPLICATES = pl.Schema(
    {
        "day": pl.Date,
        "request_id": pl.String,
        "source_file": pl.String,
        "source_line": pl.Int64,
        "kept_from": pl.String,  # where the copy that was kept came from
    }
)

_encode = msgspec.json.encode


def _json(value: object) -> str | None:
    return None if value is None else _encode(value).decode()


def raw_row(record: LogRecord, request_id: str, ts: datetime, ts_derived: bool, source: str, line_no: int) -> tuple:
    """One `raw_logs` row, in RAW_LOGS column order."""
    req, resp = record.request, record.response
    choice = resp.choices[0]
    usage = resp.usage
    prompt = usage.prompt_tokens if usage else None
    completion = usage.completion_tokens if usage else None
    total = (usage.total_tokens or prompt + completion) if usage else None
    return (
        request_id,
        record.request_id is None,
        ts,
        ts_derived,
        ts.astimezone(UTC).date(),
        record.workload_id,
        record.client_id,
        req.model or resp.model,
        _json(req.messages),
        _json(req.tools),
        _json(req.tool_choice),
        _json(choice.message),
        choice.finish_reason,
        [t.function.name for t in req.tools or ()],
        [c.function.name for c in choice.message.tool_calls or ()],
        len(req.messages),
        prompt,
        completion,
        total,
        record.latency_ms,
        source,
        line_no,
    )


def frame(rows: list[tuple], schema: pl.Schema) -> pl.DataFrame:
    """Rows (tuples in schema order) as a frame, built column by column: far faster than by row."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    return pl.DataFrame(
        [_series(name, dtype, values) for (name, dtype), values in zip(schema.items(), columns, strict=True)]
    )


def _series(name: str, dtype: pl.DataType, values: tuple) -> pl.Series:
    if dtype == pl.List(pl.String):  # polars converts nested lists one by one; arrow takes them flat
        offsets = list(accumulate((len(v) for v in values), initial=0))
        flat = pa.array([x for v in values for x in v], type=pa.large_string())
        arrow = pa.LargeListArray.from_arrays(pa.array(offsets, type=pa.int64()), flat)
        return pl.Series(name, arrow).cast(dtype)
    return pl.Series(name, values, dtype=dtype)
