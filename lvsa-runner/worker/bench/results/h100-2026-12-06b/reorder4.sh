#!/bin/bash
# Device call 2 of 2 (after stage1.sh): install the wheels; --check of split-lse with the varlen window call on a
# second stream; the rotation-cycle bench at 2x, 4x, 6x; the compiled 6x step with and without the overlap.
set -o pipefail
ROOT=$PWD
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa
cp .fa4/e/*.whl ~/stage/
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 100 python3 -m bench.attention_bench --check --kernels split-lse-fa4-ordered-overlap --plan-dir $G 2>&1 | grep -v "UserWarning\|exe_args" | tee $OUT/attn_check.txt
timeout 200 python3 -m bench.attention_bench --shapes 2x,4x,6x --patterns all \
  --kernels dense-cudnn,dense-fa4,split-lse-fa4-ordered-varlen,split-lse-fa4-ordered-overlap --plan-dir $G --max-minutes 3 \
  --json-out $OUT/attn_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/attn_cycle.txt
grep -A 20 "== rotation cycle" $OUT/attn_cycle.txt
timeout 280 python3 -m bench.step_bench --plan-dir $G --compile --horizons 6 \
  --backends dense-cudnn,dense-fa4,fbs,fbs:overlap=on --repeats 9 --dense-repeats 3 \
  --out $OUT/step_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/step_cycle.txt
tail -4 $OUT/step_cycle.txt
echo "call done"
