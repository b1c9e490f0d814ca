#!/bin/bash
# Call B: diffusers wheels to /tmp/site2, then issue 17: cp_bench 1 rank vs step_bench, same step indices,
# 6 warm-up forwards (a whole cycle at 2x and 4x), 12 timed, order cp / step / cp.
set -u
export PYTHONUNBUFFERED=1
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site2 .gpuwhl/*.whl || exit 1
export PYTHONPATH=/tmp/site2:$PWD/lvsa-runner/worker
nvidia-smi --query-gpu=name,driver_version,power.limit,memory.total --format=csv > $OUT/gpu.txt
python3 -c "import torch,diffusers; print('torch',torch.__version__,'cuda',torch.version.cuda,'cudnn',torch.backends.cudnn.version(),'diffusers',diffusers.__version__)" >> $OUT/gpu.txt
cat $OUT/gpu.txt
G=contracts/attention-plan/v1/golden; B=lvsa-runner/worker/bench
A="--plan-dir $G --horizons 2,4 --backends fbs --repeats 12 --warmup 6"
{
echo "== $(date +%T) cp_bench 1 rank (a)"; timeout 170 python3 -m torch.distributed.run --standalone --nproc-per-node 1 $B/cp_bench.py --model 1.3b --methods lvsa $A --out $OUT/cp1_a.jsonl
echo "== $(date +%T) step_bench"; timeout 170 python3 $B/step_bench.py $A --out $OUT/step.jsonl
echo "== $(date +%T) cp_bench 1 rank (b)"; timeout 170 python3 -m torch.distributed.run --standalone --nproc-per-node 1 $B/cp_bench.py --model 1.3b --methods lvsa $A --out $OUT/cp1_b.jsonl
echo "== $(date +%T) done"
} 2>&1 | grep -v -i warning | tee $OUT/cp_overhead.txt
mkdir -p ~/stage && ls ~/stage
