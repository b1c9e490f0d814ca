#!/bin/bash
# Call 2 of 3 (after stage1.sh): install the FA4 wheels; --check of split-lse with the tails split; rotation cycle
# at 2x, 4x, 6x: dense cuDNN, dense FA4, reordered varlen (auto today), reordered varlen with query_tails=split.
set -o pipefail
ROOT=$PWD
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa
cp .fa4/e/*.whl .fa4/a3/*.whl ~/stage/
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 100 python3 -m bench.attention_bench --check --kernels split-lse-fa4-ordered-tails,split-lse-fa4-ordered-varlen --plan-dir $G 2>&1 | grep -v "UserWarning\|exe_args" | tee $OUT/attn_check.txt
timeout 330 python3 -m bench.attention_bench --shapes 2x,4x,6x --patterns all \
  --kernels dense-cudnn,dense-fa4,split-lse-fa4-ordered-varlen,split-lse-fa4-ordered-tails --plan-dir $G --max-minutes 4 \
  --json-out $OUT/attn_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/attn_cycle.txt
grep -A 20 "== rotation cycle" $OUT/attn_cycle.txt
echo "call done"
