"""The erased-clients list the collect step checks: keyed hashes only, and a line's own client id
found in its bytes (valid JSON or not), never one quoted inside a message."""

import json
from pathlib import Path

from flywheel.ingest.erased import ERASED, ErasedClients
from flywheel.lake import Lake
from flywheel_tests.conftest import make_record


def test_a_line_is_matched_by_its_own_client_id_only(tmp_path: Path):
    lake = Lake(tmp_path)
    erased = ErasedClients.of(lake)
    assert not erased and not erased.in_line(b'{"client_id": "ann"}')
    erased.add(lake, 'ann "the" admin')
    stored = (tmp_path / ERASED).read_text()
    assert "ann" not in stored  # the list holds keyed hashes, not ids
    again = ErasedClients.of(lake)
    mine = json.dumps(make_record(client_id='ann "the" admin')).encode()
    assert again.in_line(mine)
    assert again.in_line(b'{"client_id":"ann \\"the\\" admin", "request": {broken')  # not valid JSON
    quoted = make_record(client_id="bob")
    quoted["request"]["messages"][1]["content"] = json.dumps({"client_id": 'ann "the" admin'})
    assert not again.in_line(json.dumps(quoted).encode())  # the id quoted inside a message is not the line's
    assert not again.in_line(json.dumps(make_record(client_id="ann")).encode())
    assert not again.in_line(None)
