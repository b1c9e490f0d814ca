#!/bin/bash
# One device call: install the carried wheels, then run array tasks "FOLDER:INDEX ..." (folders under .gpurun/)
# in order until BUDGET seconds have passed, packing every result and log into $OUT after each task.
# Usage: call.sh BUDGET_S NAME TASK...   (the first task is a smoke test: if it is not ok, stop)
set -u
budget=$1; name=$2; shift 2
start=$(date +%s)
export PYTHONUNBUFFERED=1
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .gpuwhl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD/lvsa-runner/worker
nvidia-smi --query-gpu=name,driver_version,power.limit,memory.total --format=csv > $OUT/gpu.txt
python3 -c "import torch,diffusers,transformers; print('torch',torch.__version__,'cuda',torch.version.cuda,'cudnn',torch.backends.cudnn.version(),'diffusers',diffusers.__version__,'transformers',transformers.__version__)" >> $OUT/gpu.txt
cat $OUT/gpu.txt
if [ -n "${PRE:-}" ]; then bash "$PRE"; fi  # e.g. PRE=.gpurun/cp.sh: a bench before the tasks, inside the budget
first=1
for t in "$@"; do
  d=${t%%:*}; i=${t##*:}
  left=$(( budget - ($(date +%s) - start) ))
  if [ $left -lt 30 ]; then echo "== stop: ${left}s left, not starting $t"; break; fi
  echo "== $(date +%T) $d task $i ($(python3 -c "import json;print(json.load(open('.gpurun/$d/slurm/tasks/$i.json'))['label'])"), ${left}s left)"
  timeout $left .gpurun/$d/slurm/run-task.sh $i python3; rc=$?
  id=$(python3 -c "import json;print(json.load(open('.gpurun/$d/slurm/tasks/$i.json'))['job_id'])")
  r=.gpurun/$d/slurm/results/$id.json
  if [ -f $r ]; then python3 -c "
import json;r=json.load(open('$r'))
print('rc=$rc', r['status'], r.get('error_code'), 'total', r.get('total_s'), 'est', r.get('estimated_total_s'), 'steps', r.get('step_latency_s'), 'peak', r.get('peak_memory_gb'), 'vae', r.get('vae_decode'), 'backend', r.get('backend'))
print('  phases', r.get('phase_s'), r.get('phase_peak_memory_gb'))
print('  msg', r.get('message','')[:300])"; else echo "rc=$rc no result"; tail -5 .gpurun/$d/slurm/logs/task-$i.log; fi
  ls -la .gpurun/*/videos 2>/dev/null | grep mp4 > $OUT/videos.txt
  tar czf $OUT/$name.tgz .gpurun/*/slurm/results .gpurun/*/slurm/logs
  if [ $first = 1 ] && ! grep -q '"status": "ok"' $r 2>/dev/null; then echo "== smoke task failed: stop"; break; fi
  first=0
done
echo "== done after $(( $(date +%s) - start ))s"
