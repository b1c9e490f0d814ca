#!/bin/bash
# Call C: join the cu13 wheel, install FA4 + FlashInfer into /tmp/site (one pip call), then HunyuanVideo 1.5
# 257 frames under the 80 GB cap: lvsa/fbs (FA4 inner, padded text dropped), dense/fbs, lvsa/flashinfer, dense.
set -u
export PYTHONUNBUFFERED=1
cat ~/stage/cu13part.aa .fa4/b/cu13part.ab > ~/stage/nvidia_cutlass_dsl_libs_cu13-4.8.1-cp312-cp312-manylinux_2_28_x86_64.whl && rm -f ~/stage/cu13part.aa
cp .fa4/b/*.whl ~/stage/
md5sum ~/stage/*.whl | tee $OUT/wheels_md5.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site ~/stage/*.whl 2>&1 | tail -3
export PYTHONPATH=/tmp/site:/tmp/site/nvidia_cutlass_dsl/dsl_packages:/tmp/site2:$PWD/lvsa-runner/worker
nvidia-smi --query-gpu=name,driver_version,power.limit,memory.total --format=csv > $OUT/gpu.txt
python3 -c "
import torch, diffusers, importlib.metadata as m
print('torch', torch.__version__, 'cudnn', torch.backends.cudnn.version(), 'diffusers', diffusers.__version__, 'flash-attn-4', m.version('flash-attn-4'), 'flashinfer', m.version('flashinfer-python'))
from lvsa_worker.kernels.inner import resolve_inner; print(resolve_inner('auto', 'cuda'))" 2>&1 | grep -v -i warning | tee -a $OUT/gpu.txt
G=contracts/attention-plan/v1/golden
timeout ${T:-500} python3 lvsa-runner/worker/bench/hv15_memory_bench.py --plan $G/hunyuanvideo-1.5-480p_lvsa_257f.json \
  --cells ${CELLS:-lvsa/fbs,dense/fbs,lvsa/flashinfer,dense} --out $OUT/hv_fa4.jsonl 2>&1 | grep -v -i "warning\|AuxData" | tee $OUT/hv_fa4.txt
echo "== done"
