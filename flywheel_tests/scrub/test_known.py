"""A team's own list of values, held as salted hashes, is always scrubbed."""

import shutil

from flywheel.cli import main
from flywheel.scrub.engine import Scrubber
from flywheel.scrub.policy import DEFAULT_PATH, load_policy


def test_listed_values_are_scrubbed_wherever_they_appear_and_never_stored(tmp_path):
    (tmp_path / "crm.txt").write_text("Zorblat Quux\nACCT-77-XQ\n")
    assert main(["hash-values", str(tmp_path / "crm.txt"), "--out", str(tmp_path / "crm.hashes")]) == 0
    stored = (tmp_path / "crm.hashes").read_text()
    assert not [v for v in ("zorblat", "quux", "acct-77-xq") if v in stored.lower()]
    assert len(stored.splitlines()) == 3  # the salt, then one hash per value
    shutil.copy(DEFAULT_PATH, tmp_path / "policy.yaml")
    with (tmp_path / "policy.yaml").open("a") as f:
        f.write("\nknown_values:\n  - {file: crm.hashes, entity: PERSON}\n")
    policy = load_policy(tmp_path / "policy.yaml")
    text = "please ping zorblat  QUUX about ACCT-77-XQ, not Zorblat alone"
    out = Scrubber(policy).scrub_trace([{"role": "user", "content": text}], {"role": "assistant", "content": "ok"})
    assert out.messages[0]["content"] == "please ping <PERSON_1> about <PERSON_2>, not Zorblat alone"
    version = policy.version
    (tmp_path / "crm.txt").write_text("Zorblat Quux\n")
    main(["hash-values", str(tmp_path / "crm.txt"), "--out", str(tmp_path / "crm.hashes")])
    assert load_policy(tmp_path / "policy.yaml").version != version  # a new list re-scrubs
