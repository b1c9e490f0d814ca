#!/bin/bash
# Device call 2 of 3 (right after stage_a.sh, same machine): stage FA4 and the other wheels: FlashInfer 0.6.1, cudnn-frontend, diffusers.
[ -f ~/stage/cu13part.aa ] || { echo "no staged wheels: a fresh machine"; exit 3; }
cp .fa4/a2/* .fa4/a3/* .fa4/c/* .fa4/e/* ~/stage/ && ls -la ~/stage | tee $OUT/stage_c.txt
