#!/bin/bash
# Device call (after the two halves of the cu13 wheel are in ~/stage): install every wheel, then profile one
# compiled Wan 2.1 1.3B step at 6x with LVSA fbs (split-lse, FA4 inside): where the step's GPU time goes.
set -o pipefail
ROOT=$PWD
cp .fa4/c/*.whl .fa4/e/*.whl ~/stage/
cat ~/stage/cu13part.aa ~/stage/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa ~/stage/cu13part.ab
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -3
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 400 python3 -m bench.profile_step --plan-dir $G --horizon 6 --compile --backends fbs --top 40 2>&1 \
  | grep -v "UserWarning\|exe_args" | tee $OUT/profile_step_6x_fbs_fa4.txt
echo "prof done"
