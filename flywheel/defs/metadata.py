"""Small helpers that turn frames into Dagster metadata a data team can read in the UI."""

import dagster as dg
import polars as pl

_DAGSTER_TYPES = {pl.String: "string", pl.Boolean: "bool", pl.Int32: "int", pl.Int64: "int",
                  pl.Float64: "float", pl.Date: "date", pl.Binary: "bytes"}  # fmt: skip


def markdown_table(df: pl.DataFrame, max_rows: int = 20) -> dg.MetadataValue:
    """A frame as a markdown table (lists joined with commas, at most `max_rows` rows)."""
    head = df.head(max_rows)
    cols = head.columns
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in head.iter_rows():
        cells = [", ".join(map(str, v)) if isinstance(v, list) else "" if v is None else str(v) for v in row]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if df.height > max_rows:
        lines.append(f"\n… {df.height - max_rows} more rows")
    return dg.MetadataValue.md("\n".join(lines))


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
