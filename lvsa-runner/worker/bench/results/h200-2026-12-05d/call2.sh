#!/bin/bash
# Device call 2: join the cu13 libs wheel, install every wheel in one pip call, then:
# the window part as segments vs one varlen call; the attention check; the rotation-cycle bench with both.
set -o pipefail
ROOT=$PWD
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa
cp .fa4/b/*.whl ~/stage/
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 100 python3 -m bench.fa4_tiles --window-part --shapes 4x,6x --json-out $OUT/window_part.jsonl 2>&1 | grep -v Warning | grep -v exe_args | tee $OUT/window_part.txt
timeout 120 python3 -m bench.attention_bench --check --kernels split-lse-fa4,split-lse-fa4-varlen --plan-dir $G 2>&1 | tee $OUT/attn_check.txt
timeout 420 python3 -m bench.attention_bench --shapes 2x,4x,6x --patterns all \
  --kernels dense-cudnn,dense-fa4,split-lse-fa4,split-lse-fa4-varlen,flashinfer-bsr --plan-dir $G --max-minutes 5.5 \
  --json-out $OUT/attn_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" | tee $OUT/attn_cycle.txt
echo "call2 done"
