"""A tiny task dataset for training tests: eight weather questions answered with a tool call."""

import json
from pathlib import Path

import polars as pl

from flywheel.datasets.build import ROWS

PARAMETERS = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
FUNCTION = {"name": "get_weather", "description": "Forecast.", "parameters": PARAMETERS}
TOOLS = [{"type": "function", "function": FUNCTION}]
CITIES = ["Oslo", "Lima", "Rome", "Kyiv", "Doha", "Bern", "Lagos", "Hanoi"]


def example(i: int, city: str, filler: str = "") -> tuple:
    call = {"id": f"c{i}", "type": "function", "function": {"name": "get_weather", "arguments": {"city": city}}}
    messages = [{"role": "user", "content": f"Weather in {city}?{filler}"},
                {"role": "assistant", "content": None, "tool_calls": [call]}]  # fmt: skip
    return (f"r{i}", f"k{i}", f"n{i}", "", json.dumps(messages), json.dumps(TOOLS), "tool_call", "get_weather", 10, 10)


def write_dataset(folder: Path, cities: list[str], filler: str = "") -> Path:
    """The same examples in each split; `filler` lengthens every question."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [example(i, c, filler) for i, c in enumerate(cities)]
    for split in ("train", "validation", "test"):
        data = [r[:3] + (split,) + r[4:] for r in rows]
        pl.DataFrame(data, schema=ROWS, orient="row").write_parquet(folder / f"{split}.parquet")
    (folder / "card.json").write_text(json.dumps({"prompt_tokens": {"p99": 100}, "target_tokens": {"p99": 20}}))
    return folder
