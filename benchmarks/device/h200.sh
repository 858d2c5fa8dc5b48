#!/usr/bin/env bash
# The fine-tuning benchmark on a lent GPU machine (the `device` tool's nvidia-h200), in one call.
# Nothing can be downloaded there and 64 MiB travel with a call, so `prepare.sh` (run here first)
# puts into .gpu/: the Python wheels the machine's image lacks (TRL, datasets, PEFT, transformers
# as pinned here, a bitsandbytes cut to its CUDA 13 libraries), Gemma 3 270M's config and tokenizer
# (its weights do not fit: the model is built there with random weights, so speed and memory are
# the real model's, losses are not), and the task folder the CPU benchmark uses.
set -uo pipefail
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
STEPS=${STEPS:-60}; BATCH=${BATCH:-8}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .gpu/whl/*.whl || exit 1
python3 -m zipfile -e .gpu/whl/bnb.zip /tmp/site || exit 1
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm --format=csv
python3 - <<'PY' || exit 1
import importlib, torch
print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))
for name in ("transformers", "trl", "peft", "datasets", "accelerate", "bitsandbytes", "pyarrow", "regex"):
    print(name, importlib.import_module(name).__version__)
PY
mkdir -p /tmp/gemma && cp .gpu/gemma/* /tmp/gemma/
python3 -c "import lzma, shutil; shutil.copyfileobj(lzma.open('/tmp/gemma/tokenizer.json.xz'), open('/tmp/gemma/tokenizer.json', 'wb'))"
rm /tmp/gemma/tokenizer.json.xz
python3 benchmarks/random_weights.py /tmp/gemma /tmp/model || exit 1
echo "== benchmark: $STEPS steps of $BATCH"
python3 -W ignore benchmarks/train_speed.py --model-dir /tmp/model --data .gpu/data --steps "$STEPS" --batch "$BATCH" 2>&1 | tee "$OUT/bench.log"
echo "== a whole fine-tune (2 epochs, batch 4, Flywheel's defaults) of the task"
python3 -W ignore benchmarks/train_speed.py --model-dir /tmp/model --steps -1 --batch 4 --child flywheel .gpu/data 2>&1 | tee "$OUT/full.log" | grep -v "^step " | tail -8
grep "^step " "$OUT/full.log" | sed -n '1p;$p'
