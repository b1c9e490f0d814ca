#!/bin/bash
# Device call 1 of 3: stage the first half of the cutlass-dsl cu13 libraries wheel outside the work tree (~/stage/).
mkdir -p ~/stage && cp .fa4/a1/* ~/stage/ && ls -la ~/stage | tee $OUT/stage_a.txt
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee -a $OUT/stage_a.txt
