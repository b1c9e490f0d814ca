#!/bin/bash
# Device call (issue 15): the `triton` method's kernel before and after its inner loop `_attend_keys` was split into
# three inlined @triton.jit helpers, timed in one process pair per round, rounds before/after/before/after, on the
# rotation cycles at 2x and 6x (Wan 2.1 1.3B shapes), config fixed at 128,8,3 (autotune's pick on the H200,
# 2026-11-28), then one autotuned run of the new kernel. Also stages the first half of the cutlass-dsl wheel for
# the FA4 calls that may follow (as ../h100-2026-12-07/stage_a.sh). The two kernel files travel in .device/.
set -o pipefail
ROOT=$PWD
mkdir -p ~/stage && cp .fa4/a1/* ~/stage/ 2>/dev/null
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
python3 -c "import torch, triton; print('torch', torch.__version__, 'triton', triton.__version__)" | tee -a $OUT/gpu.txt
md5sum .device/triton_fbs_before.py .device/triton_fbs_after.py | tee -a $OUT/gpu.txt
export PYTHONPATH=$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
cd lvsa-runner/worker
G=$ROOT/contracts/attention-plan/v1/golden
bench() {  # $1 label, $2 round, then env
  rm -f /tmp/ab.jsonl
  timeout 240 python3 -m bench.attention_bench --shapes 2x,6x --patterns all --kernels triton --plan-dir $G \
    --json-out /tmp/ab.jsonl 2>&1 | grep -v "UserWarning\|exe_args\|warn_once" | grep -A6 "== rotation cycle" \
    | sed "s/^/[$1 round $2] /" | tee -a $OUT/triton_ab.txt
  sed "s/^{/{\"ab\": \"$1\", \"round\": $2, /" /tmp/ab.jsonl >> $OUT/triton_ab.jsonl
}
for round in 1 2; do
  for v in before after; do
    cp $ROOT/.device/triton_fbs_$v.py lvsa_worker/kernels/triton_fbs.py
    LVSA_FBS_TRITON_CONFIG=128,8,3 bench $v $round
  done
done
bench after-autotune 3
echo "call done"
