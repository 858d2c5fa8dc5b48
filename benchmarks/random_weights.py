"""A model folder with the architecture, tokenizer and chat template of another but random weights:
training speed and memory measured on it are the real model's, without carrying its weights (a
machine that cannot download them, a lent GPU with a small upload). Losses on it are not the
real model's.

    python benchmarks/random_weights.py SOURCE_DIR OUT_DIR [--seed 0]

SOURCE_DIR needs only config.json and the tokenizer files.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(args.seed)
    config = AutoConfig.from_pretrained(args.source)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.save_pretrained(args.out)
    AutoTokenizer.from_pretrained(args.source).save_pretrained(args.out)
    generation = Path(args.source) / "generation_config.json"
    if generation.is_file():
        shutil.copy(generation, Path(args.out) / "generation_config.json")
    print(f"{args.out}: {sum(p.numel() for p in model.parameters()) / 1e6:.0f}M random parameters")


if __name__ == "__main__":
    main()
