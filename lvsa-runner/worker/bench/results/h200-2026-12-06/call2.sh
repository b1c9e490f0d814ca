#!/bin/bash
# Device call 2: join the cu13 libs wheel, install every wheel in one pip call, then:
# --check of the new rivals at small sizes; the rotation-cycle bench at 6x with every rival.
set -o pipefail
ROOT=$PWD
cp .fa4/c/*.whl ~/stage/
cat ~/stage/cu13part.aa ~/stage/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa ~/stage/cu13part.ab
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 170 python3 -m bench.attention_bench --check --verbose --kernels dense-fa4,split-lse-fa4,cudnn-bsa,flex-flash,fa4-bsr,fa4-bsr-table --plan-dir $G 2>&1 | grep -v "UserWarning\|exe_args" | tee $OUT/attn_check.txt
timeout 330 python3 -m bench.attention_bench --shapes 6x --patterns all --flex-shapes 6x \
  --kernels dense-cudnn,dense-fa4,split-lse-fa4,fa4-bsr,fa4-bsr-table,cudnn-bsa,flex-flash,flashinfer-bsr --plan-dir $G --max-minutes 4.9 --isolate triton,fa4-bsr,fa4-bsr-table \
  --json-out $OUT/attn_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" | tee $OUT/attn_cycle.txt
echo "call2 done"
