"""Small helpers that turn frames into Dagster metadata a data team can read in the UI."""

import dagster as dg
import polars as pl

_DAGSTER_TYPES = {pl.String: "string", pl.Boolean: "bool", pl.Int32: "int", pl.Int64: "int",
                  pl.Float64: "float", pl.Date: "date", pl.Binary: "bytes"}  # fmt: skip


def as_table(df: pl.DataFrame, max_rows: int = 20) -> dg.TableMetadataValue:
    """A frame as a table the Dagster UI draws inline on the asset's page, with its column types
    (lists joined with commas, dates as text, at most `max_rows` rows: the first ones)."""
    head = df.head(max_rows)
    records = [dg.TableRecord({k: _cell(v) for k, v in row.items()}) for row in head.iter_rows(named=True)]
    columns = [dg.TableColumn(name, _DAGSTER_TYPES[dtype] if dtype in _NATIVE else "string")
               for name, dtype in head.schema.items()]  # fmt: skip
    return dg.MetadataValue.table(records, dg.TableSchema(columns=columns))


_NATIVE = (pl.String, pl.Boolean, pl.Int32, pl.Int64, pl.Float64)


def _cell(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def column_schema(schema: pl.Schema) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[dg.TableColumn(name, _DAGSTER_TYPES.get(dtype, str(dtype))) for name, dtype in schema.items()]
    )


def counts(df: pl.DataFrame, by: str) -> pl.DataFrame:
    return df.group_by(by).len("records").sort(["records", by], descending=[True, False])


def verified(df: pl.DataFrame, verifier) -> pl.DataFrame:
    """`df` with every string cell the second detector flags replaced by `[withheld: KIND]`, so
    that no personal value from raw data (a client id holding an email, a file named after a
    person) reaches Dagster's storage."""
    cols = [c for c, t in df.schema.items() if t == pl.String]
    lists = [c for c, t in df.schema.items() if t == pl.List(pl.String)]
    values = {v for c in cols for v in df[c].drop_nulls()} | {v for c in lists for v in df[c].explode().drop_nulls()}
    found = dict(zip(values, verifier.check([{"v": v} for v in values]), strict=True))
    safe = {v: f"[withheld: {', '.join(sorted(k))}]" for v, k in found.items() if k}
    if not safe:
        return df
    return df.with_columns(
        *(pl.col(c).replace(safe) for c in cols), *(pl.col(c).list.eval(pl.element().replace(safe)) for c in lists)
    )
