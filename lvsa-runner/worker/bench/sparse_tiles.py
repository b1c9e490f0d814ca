"""How much more than the attended pairs a block-sparse kernel computes, from the plans alone (CPU, no GPU).

A block-sparse kernel computes whole score tiles: ``fa4-bsr`` every listed 128 x 128 block (partial ones too),
``cudnn-bsa`` every listed 64 x 64 block of frames padded to whole blocks. Per rotation pattern of the golden LVSA
plans this prints tiles x tile area / attended pairs (the floor on its time relative to the ideal at the same
per-tile rate) and, for fa4-bsr, the share of partial tiles (where its mask_mod runs). Example, from
``lvsa-runner/worker``::

    python -m bench.sparse_tiles --plan-dir ../../contracts/attention-plan/v1/golden --frames 41,81,121
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .attention_rows import find_plan_rows
from .cudnn_bsa import BLOCK as CUDNN_BLOCK
from .cudnn_bsa import padded_layout


def overheads(rows, tokens_per_frame: int) -> dict:
    from lvsa_worker.kernels.fa4_bsr import BLOCK_SIZE, plan_fa4_bsr
    from lvsa_worker.kernels.rows import attended_pairs, frame_mask, validate_rows

    frame_sets = validate_rows(rows)
    pairs = attended_pairs(frame_sets, tokens_per_frame, 0)
    plan = plan_fa4_bsr(frame_mask(frame_sets), tokens_per_frame, 0, "cpu")
    tiles = plan.full_blocks + plan.partial_blocks
    layout = padded_layout(rows, tokens_per_frame, 0)
    cudnn_tiles = sum(len(keys) for keys in layout.block_lists)
    return {"fa4_bsr": tiles * BLOCK_SIZE ** 2 / pairs, "fa4_bsr_partial": plan.partial_blocks / tiles,
            "cudnn_bsa": cudnn_tiles * CUDNN_BLOCK ** 2 / pairs}


def span(cells: list[dict], key: str, fmt: str = "{:.3f}") -> str:
    values = [c[key] for c in cells]
    return f"{fmt.format(min(values))}-{fmt.format(max(values))}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan-dir", type=Path, required=True, help="folder of plan JSON files (the golden plans)")
    parser.add_argument("--frames", default="41,81,121", help="latent frame counts (Wan 1.3B: 41, 81, 121 = 2x, 4x, 6x)")
    parser.add_argument("--tokens-per-frame", type=int, default=1560)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    print("| latent frames | patterns | fa4-bsr tiles / pairs | fa4-bsr partial tiles | cudnn-bsa tiles / pairs |")
    print("|---|---|---|---|---|")
    for frames in (int(f) for f in args.frames.split(",")):
        found = find_plan_rows(args.plan_dir, frames, args.tokens_per_frame, all_patterns=True)
        if not found:
            print(f"| {frames} | no LVSA plan in {args.plan_dir} | | | |")
            continue
        cells = [overheads(rows, args.tokens_per_frame) for rows, _ in found]
        print(f"| {frames} | {len(cells)} | {span(cells, 'fa4_bsr')} | {span(cells, 'fa4_bsr_partial', '{:.1%}')} | "
              f"{span(cells, 'cudnn_bsa')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
