"""Convert the catalog's packaged base models before a task needs one.

Converting Gemma 3 270M from its GGUF package takes about 50 s on one core (once per models
folder), and the first task's `slm_selection` waited for it. `flywheel demo` starts it here, in a
process of its own, while it collects and clusters, and waits for it before fine-tuning: the
selection then finds the folder made. A conversion that fails here is left to the selection, which
tries again and reports why in the run. Run by hand: `python -m flywheel.select.prepare MODELS_DIR`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from flywheel.select.catalog import CATALOG, Entry, load_catalog, resolve
from flywheel.select.models import made


def packaged(catalog: str | Path = CATALOG) -> list[Entry]:
    """The entries converted from an installed package (the slow ones to make)."""
    return [e for e in load_catalog(catalog) if "package" in e.source and not e.tests_only]


def start(models_dir: str | Path, catalog: str | Path | None = None) -> subprocess.Popen | None:
    """Start converting the packaged entries that are not made yet; None when there is nothing to do."""
    todo = [e for e in packaged(catalog or CATALOG) if not made(Path(models_dir) / e.id)]
    if not todo:
        return None
    command = [sys.executable, "-m", "flywheel.select.prepare", str(models_dir), str(catalog or CATALOG)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    models_dir, catalog = argv[0], argv[1] if len(argv) > 1 else CATALOG
    failed = 0
    for entry in packaged(catalog):
        try:
            resolve(entry, models_dir)
        except Exception as exc:  # noqa: BLE001 (the selection tries again and reports it)
            print(f"{entry.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
