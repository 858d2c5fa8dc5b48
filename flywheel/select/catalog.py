"""The catalog of candidate SLMs (`catalog.yaml`) and where each one's weights are on disk.

`resolve(entry, models_dir)` returns a folder in Hugging Face layout (config, weights, tokenizer
with a chat template that renders tools) or raises `Unavailable` with the reason a data team can
act on. Nothing is fetched from a model hub unless `allow_downloads` is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

CATALOG = Path(__file__).with_name("catalog.yaml")


class Unavailable(Exception):
    """A catalog entry that cannot be loaded here; the message says why and what to do."""


@dataclass(frozen=True)
class Entry:
    id: str
    params_m: float
    context: int
    licence: str
    tools: str  # "native" (its own template renders tools) or "template" (Flywheel's)
    memory_gb: dict[str, float]
    source: dict
    tests_only: bool = False
    extra: dict = field(default_factory=dict)


def load_catalog(path: str | Path = CATALOG) -> list[Entry]:
    """The catalog's entries, in its order."""
    data = yaml.safe_load(Path(path).read_text())
    known = set(Entry.__dataclass_fields__)
    out = []
    for item in data.get("models") or []:
        fields = {k: v for k, v in item.items() if k in known}
        out.append(Entry(**fields, extra={k: v for k, v in item.items() if k not in known}))
    return out


def resolve(entry: Entry, models_dir: str | Path, allow_downloads: bool = False) -> Path:
    """The entry's model folder, converted or built on first use; `Unavailable` if it cannot be."""
    models_dir = Path(models_dir)
    kind, value = next(iter(entry.source.items()))
    if kind == "path":
        path = Path(value).expanduser()
        if not (path / "config.json").is_file():
            raise Unavailable(f"{entry.id}: no config.json in {path}")
        return path
    if kind == "package":
        from flywheel.select.models import convert_gemma_gguf

        return convert_gemma_gguf(models_dir / entry.id, package=value)
    if kind == "tiny":
        from flywheel.select.models import build_tiny

        return build_tiny(models_dir / entry.id, dict(value))
    if kind == "hub":
        return _from_hub(entry, value, allow_downloads)
    raise Unavailable(f"{entry.id}: unknown source {kind!r} (use package, path, hub or tiny)")


def _from_hub(entry: Entry, repo: str, allow_downloads: bool) -> Path:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo, local_files_only=not allow_downloads))
    except LocalEntryNotFoundError:
        raise Unavailable(
            f"{entry.id}: {repo} is not in the local Hugging Face cache and downloads are off; download it once "
            f"(`hf download {repo}`) or point a `path` entry at a copy"
        ) from None
    except (HfHubHTTPError, OSError) as exc:
        raise Unavailable(f"{entry.id}: {repo} could not be fetched ({type(exc).__name__})") from None
