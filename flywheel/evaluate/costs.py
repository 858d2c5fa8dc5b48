"""What 1,000 calls cost on the LLM (from the token usage the gateway logged, at the configured
prices) and on the small model (its measured latency times the hourly price of the machine
serving it). The price table is `prices.yaml` beside this module, or the file `FLYWHEEL_PRICES` names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml

PRICES = Path(__file__).with_name("prices.yaml")


@dataclass(frozen=True)
class Prices:
    llm: dict[str, dict[str, float]]  # model prefix -> {"input": USD per Mtok, "output": USD per Mtok}
    slm_usd_per_hour: float
    slm_machine: str

    def for_model(self, model: str | None) -> dict[str, float]:
        """The price of the longest prefix of `model` in the table, else the default."""
        matches = [k for k in self.llm if k != "default" and model and model.startswith(k)]
        return self.llm[max(matches, key=len)] if matches else self.llm["default"]


def load_prices(path: str | Path | None = None) -> Prices:
    path = Path(path or os.environ.get("FLYWHEEL_PRICES") or PRICES)
    raw = yaml.safe_load(path.read_text())
    try:
        llm = {str(k): {"input": float(v["input"]), "output": float(v["output"])} for k, v in raw["llm"].items()}
        if "default" not in llm:
            raise KeyError("default")
        return Prices(llm, float(raw["slm"]["usd_per_hour"]), str(raw["slm"].get("machine", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: the price table needs llm.<model>.input/output (with llm.default) and "
                         f"slm.usd_per_hour ({type(exc).__name__}: {exc})") from None  # fmt: skip


def llm_cost(usage: pl.DataFrame, prices: Prices) -> pl.Series:
    """USD per call from the logged `model`, `prompt_tokens` and `completion_tokens` (0 where not logged)."""
    rates = [prices.for_model(m) for m in usage["model"].to_list()]
    prompt = usage["prompt_tokens"].cast(pl.Float64).fill_null(0).to_list()
    completion = usage["completion_tokens"].cast(pl.Float64).fill_null(0).to_list()
    return pl.Series(
        "llm_usd", [(p * r["input"] + c * r["output"]) / 1e6 for p, c, r in zip(prompt, completion, rates, strict=True)]
    )


def llm_per_1000(usage: pl.DataFrame, prices: Prices) -> float | None:
    """The mean logged LLM cost of these calls, per 1,000 calls (None when there are none)."""
    return 1000 * float(llm_cost(usage, prices).mean()) if usage.height else None


def slm_per_1000(seconds_per_call: float, prices: Prices) -> float:
    return 1000 * seconds_per_call * prices.slm_usd_per_hour / 3600
