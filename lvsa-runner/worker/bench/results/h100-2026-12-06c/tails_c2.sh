#!/bin/bash
# Call 3 (right after tails_b.sh, same machine): the compiled 6x step, fbs (auto: tails split since 39cae39) and tails whole.
set -o pipefail
ROOT=$PWD
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
python3 -c "import flash_attn.cute" || exit 4
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 540 python3 -m bench.step_bench --plan-dir $G --compile --horizons 6 \
  --backends dense-cudnn,dense-fa4,fbs,fbs:query_tails=whole --repeats 9 --dense-repeats 3 \
  --out $OUT/step_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/step_cycle.txt
tail -6 $OUT/step_cycle.txt
echo "call done"
