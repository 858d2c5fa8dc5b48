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
    assert survived.get("PHONE_NUMBER", 0) <= 0.01 * planted["PHONE_NUMBER"]  # goal: 1%
    assert not survived.get("DATE_OF_BIRTH")
    # Not at the goal yet (issue 9: 0.5% overall, 3% of names and of addresses). These floors are
    # the level measured on this slice of the current test part (3.3%, 11%, 8%), so that a
    # regression fails here.
    assert held_out["survived_share"] <= 0.035
    assert survived.get("PERSON", 0) <= 0.12 * planted["PERSON"]
    assert survived.get("STREET_ADDRESS", 0) <= 0.09 * planted["STREET_ADDRESS"]


def test_held_out_task_content_and_arguments_are_kept(held_out: dict):
    assert held_out["destroyed_share"] <= 0.02
    assert held_out["arguments_consistent"] >= 0.98
    assert held_out["arguments_verbatim"] >= 0.75
    # the limit is 5% (`max_withheld_share`); on the current test part 13% are withheld (6% on
    # this slice), so the floor is the measured level
    assert held_out["withheld_calls"] <= 0.15 * 240
