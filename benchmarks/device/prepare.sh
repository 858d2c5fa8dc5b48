#!/usr/bin/env bash
# Fills .gpu/ (ignored by git: add `/.gpu/` to .git/info/exclude) with what h200.sh needs, about 27 MB.
# Run from the repository root with the project's venv; needs the PyPI registry.
set -euo pipefail
PY=.venv/bin/python
mkdir -p .gpu/whl .gpu/gemma /tmp/flywheel-whl
plat=(--only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64
      --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64)
version() { $PY -c "import importlib.metadata as m; print(m.version('$1'))"; }
for pkg in trl datasets peft transformers dill multiprocess regex bitsandbytes; do
  $PY -m pip download -q --no-deps "${plat[@]}" -d /tmp/flywheel-whl "$pkg==$(version "$pkg" 2>/dev/null || echo 0.50.2)"
done
for pkg in trl datasets peft transformers dill multiprocess regex; do cp /tmp/flywheel-whl/"$pkg"-*.whl .gpu/whl/; done
# bitsandbytes ships libraries for every CUDA and ROCm release (129 MB); the H200 image has CUDA 13
rm -rf /tmp/flywheel-bnb && mkdir /tmp/flywheel-bnb
(cd /tmp/flywheel-bnb && unzip -q /tmp/flywheel-whl/bitsandbytes-*.whl \
  && find bitsandbytes -name 'libbitsandbytes_*.so' ! -name '*cuda13*' ! -name '*cpu*' -delete \
  && rm -f "$OLDPWD/.gpu/whl/bnb.zip" && python3 -m zipfile -c "$OLDPWD/.gpu/whl/bnb.zip" bitsandbytes bitsandbytes-*.dist-info)
model=$($PY -c "
from flywheel import settings
from flywheel.select.catalog import load_catalog, resolve
print(resolve(next(e for e in load_catalog() if e.id == 'gemma-3-270m'), settings.models_dir()))")
cp "$model"/{chat_template.jinja,config.json,generation_config.json,tokenizer_config.json} .gpu/gemma/
xz -9 -c "$model/tokenizer.json" > .gpu/gemma/tokenizer.json.xz
$PY -W ignore benchmarks/train_speed.py --data .gpu/data --build-only
du -sh .gpu
