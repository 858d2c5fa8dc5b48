import pytest

from flywheel.scrub.engine import Scrubber
from flywheel.scrub.policy import load_policy


@pytest.fixture(scope="session")
def scrubber() -> Scrubber:
    """The repository's policy with the real Presidio analyzer and spaCy model (loaded once)."""
    return Scrubber(load_policy())
