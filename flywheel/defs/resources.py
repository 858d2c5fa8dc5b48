"""Resources shared by every step: the lake and the landing folder."""

from pathlib import Path

import dagster as dg
from pydantic import Field

from flywheel import settings
from flywheel.defs.k8s import child_client
from flywheel.defs.pipes_reader import WholeLineTempFileMessageReader
from flywheel.lake import Lake


class LakeResource(dg.ConfigurableResource):
    """The Parquet lake (FLYWHEEL_LAKE_ROOT, else ./.flywheel/lake) and the embedding cache (in the
    lake unless FLYWHEEL_EMBEDDING_CACHE names another folder or an object-store URL)."""

    root: str = Field(
        default_factory=settings.lake_root,
        description="Folder that holds the lake, or its object-store URL (s3://bucket/prefix).",
    )
    embedding_cache: str = Field(
        default_factory=settings.embedding_cache,
        description="Folder or fsspec URL (s3://bucket/prefix) of the embedding cache; empty: the lake's "
        "_embedding_cache folder. Default from FLYWHEEL_EMBEDDING_CACHE.",
    )

    def lake(self) -> Lake:
        return Lake(self.root)


class LandingResource(dg.ConfigurableResource):
    """The folder the LLM gateway's JSONL logs land in. Default from FLYWHEEL_LANDING_DIR."""

    folder: str = Field(default_factory=settings.landing_dir, description="Folder of *.jsonl[.gz] logs.")

    @property
    def path(self) -> Path:
        return Path(self.folder)


# The environment of the training and evaluation processes: their own progress lines stay, library
# deprecation warnings and the datasets library's per-map progress bars do not reach the terminal.
CHILD_ENV = {"TOKENIZERS_PARALLELISM": "false", "TRANSFORMERS_VERBOSITY": "error",
             "HF_DATASETS_DISABLE_PROGRESS_BARS": "1", "MLFLOW_LOGGING_LEVEL": "WARNING",
             "PYTHONWARNINGS": "ignore::FutureWarning,ignore::DeprecationWarning"}  # fmt: skip


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "lake": LakeResource(),
            "landing": LandingResource(),
            # the training and evaluation processes: subprocesses, or pods of their own on Kubernetes
            # (FLYWHEEL_K8S_CHILD_IMAGE, see k8s.py)
            "pipes_client": child_client() if settings.k8s_child_image()
            else dg.PipesSubprocessClient(message_reader=WholeLineTempFileMessageReader()),
        }
    )
