#!/bin/bash
# Device call 3 of 4 (right after ../h100-2026-12-07/stage_a.sh and stage_c.sh, same machine): join the cutlass-dsl
# wheel, install every staged wheel, then issue 12's attention table in one run: rotation cycles at 1x, 2x, 4x, 6x of
# dense cuDNN, dense FA4 and split-lse FA4 as `auto` runs it (reordered frames, one varlen window call, tails split),
# and FlashInfer 0.6.1's block-sparse wrapper.
set -o pipefail
ROOT=$PWD
[ -f ~/stage/cu13part.aa ] || { echo "no staged wheels: a fresh machine"; exit 3; }
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
python3 -c "import flash_attn.cute, flashinfer, diffusers, torch; print('torch', torch.__version__, 'cudnn', torch.backends.cudnn.version(), 'flashinfer', flashinfer.__version__, 'diffusers', diffusers.__version__)" | tee $OUT/versions.txt || exit 4
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
G=$ROOT/contracts/attention-plan/v1/golden
cd lvsa-runner/worker
timeout 540 python3 -m bench.attention_bench --shapes 1x,2x,4x,6x --patterns all \
  --kernels dense-cudnn,dense-fa4,split-lse-fa4-ordered-tails,flashinfer-bsr --plan-dir $G --max-minutes 7.5 \
  --json-out $OUT/attn_cycle.jsonl 2>&1 | grep -v "UserWarning\|exe_args" > $OUT/attn_cycle.txt
grep -A 30 "== rotation cycle" $OUT/attn_cycle.txt
echo "call done"
