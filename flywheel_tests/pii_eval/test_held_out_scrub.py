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
    # Phones, names and the total are not at the goals on the held-out part (issue 9: 1%, 3%, 0.5%).
    # The test part is the ninth (session 8), whose phone numbers are also written with the area
    # code in brackets, vanity letters, " - " between groups or Arabic-Indic digits, and whose
    # names carry nicknames, double-barrelled surnames, post-nominals or are all in capitals:
    # on the whole part 7.1% of phones, 7.0% of names and 2.5% of all values survive; on this
    # slice 19 of 192 phones (9.9%), 14 of 352 names (4.0%), 4 of 171 addresses (2.3%), 2.4% of
    # all. The floors hold that level; the development part below (the eight earlier test parts'
    # templates among it) holds the goals.
    assert survived.get("PHONE_NUMBER", 0) <= 0.11 * planted["PHONE_NUMBER"]
    assert survived.get("PERSON", 0) <= 0.05 * planted["PERSON"]
    assert survived.get("STREET_ADDRESS", 0) <= 0.03 * planted["STREET_ADDRESS"]  # goal: 3%
    assert held_out["survived_share"] <= 0.026


def test_held_out_task_content_and_arguments_are_kept(held_out: dict):
    # words changed: goal 2%; the ninth part changed 4.0% when measured (this slice 4.2%, 3.9% after
    # the lower-case name rule was narrowed to cues and fields), not at the goal
    assert held_out["destroyed_share"] <= 0.045
    assert held_out["arguments_consistent"] >= 0.98  # goal: 98% (0.991 on the whole ninth part, 0.993 here)
    assert held_out["arguments_verbatim"] >= 0.75
    # the limit is 5% (`max_withheld_share`); the ninth test part has 2.4% withheld, this slice 5 of 240
    assert held_out["withheld_calls"] <= 0.05 * 240


def test_the_development_part_stays_at_the_goals(developed: dict):
    """A guard against regressions on the traffic the scrubber was worked on (the first eight test
    parts' templates among it): better than the held-out figures, as it should be."""
    survived, planted = developed["survived"], developed["planted"]
    assert not {k: survived.get(k) for k in (*UNAMBIGUOUS, "DATE_OF_BIRTH") if survived.get(k)}
    assert survived.get("PHONE_NUMBER", 0) <= 0.01 * planted["PHONE_NUMBER"]  # none of 167 on this slice
    assert survived.get("PERSON", 0) <= 0.02 * planted["PERSON"]  # none of 349
    assert survived.get("STREET_ADDRESS", 0) <= 0.02 * planted["STREET_ADDRESS"]  # 3 of 153
    assert developed["survived_share"] <= 0.005  # 0.22%
    assert developed["withheld_calls"] <= 0.01 * 240  # 1
    assert developed["arguments_consistent"] >= 0.99 and developed["destroyed_share"] <= 0.01  # 1.0, 0.3%
