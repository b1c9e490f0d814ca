#!/bin/bash
# Device call (after ../h100-2026-12-07/stage_a.sh and stage_c.sh on the same machine, carrying .fa4/b; or after
# ../h100-2026-12-07b/attn_all.sh, which installed the wheels already): where the 6x split-lse call's GPU time goes,
# kernel by kernel, on its fastest (0) and slowest (6) rotation patterns, beside dense FA4.
set -o pipefail
ROOT=$PWD
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
if ! python3 -c "import flash_attn.cute" 2>/dev/null; then
  [ -f ~/stage/cu13part.aa ] && [ -f .fa4/b/cu13part.ab ] || { echo "no staged wheels: a fresh machine"; exit 3; }
  cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
  rm -f ~/stage/cu13part.aa
  md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
fi
python3 -c "import flash_attn.cute, torch; print('torch', torch.__version__, 'cudnn', torch.backends.cudnn.version())" | tee $OUT/versions.txt || exit 4
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
cd lvsa-runner/worker
timeout 300 python3 -m bench.profile_call --shape 6x --patterns 0,6 --kernels split-lse-fa4-ordered-tails,dense-fa4 \
  --calls 5 --top 14 2>&1 | grep -v "UserWarning\|exe_args\|USDT\|profiler_st" > $OUT/profile_call.txt
cat $OUT/profile_call.txt | head -80
echo "call done"
