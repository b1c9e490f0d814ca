#!/bin/bash
# Device call 3 (machine still warm from call 2, wheels in /tmp/site): whole compiled Wan 1.3B step at 6x.
set -o pipefail
ROOT=$PWD
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/.fa4/worker:/tmp/site2 PYTHONUNBUFFERED=1
G=$ROOT/contracts/attention-plan/v1/golden
cd .fa4/worker
python3 -c "import flash_attn.cute" || { echo "wheels gone: machine not warm"; exit 4; }
python3 bench/step_bench.py --plan-dir $G --compile --horizons 6 \
  --backends dense-cudnn,dense-fa4,fbs:inner=cudnn,fbs:inner=fa4 --repeats 9 --dense-repeats 3 \
  --out $OUT/step_fa4_cycle.jsonl 2>&1 | tee $OUT/step_fa4_cycle.txt
echo "call3 done"
