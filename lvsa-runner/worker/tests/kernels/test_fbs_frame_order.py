"""Split-lse on frames that arrive in its compact order (``frames_reorderable``): the same attention, no copies.

A model adapter that permutes its video frames once per denoising step (anchors first, then the other frames,
``plan.frame_order``) hands every layer q, k, v in that order. Split-lse then reads its anchor keys and every
window as slices of k and v as given. Each test permutes the inputs the way the adapter does, runs the plan,
puts the output back in natural order and compares it with masked dense attention on the natural inputs.
"""

import pytest
import torch
from fbs_cases import LVSA_LIKE_T10, LVSA_LIKE_T12, MIXED_T4, SPLITTABLE, WINDOW_ONLY_T6
from test_fbs_methods import GEOMETRIES, HEADS, TOLERANCE, random_qkv

from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs, split_lse


def in_frame_order(x: torch.Tensor, order, tokens_per_frame: int) -> torch.Tensor:
    """(B, T*P, H, D) with its frames taken in ``order`` (what the adapter's permutation does)."""
    b, s, h, d = x.shape
    frames = x.view(b, s // tokens_per_frame, tokens_per_frame, h, d)
    return frames[:, list(order)].reshape(b, s, h, d)


def back_to_natural(x: torch.Tensor, order, tokens_per_frame: int) -> torch.Tensor:
    inverse = [0] * len(order)
    for position, frame in enumerate(order):
        inverse[frame] = position
    return in_frame_order(x, inverse, tokens_per_frame)


def run_reordered(rows, p, d, batch, dtype, **options):
    q, k, v = random_qkv(rows, p, 0, d, batch, dtype)
    plan = plan_fbs(rows, p, 0, HEADS, d, "cpu", dtype, method="split-lse", frames_reorderable=True,
                    merge="torch", **options)
    order = plan.frame_order or tuple(range(len(rows)))
    out = fbs_attention(*(in_frame_order(t, order, p) for t in (q, k, v)), plan)
    ref = masked_reference_attention(q, k, v, rows, p, 0)
    torch.testing.assert_close(back_to_natural(out, order, p).float(), ref, **TOLERANCE[dtype])
    return plan


@pytest.mark.parametrize("p, d, batch, dtype", GEOMETRIES)
@pytest.mark.parametrize("case", sorted(SPLITTABLE))
def test_reordered_frames_give_the_masked_reference(case, p, d, batch, dtype):
    run_reordered(SPLITTABLE[case], p, d, batch, dtype)


@pytest.mark.parametrize("rows, order", [
    (LVSA_LIKE_T10, (0, 4, 8, 1, 2, 3, 5, 6, 7, 9)),
    (LVSA_LIKE_T12, (0, 5, 10, 1, 2, 3, 4, 6, 7, 8, 9, 11)),
], ids=["t10", "t12"])
def test_the_order_is_anchors_then_the_rest_and_nothing_is_copied(monkeypatch, rows, order):
    def no_copy(*_args, **_kwargs):
        raise AssertionError("split-lse copied k or v although they arrived in compact order")

    monkeypatch.setattr(split_lse, "_compact", no_copy)
    plan = run_reordered(rows, 24, 16, 2, torch.float32)
    assert plan.frame_order == order
    assert plan.impl.identity_order
    # the anchor frames' windows come first in compact order: segments index query positions, not frames
    assert plan.impl.segments[0].first_frame == 0


def test_frames_already_in_order_need_no_permutation():
    # WINDOW_ONLY_T6 has no anchor; MIXED_T4's one anchor is frame 0: compact order is the natural order
    for rows in (WINDOW_ONLY_T6, MIXED_T4):
        assert run_reordered(rows, 24, 16, 1, torch.float32).frame_order is None


def test_only_split_lse_without_text_or_gathered_windows_reorders():
    def order(**kwargs):
        args = dict(rows=LVSA_LIKE_T10, tokens_per_frame=24, text_tokens=0, num_heads=HEADS, head_dim=16,
                    device="cpu", dtype=torch.float32, frames_reorderable=True)
        return plan_fbs(**(args | kwargs)).frame_order

    assert order(method="split-lse") is not None
    assert order(method="split-lse", frames_reorderable=False) is None
    assert order(method="split-lse", text_tokens=5) is None  # joint text: the frames stay where they are
    assert order(method="split-lse", window_mode="gather") is None
    assert order(method="gather") is None


@pytest.mark.parametrize("options, message", [
    (dict(text_tokens=5), "input_order 'compact' takes video tokens only, got text_tokens=5"),
    (dict(window_mode="gather"), "input_order 'compact' makes every window a slice already"),
    (dict(input_order="sorted"), "input_order must be one of"),
    (dict(overlap="on"), r"overlap must be one of \('off', 'on'\) \('on' with window_mode 'varlen' only\)"),
])
def test_an_impossible_compact_order_is_refused(options, message):
    args = dict(rows=LVSA_LIKE_T10, tokens_per_frame=24, text_tokens=0, num_heads=HEADS, head_dim=16,
                device="cpu", dtype=torch.float32, method="split-lse", input_order="compact")
    with pytest.raises(ValueError, match=message):
        plan_fbs(**(args | options))


def test_auto_puts_the_window_part_in_one_varlen_call_on_reordered_frames_with_fa4(monkeypatch):
    # in compact order the strided windows break into many more segments; with FA4 inside, auto makes the whole
    # window part one variable-length call (AUTO_OPTIONS_REORDERED_FA4). FA4 cannot run here: only plans are built.
    from lvsa_worker.kernels import frame_block_sparse as fbs
    from lvsa_worker.kernels.inner import InnerChoice

    monkeypatch.setattr(fbs, "resolve_inner", lambda inner, device: InnerChoice("fa4", "test: fa4"))
    monkeypatch.setitem(fbs.AUTO_PREFERENCE, "cpu", ("split-lse",))

    def impl(**kwargs):
        return plan_fbs(LVSA_LIKE_T10, 24, 0, HEADS, 16, "cpu", torch.float32, **kwargs).impl

    reordered = impl(frames_reorderable=True)
    assert (reordered.window_mode, reordered.frame_order is not None, reordered.varlen is not None) == (
        "varlen", True, True)
    # ... whose partial last query tiles (24 rows = 24 % 128) all go to the tail call
    assert reordered.varlen.main is None and reordered.varlen.tails is not None
    assert impl(frames_reorderable=True, query_tails="whole").varlen.tails is None  # the caller's choice wins
    assert impl().window_mode == "strided"  # natural order keeps auto's strided windows
    assert impl(frames_reorderable=True, window_mode="strided").window_mode == "strided"  # the caller's choice wins
    assert impl(frames_reorderable=True, method="split-lse").window_mode == "strided"  # not auto: as asked
