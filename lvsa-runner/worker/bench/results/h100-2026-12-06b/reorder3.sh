#!/bin/bash
# Device call 3 of 3 (same warm machine, wheels in /tmp/site): the whole compiled Wan 2.1 1.3B transformer step
# at 6x over a full rotation cycle: dense cuDNN, dense FA4, LVSA fbs (FA4 inside, frames reordered once per
# forward), LVSA fbs with reorder off (split-lse copies K and V in every layer).
set -o pipefail
ROOT=$PWD
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu-call3.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 570 python3 -m bench.step_bench --plan-dir $G --compile --horizons 6 \
  --backends ${STEP_BACKENDS:-dense-cudnn,dense-fa4,fbs,fbs:reorder=off} --repeats 9 --dense-repeats 3 \
  --out $OUT/step_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" | tee $OUT/step_cycle.txt
echo "call3 done"
