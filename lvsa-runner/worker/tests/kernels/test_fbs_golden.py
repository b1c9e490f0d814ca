"""Golden plans written by the Java planner (contracts/attention-plan/v1/golden/): their
frame rows run through every CPU method and match the reference.

The rows are the planner's; tokens per frame are shrunk (attention is frame-blocked, so the
pattern is the same) to keep the reference small.
"""

import json

import pytest
import torch
from golden_files import golden_plan_files

from lvsa_worker.contracts import golden_dir
from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs

GOLDEN = golden_dir()
SMALL_P = 8
MAX_FRAMES = 48


def golden_patterns():
    found = []
    for path in golden_plan_files():
        plan = json.loads(path.read_text())
        mask = plan.get("mask", {})
        if mask.get("kind") != "frame_blocks":
            continue
        for index, pattern in enumerate(mask["patterns"][:2]):
            if len(pattern["rows"]) <= MAX_FRAMES:
                name = path.name.removesuffix(".json")
                found.append(pytest.param(pattern["rows"], plan["geometry"]["text_tokens"], id=f"{name}-p{index}"))
    return found


PATTERNS = golden_patterns()


@pytest.mark.skipif(not PATTERNS, reason=f"no frame_blocks golden plans in {GOLDEN} (written by baselines)")
@pytest.mark.parametrize("rows, text_tokens", PATTERNS)
@pytest.mark.parametrize("method", ["auto", "gather", "split-lse", "flex"])
def test_golden_rows(method, rows, text_tokens):
    text = min(text_tokens, 4)
    seq = len(rows) * SMALL_P + text
    gen = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(1, seq, 2, 16, generator=gen) for _ in range(3))
    try:
        plan = plan_fbs(rows, SMALL_P, text, 2, 16, "cpu", torch.float32, method=method)
    except ValueError as err:
        if method == "split-lse" and "anchors plus contiguous windows" in str(err):
            pytest.skip(f"not of anchors + window form: {err}")
        raise
    out = fbs_attention(q, k, v, plan)
    torch.testing.assert_close(out, masked_reference_attention(q, k, v, rows, SMALL_P, text), atol=2e-5, rtol=1e-4)
