"""Reading table metadata back in tests."""

import dagster as dg


def rows(value: dg.TableMetadataValue) -> list[dict]:
    """The records of a table metadata value, as dicts (a table, never markdown: the UI draws it inline)."""
    assert isinstance(value, dg.TableMetadataValue), type(value)
    return [record.data for record in value.records]
