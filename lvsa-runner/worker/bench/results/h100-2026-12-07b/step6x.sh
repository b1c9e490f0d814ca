#!/bin/bash
# Device call 4 of 4 (right after attn_all.sh, same machine, wheels in /tmp/site): the whole compiled Wan 2.1 1.3B
# transformer step at 6x over a full rotation cycle: dense cuDNN, dense FA4, LVSA `fbs` as `auto` runs it.
set -o pipefail
ROOT=$PWD
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
python3 -c "import flash_attn.cute, diffusers" || { echo "wheels not installed: a fresh machine"; exit 3; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 560 python3 -m bench.step_bench --plan-dir $G --compile --horizons 6 \
  --backends dense-cudnn,dense-fa4,fbs --repeats 9 --dense-repeats 3 \
  --out $OUT/step_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/step_cycle.txt
tail -4 $OUT/step_cycle.txt
echo "call done"
