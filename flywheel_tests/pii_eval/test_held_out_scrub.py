"""A slice of the PII evaluation set's test part (templates and locales the scrubber was not
developed on), through the real scrub step, with the goals as floors."""

from pathlib import Path

import pytest

from flywheel.pii_eval.build import DAY, build, write_landing
from flywheel.pii_eval.run import run_flywheel
from flywheel.pii_eval.templates import USER
from flywheel.pii_eval.values import LOCALES
from flywheel.scrub.engine import Scrubber

UNAMBIGUOUS = ("CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS", "IP_ADDRESS", "US_SSN")


def test_parts_share_no_template_and_no_locale():
    assert not set(USER["dev"]) & set(USER["test"])
    assert not set(LOCALES["dev"]) & set(LOCALES["test"])
    assert len(LOCALES["dev"]) + len(LOCALES["test"]) >= 20


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_kind_sits_in_every_position(split: str):
    _, truth = build(split, 150, seed=5)
    pairs = set(truth.select("entity", "position").iter_rows())
    kinds = {"PERSON", "PHONE_NUMBER", "STREET_ADDRESS", *UNAMBIGUOUS, "DATE_OF_BIRTH"}
    positions = {"system", "user", "tool_arguments", "tool_result", "assistant"}
    assert pairs == {(k, p) for k in kinds for p in positions}


@pytest.fixture(scope="module")
def held_out(tmp_path_factory: pytest.TempPathFactory, scrubber: Scrubber) -> dict:
    records, truth = build("test", 120, seed=11)
    landing = write_landing(records, tmp_path_factory.mktemp("eval")).parent
    result, _, _ = run_flywheel(Path(landing), DAY.date(), truth, scrubber=scrubber)
    return result


def test_held_out_values_do_not_survive(held_out: dict):
    survived, planted = held_out["survived"], held_out["planted"]
    assert sum(planted.values()) > 800
    assert not {k: survived.get(k) for k in UNAMBIGUOUS if survived.get(k)}  # goal: none
    assert not survived.get("DATE_OF_BIRTH")
    assert survived.get("PERSON", 0) <= 0.03 * planted["PERSON"]  # goal: 3% (0.9% on the whole test part)
    assert survived.get("STREET_ADDRESS", 0) <= 0.03 * planted["STREET_ADDRESS"]  # goal: 3% (0.0%)
    # Not at the goal yet (issue 9: phones 1%, 0.5% overall). On the fourth test part phones are at
    # 2.4% and all kinds at 0.49%; on this slice 1.1% and 0.53%: the floors hold that level.
    assert survived.get("PHONE_NUMBER", 0) <= 0.015 * planted["PHONE_NUMBER"]
    assert held_out["survived_share"] <= 0.006


def test_held_out_task_content_and_arguments_are_kept(held_out: dict):
    assert held_out["destroyed_share"] <= 0.02
    assert held_out["arguments_consistent"] >= 0.98
    assert held_out["arguments_verbatim"] >= 0.75
    # the limit is 5% (`max_withheld_share`); the fourth test part has 4.2% withheld, this slice 5.0%
    assert held_out["withheld_calls"] <= 0.06 * 240
