"""Costs per 1,000 calls from logged token usage and the price table, and a clear error for a bad table."""

from pathlib import Path

import polars as pl
import pytest

from flywheel.evaluate.costs import llm_per_1000, load_prices, slm_per_1000


def test_the_longest_matching_model_prefix_sets_the_price():
    prices = load_prices()
    assert prices.for_model("gpt-4o-mini-2024-07-18") == {"input": 0.15, "output": 0.60}
    assert prices.for_model("gpt-4o-2024-08-06") == {"input": 2.50, "output": 10.00}
    assert prices.for_model("some-local-model") == prices.llm["default"]
    assert prices.for_model(None) == prices.llm["default"]


def test_llm_and_slm_costs_per_1000_calls(tmp_path: Path):
    table = tmp_path / "prices.yaml"
    table.write_text("llm:\n  default: {input: 1.0, output: 2.0}\n  big: {input: 10, output: 20}\n"
                     "slm: {usd_per_hour: 3.6, machine: test box}\n")  # fmt: skip
    prices = load_prices(table)
    usage = pl.DataFrame({"model": ["big-1", "other", "other"], "prompt_tokens": [1000, 2000, None],
                          "completion_tokens": [100, 500, 10]})  # fmt: skip
    # per call: 1000*10/1e6 + 100*20/1e6 = 0.012; 2000/1e6 + 1000/1e6 = 0.003; 20/1e6 = 0.00002
    assert llm_per_1000(usage, prices) == pytest.approx(1000 * (0.012 + 0.003 + 0.00002) / 3)
    assert llm_per_1000(usage.head(0), prices) is None
    assert slm_per_1000(0.5, prices) == pytest.approx(0.5)  # 500 s of a $3.60/h machine
    assert prices.slm_machine == "test box"


def test_a_table_without_a_default_price_says_what_it_needs(tmp_path: Path):
    table = tmp_path / "prices.yaml"
    table.write_text("llm:\n  big: {input: 10, output: 20}\nslm: {usd_per_hour: 1}\n")
    with pytest.raises(ValueError, match="needs llm.<model>.input/output \\(with llm.default\\)"):
        load_prices(table)
