#!/bin/bash
# Device call 2: join the cu13 libs wheel, install every wheel in one pip call, then the FA4 tile sweep.
set -o pipefail
ROOT=$PWD
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl || exit 3
rm -f ~/stage/cu13part.aa
cp .fa4/b/*.whl ~/stage/
md5sum ~/stage/*.whl > $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -5
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:$ROOT/lvsa-runner/worker PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee $OUT/gpu.txt
cd lvsa-runner/worker
timeout 400 python3 -m bench.fa4_tiles --json-out $OUT/fa4_tiles.jsonl 2>&1 | tee $OUT/fa4_tiles.txt
echo "call2 done"
