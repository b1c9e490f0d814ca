"""Every CPU-capable method equals masked dense attention (float32 reference).

The Triton kernel has its own module (test_fbs_triton.py): it runs under the interpreter.
"""

import math

import pytest
import torch
from fbs_cases import ALL_CASES, FULL_T3, IRREGULAR, LVSA_LIKE_T10, SPLITTABLE, USER_T8, WINDOW_ONLY_T6

from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs

# (tokens_per_frame, head_dim, batch, dtype): P never a multiple of a kernel block
GEOMETRIES = [
    pytest.param(24, 16, 2, torch.float32, id="P24-D16-B2-f32"),
    pytest.param(40, 32, 1, torch.float32, id="P40-D32-B1-f32"),
    pytest.param(24, 64, 1, torch.bfloat16, id="P24-D64-B1-bf16"),
]
HEADS = 2
TOLERANCE = {torch.float32: dict(atol=2e-5, rtol=1e-4), torch.bfloat16: dict(atol=2e-2, rtol=2e-2)}


def random_qkv(rows, tokens_per_frame, text_tokens, head_dim, batch, dtype, seed=0):
    gen = torch.Generator().manual_seed(seed)
    seq = len(rows) * tokens_per_frame + text_tokens
    return [torch.randn(batch, seq, HEADS, head_dim, generator=gen).to(dtype) for _ in range(3)]


def check_method(method, rows, tokens_per_frame, text_tokens, head_dim, batch, dtype, **options):
    q, k, v = random_qkv(rows, tokens_per_frame, text_tokens, head_dim, batch, dtype)
    plan = plan_fbs(rows, tokens_per_frame, text_tokens, HEADS, head_dim, "cpu", dtype, method=method, **options)
    out = fbs_attention(q, k, v, plan)
    assert out.shape == q.shape and out.dtype == dtype and out.is_contiguous()
    ref = masked_reference_attention(q, k, v, rows, tokens_per_frame, text_tokens)
    torch.testing.assert_close(out.float(), ref, **TOLERANCE[dtype])
    return plan


@pytest.mark.parametrize("p, d, batch, dtype", GEOMETRIES)
@pytest.mark.parametrize("text_tokens", [0, 5])
@pytest.mark.parametrize("case", sorted(ALL_CASES))
@pytest.mark.parametrize("method", ["gather", "flex"])
def test_general_methods_match_the_reference(method, case, text_tokens, p, d, batch, dtype):
    check_method(method, ALL_CASES[case], p, text_tokens, d, batch, dtype)


@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_flex_allpartial_matches_the_reference(case):
    # on CPU the eager kernel applies the mask_mod everywhere, so one geometry is enough here;
    # the full/partial split itself is checked in test_fbs_flex_blocks.py
    check_method("flex-allpartial", ALL_CASES[case], 40, 5, 32, 2, torch.float32)


@pytest.mark.parametrize("p, d, batch, dtype", GEOMETRIES)
@pytest.mark.parametrize("text_tokens", [0, 5])
@pytest.mark.parametrize("case", sorted(SPLITTABLE))
@pytest.mark.parametrize("window_mode", ["strided", "gather"])
def test_split_lse_matches_the_reference(window_mode, case, text_tokens, p, d, batch, dtype):
    check_method("split-lse", SPLITTABLE[case], p, text_tokens, d, batch, dtype, window_mode=window_mode, merge="torch")


def test_split_lse_really_uses_overlapping_strided_windows():
    plan = check_method("split-lse", LVSA_LIKE_T10, 24, 0, 16, 1, torch.float32, window_mode="strided", merge="torch")
    strided = [s for s in plan.impl.segments if not s.fold]
    assert strided and all(s.delta == 1 and s.key_index is None for s in strided)


def test_gather_chunks_respect_chunk_frames():
    plan = check_method("gather", LVSA_LIKE_T10, 24, 5, 16, 1, torch.float32, chunk_frames=3)
    assert [c.count for c in plan.impl.chunks] == [3, 3, 3, 1]


@pytest.mark.parametrize("case", sorted(IRREGULAR))
def test_split_lse_refuses_irregular_rows_and_auto_picks_another(case):
    rows = IRREGULAR[case]
    with pytest.raises(ValueError, match="split-lse' needs anchors plus contiguous windows: query frame"):
        plan_fbs(rows, 24, 0, HEADS, 16, "cpu", torch.float32, method="split-lse")
    assert plan_fbs(rows, 24, 0, HEADS, 16, "cpu", torch.float32).method == "gather"


def test_auto_on_cpu_is_gather_and_a_full_mask_is_dense():
    assert plan_fbs(LVSA_LIKE_T10, 24, 0, HEADS, 16, "cpu", torch.float32).method == "gather"
    plan = check_method("auto", FULL_T3, 24, 5, 16, 2, torch.float32)
    assert plan.method == "dense"


def test_dense_refuses_a_sparse_mask():
    with pytest.raises(ValueError, match="method 'dense' needs every query frame to attend every key frame"):
        plan_fbs(USER_T8, 24, 0, HEADS, 16, "cpu", torch.float32, method="dense")


@pytest.mark.parametrize("rows, text", [(LVSA_LIKE_T10, 5), (WINDOW_ONLY_T6, 0)], ids=["lvsa-text", "window-no-copy"])
@pytest.mark.parametrize("method", ["gather", "split-lse", "flex"])
def test_inputs_with_other_strides(method, rows, text):
    # window-only rows without text keep the original order: split-lse views k and v directly
    p, d = 24, 16
    seq = len(rows) * p + text
    gen = torch.Generator().manual_seed(1)
    # (B, H, S, D) storage seen as (B, S, H, D), and a slice of a wider fused qkv projection
    q = torch.randn(2, HEADS, seq, d, generator=gen).transpose(1, 2)
    qkv = torch.randn(2, seq, 3, HEADS, d, generator=gen)
    k, v = qkv[:, :, 1], qkv[:, :, 2]
    plan = plan_fbs(rows, p, text, HEADS, d, "cpu", torch.float32, method=method)
    out = fbs_attention(q, k, v, plan)
    torch.testing.assert_close(out, masked_reference_attention(q, k, v, rows, p, text), **TOLERANCE[torch.float32])


