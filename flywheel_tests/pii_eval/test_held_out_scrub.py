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


def _run(split: str, tmp_path_factory: pytest.TempPathFactory, scrubber: Scrubber) -> dict:
    records, truth = build(split, 120, seed=11)
    landing = write_landing(records, tmp_path_factory.mktemp(f"eval-{split}")).parent
    result, _, _ = run_flywheel(Path(landing), DAY.date(), truth, scrubber=scrubber)
    return result


@pytest.fixture(scope="module")
def held_out(tmp_path_factory: pytest.TempPathFactory, scrubber: Scrubber) -> dict:
    return _run("test", tmp_path_factory, scrubber)


@pytest.fixture(scope="module")
def developed(tmp_path_factory: pytest.TempPathFactory, scrubber: Scrubber) -> dict:
    return _run("dev", tmp_path_factory, scrubber)


def test_held_out_values_do_not_survive(held_out: dict):
    survived, planted = held_out["survived"], held_out["planted"]
    assert sum(planted.values()) > 800
    assert not {k: survived.get(k) for k in UNAMBIGUOUS if survived.get(k)}  # goal: none
    assert not survived.get("DATE_OF_BIRTH")
    # The test part is the seventeenth (session 11), whose phone numbers are also written with
    # slashes between every group, as 00 and the country code with hyphens, with the area code in
    # brackets and no space, or with the subscriber number as four digits and the rest, and whose
    # names also come as "Anna K", "the Surname family", with "(ex-Surname)", or as "SURNAME Given
    # M.". Measured once on the whole part: 0.49% of all values survived, phones 1.8% (goal 1%: not
    # met), names 1.1%, no address; on this slice 3 phones of 201 (1.5%), 3 of 368 names, no
    # address, 0.39% of all. The floors hold the part's (and the slice's) level.
    assert survived.get("PHONE_NUMBER", 0) <= 0.02 * planted["PHONE_NUMBER"]  # goal: 1%
    assert survived.get("PERSON", 0) <= 0.015 * planted["PERSON"]  # goal: 3%
    assert survived.get("STREET_ADDRESS", 0) <= 0.01 * planted["STREET_ADDRESS"]  # goal: 3%
    assert held_out["survived_share"] <= 0.005  # goal: 0.5%


def test_held_out_task_content_and_arguments_are_kept(held_out: dict):
    # words changed: goal 2% (2.9% on the whole seventeenth part, 3.1% here: NOT met); arguments
    # consistent: goal 98% (0.968 on the whole part, 0.970 here: not met); verbatim 0.957, 0.958.
    # The floors hold the measured level; the goals are the goals.
    assert held_out["destroyed_share"] <= 0.032
    assert held_out["arguments_consistent"] >= 0.965
    assert held_out["arguments_verbatim"] >= 0.95
    # The second detector withholds 1.3% of the seventeenth part's calls (16 of 1,200), 1 of 240
    # on this slice: under the 5% limit (`max_withheld_share`), so such a day is published.
    assert held_out["withheld_calls"] <= 0.05 * 240


def test_the_development_part_stays_at_the_goals(developed: dict):
    """A guard against regressions on the traffic the scrubber was worked on (the first fourteen
    test parts' templates among it): better than the held-out figures, as it should be."""
    survived, planted = developed["survived"], developed["planted"]
    assert not {k: survived.get(k) for k in (*UNAMBIGUOUS, "DATE_OF_BIRTH") if survived.get(k)}
    # the development part grew by the twelfth to sixteenth parts: on this slice nothing survives
    # (184 phones, 350 names), 2 calls of 240 withheld, arguments 0.996, words changed 0.7%
    assert survived.get("PHONE_NUMBER", 0) <= 0.01 * planted["PHONE_NUMBER"]
    assert survived.get("PERSON", 0) <= 0.015 * planted["PERSON"]
    assert survived.get("STREET_ADDRESS", 0) <= 0.02 * planted["STREET_ADDRESS"]
    assert developed["survived_share"] <= 0.003
    assert developed["withheld_calls"] <= 0.01 * 240
    assert developed["arguments_consistent"] >= 0.99 and developed["destroyed_share"] <= 0.01
