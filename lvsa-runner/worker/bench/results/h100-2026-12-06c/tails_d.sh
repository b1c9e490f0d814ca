#!/bin/bash
# Call 4 (same machine, FA4 wheels installed by tails_b.sh): FlashInfer 0.6.1 installed from .fa4/c; rotation cycle at 6x
# with FlashInfer's block-sparse wrapper beside ours.
set -o pipefail
ROOT=$PWD
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
python3 -c "import flash_attn.cute" || exit 4
md5sum .fa4/c/*.whl > $OUT/wheels_c_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .fa4/c/*.whl 2>&1 | tail -3
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 500 python3 -m bench.attention_bench --shapes 6x --patterns all \
  --kernels dense-cudnn,dense-fa4,split-lse-fa4-ordered-varlen,split-lse-fa4-ordered-tails,flashinfer-bsr --plan-dir $G --max-minutes 6 \
  --json-out $OUT/attn_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/attn_cycle.txt
grep -A 20 "== rotation cycle" $OUT/attn_cycle.txt
echo "call done"