def test_custom_scale():
    rows, p, d = LVSA_LIKE_T10, 24, 16
    q, k, v = random_qkv(rows, p, 0, d, 1, torch.float32)
    plan = plan_fbs(rows, p, 0, HEADS, d, "cpu", torch.float32, method="split-lse", merge="torch")
    out = fbs_attention(q, k, v, plan, scale=0.5)
    ref = masked_reference_attention(q, k, v, rows, p, 0, scale=0.5)
    torch.testing.assert_close(out, ref, **TOLERANCE[torch.float32])
    assert not torch.allclose(out, masked_reference_attention(q, k, v, rows, p, 0, scale=1 / math.sqrt(d)))


def test_density_and_flops_of_a_plan():
    # 2 frames of 4 tokens, frame 0 attends frame 0, frame 1 attends both, no text
    plan = plan_fbs([[[0, 0]], [[0, 1]]], 4, 0, 3, 8, "cpu", torch.float32)
    assert plan.attended_pairs == 4 * 4 + 4 * 8
    assert plan.frame_density == 0.75 and plan.density == 48 / 64
    assert plan.flops() == 4 * 48 * 8 * 3


PLAN_ERRORS = [
    (dict(tokens_per_frame=0), "tokens_per_frame must be an integer >= 1, got 0"),
    (dict(text_tokens=-1), "text_tokens must be an integer >= 0, got -1"),
    (dict(num_heads=2.0), "num_heads must be an integer >= 1, got 2.0"),
    (dict(head_dim=True), "head_dim must be an integer >= 1, got True"),
    (dict(dtype=torch.int32), "dtype must be a floating torch.dtype, got torch.int32"),
    (dict(method="fast"), "method must be 'auto' or one of"),
    (dict(method="gather", window_mode="strided"), r"method 'gather' takes no option\(s\) \['window_mode'\]"),
    (dict(method="gather", chunk_frames=0), "chunk_frames must be >= 1, got 0"),
    (dict(method="split-lse", window_mode="copy"), "window_mode must be one of"),
    (dict(method="triton", head_dim=24), "the triton method needs head_dim a power of two >= 16, got 24"),
    (dict(method="triton", block_m=48), "block_m must be a power of two >= 16, got 48"),
]


@pytest.mark.parametrize("changes, message", PLAN_ERRORS)
def test_plan_fbs_refuses_bad_arguments(changes, message):
    args = dict(rows=LVSA_LIKE_T10, tokens_per_frame=24, text_tokens=0, num_heads=2, head_dim=16,
                device="cpu", dtype=torch.float32)
    args.update(changes)
    with pytest.raises(ValueError, match=message):
        plan_fbs(**args)


def test_fbs_attention_refuses_tensors_that_do_not_fit_the_plan():
    plan = plan_fbs(LVSA_LIKE_T10, 24, 0, HEADS, 16, "cpu", torch.float32)
    good = torch.randn(1, 240, HEADS, 16)
    with pytest.raises(ValueError, match=r"q must have shape \(B, 240, 2, 16\), got \(1, 239, 2, 16\)"):
        fbs_attention(good[:, :239], good, good, plan)
    with pytest.raises(ValueError, match="k is torch.bfloat16 on cpu but the plan was built for torch.float32"):
        fbs_attention(good, good.bfloat16(), good, plan)
    with pytest.raises(ValueError, match="batch sizes differ: 1, 2, 1"):
        fbs_attention(good, torch.cat([good, good]), good, plan)


def test_auto_options_override_is_scoped_and_reaches_split_lse():
    from lvsa_worker.kernels.frame_block_sparse import AUTO_OPTIONS, auto_options_override, parse_variant

    before = dict(AUTO_OPTIONS["split-lse"])
    name, options = parse_variant("fbs:window_mode=gather, chunk=16")
    assert (name, options) == ("fbs", {"window_mode": "gather", "chunk": 16})
    with auto_options_override("split-lse", **options):
        # auto on CPU picks gather; asking for split-lse explicitly ignores AUTO_OPTIONS, so check the table
        assert AUTO_OPTIONS["split-lse"]["window_mode"] == "gather"
    assert AUTO_OPTIONS["split-lse"] == before
    with pytest.raises(ValueError, match="options must be key=value, got 'merge'"):
        parse_variant("fbs:merge")
    with pytest.raises(ValueError, match="method must be one of"):
        with auto_options_override("fastest", merge="torch"):
            pass


def test_auto_method_override_is_scoped_and_keeps_dense_for_a_full_mask():
    from lvsa_worker.kernels.frame_block_sparse import AUTO_PREFERENCE, auto_method_override

    before = AUTO_PREFERENCE["cpu"]
    rows = LVSA_LIKE_T10
    assert plan_fbs(rows, 8, 0, HEADS, 16, "cpu", torch.float32).method == "gather"
    with auto_method_override("flex", "cpu"):
        assert plan_fbs(rows, 8, 0, HEADS, 16, "cpu", torch.float32).method == "flex"
        assert plan_fbs(FULL_T3, 8, 0, HEADS, 16, "cpu", torch.float32).method == "dense"
    assert AUTO_PREFERENCE["cpu"] == before
    with pytest.raises(ValueError, match="method must be one of"):
        with auto_method_override("fastest"):
            pass
