"""Canaries for the privacy audits: unique personal values planted in every field a gateway logs
(`canary_records`), and a search of every file under a folder for them (`hits`), Parquet read row
by row and links followed (a published partition is a link)."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import polars as pl

from flywheel.lake import Lake
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.policy import load_policy
from flywheel_tests.conftest import make_record

DAY = "2026-11-01"
UNSCRUBBED = ("raw_logs", "quarantine")  # the scrub zone: what the collect step keeps as it came


def canary(i: int) -> str:
    return f"canary{i:02d}.qzx@example.org"


def canary_records() -> list[dict]:
    """One call per field a gateway logs, a canary in it (an e-mail address: any scrubber must know one)."""
    base = make_record(timestamp=f"{DAY}T12:00:00Z")
    edits = [
        lambda r: r.update(client_id=canary(1)),
        lambda r: r.update(workload_id=canary(2)),
        lambda r: r.update(request_id=canary(3)),
        lambda r: r["request"].update(model=f"gpt-4o {canary(4)}"),
        lambda r: r["request"]["tools"][0]["function"].update(description=f"Looks up {canary(5)}"),
        lambda r: r["request"]["tools"][0]["function"].update(
            parameters={"type": "object", "properties": {"order_id": {"type": "string", "description": canary(6)}}}),
        lambda r: r["request"].update(tool_choice={"type": "function", "function": {"name": canary(7)}}),
        lambda r: r["response"]["choices"][0]["message"]["tool_calls"][0].update(id=f"call_{canary(8)}"),
        lambda r: r["response"]["choices"][0]["message"]["tool_calls"][0]["function"].update(name=canary(9)),
        lambda r: r["request"]["messages"].extend([
            {"role": "assistant", "content": None, "tool_calls": [{"id": "c0", "type": "function",
             "function": {"name": "get_order_status", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": "c0", "name": canary(10), "content": "shipped"}]),
        lambda r: r["response"]["choices"][0]["message"]["tool_calls"][0]["function"].update(
            arguments=json.dumps({canary(11): "ORD-1"})),
        lambda r: r["request"]["messages"].append({"role": "user", "content": [
            {"type": "text", "text": "this one"},
            {"type": "image_url", "image_url": {"url": f"https://img.example.net/{canary(12)}.png"}}]}),
        lambda r: r["request"]["messages"][1].update(content=f"Where is ORD-1? Write to {canary(13)}"),
        lambda r: r["request"]["messages"][0].update(content=f"Be brief. The user is {canary(14)}."),
        lambda r: r["request"]["messages"].append({"role": "user", "content": "x", "name": canary(15)}),
        lambda r: r["response"]["choices"][0].update(message={"role": "assistant", "content": f"Sent to {canary(16)}"},
                                                      finish_reason="stop"),
    ]  # fmt: skip
    out = []
    for i, edit in enumerate(edits):
        record = copy.deepcopy(base)
        record["request_id"] = f"canary-call-{i}"
        edit(record)
        out.append(record)
    return out


CANARIES = [canary(i) for i in range(1, 18)]


def canary_request_ids(lake: Path) -> set[str]:
    """The canary calls' request ids as the lake past the scrub zone holds them (pseudonymised)."""
    policy = load_policy()
    ids = Pseudonyms(lake_salt(Lake(lake), policy.salt_env), policy.identifiers)
    return {ids("request_id", r["request_id"]) for r in canary_records()}


def _text(path: Path) -> bytes:
    """A file's content as a search sees it: a Parquet file's rows (its pages are compressed), its
    binary columns (quarantined lines as read) decoded."""
    if path.suffix != ".parquet":
        return path.read_bytes()
    df = pl.read_parquet(path)
    binary = [c for c, t in df.schema.items() if t == pl.Binary]
    df = df.with_columns(pl.Series(c, [b if b is None else b.decode("utf-8", "replace") for b in df[c]], pl.String)
                         for c in binary)  # fmt: skip
    return df.write_ndjson().encode()


def files(folder: Path) -> list[Path]:
    """Every file under `folder`, through symlinks too (a published partition is a link)."""
    return [Path(d) / n for d, _, names in os.walk(folder, followlinks=True) for n in names]


def hits(folder: Path, skip: tuple[str, ...] = (), needles: list[str] = CANARIES) -> dict[str, list[str]]:
    """Files under `folder` (but those under a `skip` folder) that hold a needle, as it is or
    escaped as JSON writes it inside a string, with the needles each holds."""
    found = {}
    for path in files(folder):
        if not any(part in skip for part in path.relative_to(folder).parts):
            data = _text(path)
            held = [n for n in needles if n.encode() in data or json.dumps(n)[1:-1].encode() in data]
            if held:
                found[str(path.relative_to(folder))] = held
    return found


