#!/bin/bash
# Device call 1 of 3: stage the first half of the FA4 wheels outside the work tree (~/stage/).
mkdir -p ~/stage && cp .fa4/a/* ~/stage/ && ls -la ~/stage | tee $OUT/stage1.txt
nvidia-smi --query-gpu=name,driver_version,clocks.sm,power.limit --format=csv | tee -a $OUT/stage1.txt
