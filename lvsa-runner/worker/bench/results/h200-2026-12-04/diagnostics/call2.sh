#!/bin/bash
# Device call 2: join the cu13 libs wheel, install every wheel in one pip call, smoke-test FA4, check, bench.
set -o pipefail
ROOT=$PWD
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl
rm -f ~/stage/cu13part.aa
cp .fa4/b/*.whl ~/stage/
md5sum ~/stage/*.whl | tee $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5 || exit 3
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/.fa4/worker PYTHONUNBUFFERED=1
G=$ROOT/contracts/attention-plan/v1/golden
cd .fa4/worker
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
timeout 90 python3 bench/results/h200-2026-12-04/diagnostics/fa4_smoke.py 2>&1 | tee $OUT/fa4_smoke.txt
timeout 150 python3 bench/attention_bench.py --check --kernels dense-cudnn,dense-fa4,split-lse,split-lse-fa4 --plan-dir $G 2>&1 | tee $OUT/attn_check.txt
python3 bench/attention_bench.py --shapes 1x,2x,4x,6x --patterns all \
  --kernels dense-cudnn,dense-fa4,split-lse,split-lse-fa4,flashinfer-bsr --plan-dir $G --max-minutes 6.5 \
  --json-out $OUT/attn_fa4_cycle.jsonl 2>&1 | tee $OUT/attn_fa4_cycle.txt
echo "call2 done"
