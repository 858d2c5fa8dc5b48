"""The Pipes reader hands on whole messages only, whatever pieces the child's writes arrive in."""

import json
import threading
import time
from pathlib import Path

from flywheel.defs.pipes_reader import whole_lines


def test_a_line_written_in_pieces_is_read_whole_and_the_last_line_is_not_lost(tmp_path: Path):
    path = tmp_path / "messages"
    path.write_text("")
    done = threading.Event()
    big = json.dumps({"method": "report_asset_materialization", "params": {"metadata": "x" * 20_000}})

    def child() -> None:
        with path.open("a") as f:
            for piece in ('{"method": "log", ', '"params": {"message": "step 1"}}\n', big[:9000]):
                f.write(piece)
                f.flush()
                time.sleep(0.05)  # the reader meets each piece alone
            f.write(big[9000:] + "\n" + '{"method": "closed"}')  # the last line has no newline
        done.set()

    writer = threading.Thread(target=child)
    writer.start()
    lines = list(whole_lines(str(path), done.is_set, poll=0.005))
    writer.join()
    assert [json.loads(line)["method"] for line in lines] == ["log", "report_asset_materialization", "closed"]
    assert json.loads(lines[1]) == json.loads(big)
