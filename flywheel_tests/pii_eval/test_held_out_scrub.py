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
    # The test part is the nineteenth (session 12), whose phone numbers are also written as a direct
    # dial (+49 30 12345-67), with both codes in brackets, internationally in dotted pairs, or with
    # the trunk zero apart and the area code in brackets, and whose names also come as
    # "Given.Surname", "Smith y Okafor", "SMITH-OKAFOR Given" or with "binti"/"bin". Measured once on
    # the whole part (at 89a9f74): 0.1% of all values survived, phones 0.6%, names 0.1%, no address:
    # every goal met. On this slice 5 phones of 222 (2.3%), no name, no address, 0.32% of all. The
    # floors hold the slice's level; the goals are the goals.
    assert survived.get("PHONE_NUMBER", 0) <= 0.025 * planted["PHONE_NUMBER"]  # goal: 1% (0.6% on the part)
    assert survived.get("PERSON", 0) <= 0.01 * planted["PERSON"]  # goal: 3%
    assert survived.get("STREET_ADDRESS", 0) <= 0.01 * planted["STREET_ADDRESS"]  # goal: 3%
    assert held_out["survived_share"] <= 0.004  # goal: 0.5%


def test_held_out_task_content_and_arguments_are_kept(held_out: dict):
    # words changed: goal 2% (0.5% on the whole nineteenth part, 0.8% here); arguments consistent:
    # goal 98% (0.999 on the part, 0.997 here); verbatim: goal 75% (1.000 on both).
    assert held_out["destroyed_share"] <= 0.01
    assert held_out["arguments_consistent"] >= 0.99
    assert held_out["arguments_verbatim"] >= 0.99
    # The second detector withholds 2.5% of the nineteenth part's calls (30 of 1,200), 4 of 240 on
    # this slice: under the 5% limit (`max_withheld_share`), so such a day is published.
    assert held_out["withheld_calls"] <= 0.05 * 240


def test_the_development_part_stays_at_the_goals(developed: dict):
    """A guard against regressions on the traffic the scrubber was worked on (the first fourteen
    test parts' templates among it): better than the held-out figures, as it should be."""
    survived, planted = developed["survived"], developed["planted"]
    assert not {k: survived.get(k) for k in (*UNAMBIGUOUS, "DATE_OF_BIRTH") if survived.get(k)}
    # the development part grew by the seventeenth and eighteenth parts: on this slice 2 phones of
    # 190 and 3 names of 349 survive (0.34% of all), 2 calls of 240 withheld, arguments 1.000, words
    # changed 0.6%
    assert survived.get("PHONE_NUMBER", 0) <= 0.015 * planted["PHONE_NUMBER"]
    assert survived.get("PERSON", 0) <= 0.015 * planted["PERSON"]
    assert survived.get("STREET_ADDRESS", 0) <= 0.02 * planted["STREET_ADDRESS"]
    assert developed["survived_share"] <= 0.004
    assert developed["withheld_calls"] <= 0.01 * 240
    assert developed["arguments_consistent"] >= 0.99 and developed["destroyed_share"] <= 0.01
