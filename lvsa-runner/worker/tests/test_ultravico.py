"""UltraViCo: the reference path equals the transform written out by hand; the fused FlexAttention path
(eager, and compiled where a C++ toolchain exists) equals the reference."""

import math
import shutil

import plan_docs
import pytest
import torch

from lvsa_worker.attention import TextKeys, TokenLayout, resolve
from lvsa_worker.errors import UnsupportedFeature
from lvsa_worker.plan import FrameMask, UltraViCo
from lvsa_worker.transforms.ultravico import ultravico_reference

CPU = torch.device("cpu")
PARAMS = UltraViCo(alpha=0.5, distance_tokens=7, first_frame_key_limit_tokens=9)


def inputs(s, batch=1, heads=2, d=8, seed=3):
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(batch, s, heads, d, generator=g) for _ in range(3)]


def by_hand(q, k, v, nv, p, params, key_valid=None):
    """Per query: scores, then UltraViCo's two rules, softmax, weighted values (float64)."""
    b, s, h, d = q.shape
    out = torch.zeros(b, s, h, d, dtype=torch.float64)
    for bi in range(b):
        for hi in range(h):
            for i in range(s):
                weights, keys = [], []
                for j in range(s):
                    if key_valid is not None and not key_valid[bi][j]:
                        continue
                    both_video = i < nv and j < nv
                    if i < p and j < nv and abs(i - j) > params.first_frame_key_limit_tokens:
                        continue  # first-frame query, far video key: not attended
                    logit = float(q[bi, i, hi].double() @ k[bi, j, hi].double()) / math.sqrt(d)
                    if both_video and abs(i - j) > params.distance_tokens and logit > 0:
                        logit *= params.alpha
                    weights.append(logit)
                    keys.append(j)
                probs = torch.softmax(torch.tensor(weights, dtype=torch.float64), dim=0)
                out[bi, i, hi] = sum(w * v[bi, j, hi].double() for w, j in zip(probs, keys, strict=False))
    return out


def test_reference_equals_the_rules_written_out_by_hand_with_text_never_scaled():
    layout = TokenLayout(latent_frames=4, tokens_per_frame=3, text_tokens=3)
    q, k, v = inputs(layout.sequence_tokens)
    expected = by_hand(q, k, v, layout.video_tokens, layout.tokens_per_frame, PARAMS)
    actual = ultravico_reference(q, k, v, video_tokens=12, tokens_per_frame=3, params=PARAMS)
    torch.testing.assert_close(actual.double(), expected, atol=1e-5, rtol=1e-5)


def test_the_transform_changes_the_result_only_through_far_pairs():
    """alpha=1 with limits beyond the sequence is plain attention; the real parameters differ from it."""
    q, k, v = inputs(15)
    neutral = UltraViCo(alpha=0.999999, distance_tokens=100, first_frame_key_limit_tokens=100)
    plain = torch.nn.functional.scaled_dot_product_attention(
        q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)).transpose(1, 2)
    same = ultravico_reference(q, k, v, video_tokens=15, tokens_per_frame=3, params=neutral)
    torch.testing.assert_close(same, plain, atol=1e-5, rtol=1e-5)
    changed = ultravico_reference(q, k, v, video_tokens=15, tokens_per_frame=3, params=PARAMS)
    assert (changed - plain).abs().max() > 1e-3


CASES = {
    "dense-video": (TokenLayout(5, 4, 0), None, None),
    "dense-text-padding": (TokenLayout(4, 4, 4), None, [[1, 1, 0, 0], [1, 1, 1, 0]]),
    "frame-blocks-text": (TokenLayout(6, 3, 3), plan_docs.band_rows(6, 1, anchors=(0,)), [[1, 1, 1], [1, 0, 0]]),
}


def _run_backend(name, layout, rows, text_rows, q, k, v):
    mask = FrameMask("p", layout.latent_frames,
                     None if rows is None else tuple(tuple(map(tuple, r)) for r in rows))
    backend = resolve(name, "cpu", True)
    prepared = backend.prepare(mask, layout, device=CPU, dtype=q.dtype, num_heads=q.shape[2],
                               head_dim=q.shape[3], score_transform=PARAMS)
    text = None if text_rows is None else TextKeys.from_mask(torch.tensor(text_rows))
    return backend.run(prepared, q, k, v, text=text)


@pytest.mark.parametrize("case", list(CASES))
def test_flex_path_equals_the_reference(case, monkeypatch):
    monkeypatch.setenv("LVSA_FLEX_COMPILE", "0")
    layout, rows, text_rows = CASES[case]
    q, k, v = inputs(layout.sequence_tokens, batch=2)
    expected = _run_backend("reference", layout, rows, text_rows, q, k, v)
    actual = _run_backend("flex", layout, rows, text_rows, q, k, v)
    torch.testing.assert_close(actual, expected, atol=2e-5, rtol=1e-5)


@pytest.mark.skipif(shutil.which("g++") is None and shutil.which("c++") is None,
                    reason="compiled FlexAttention on CPU needs a C++ compiler (GPU-only check otherwise)")
def test_compiled_flex_kernel_equals_the_reference_and_compiles_once(monkeypatch):
    """The fused path as it runs on CUDA (torch.compile of flex_attention), here compiled for the CPU:
    equal to the reference, and a second step pattern / text mask reuses the compiled kernel."""
    from torch._dynamo.utils import counters

    monkeypatch.setenv("LVSA_FLEX_COMPILE", "1")
    layout = TokenLayout(4, 16, 4)  # 68 tokens, head dim 16
    q, k, v = inputs(layout.sequence_tokens, batch=1, heads=2, d=16)
    graphs = []
    for rows, text_rows in ((plan_docs.band_rows(4, 1, anchors=(0,)), [[1, 1, 0, 0]]),
                            (plan_docs.band_rows(4, 1, anchors=(3,)), [[1, 1, 1, 0]])):
        expected = _run_backend("reference", layout, rows, text_rows, q, k, v)
        actual = _run_backend("flex", layout, rows, text_rows, q, k, v)
        torch.testing.assert_close(actual, expected, atol=1e-4, rtol=1e-4)
        graphs.append(counters["stats"]["unique_graphs"])
    assert graphs[0] >= 1 and graphs[1] == graphs[0]


def test_beta_damping_is_refused_rather_than_guessed():
    params = UltraViCo(alpha=0.9, distance_tokens=4, first_frame_key_limit_tokens=8, beta=0.6, beta_period_tokens=5)
    q, k, v = inputs(8)
    with pytest.raises(UnsupportedFeature, match="beta"):
        ultravico_reference(q, k, v, video_tokens=8, tokens_per_frame=2, params=params)
