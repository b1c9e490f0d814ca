"""The executors equal the masked reference, and the reference equals attention written out by hand.

Grid: geometries (one frame; windows at both sequence edges; joint text tokens), patterns (bands with
anchors, rows of unequal length, single-frame rows, full rows), text padding (none, a common prefix,
per-item prefixes, scattered) and dtypes (float32 tight, bfloat16 looser).
"""

import math

import plan_docs
import pytest
import torch

from lvsa_worker.attention import TextKeys, TokenLayout, resolve
from lvsa_worker.plan import FrameMask

CPU = torch.device("cpu")
TOLERANCE = {torch.float32: dict(atol=2e-5, rtol=1e-5), torch.bfloat16: dict(atol=2e-2, rtol=2e-2)}


def frame_mask(rows) -> FrameMask:
    rows = None if rows is None else tuple(tuple(tuple(iv) for iv in row) for row in rows)
    return FrameMask("test", len(rows) if rows else 1, rows)


PATTERNS = {
    # name: (latent frames, rows or None for dense)
    "one-frame": (1, [[[0, 0]]]),
    "dense-4": (4, None),
    "band1-edges-7": (7, plan_docs.band_rows(7, 1)),
    "band2-anchors-9": (9, plan_docs.band_rows(9, 2, anchors=(0, 4, 8))),
    "diagonal-5": (5, [[[q, q]] for q in range(5)]),
    "unequal-rows-6": (6, [[[0, 5]], [[1, 1]], [[0, 0], [2, 3]], [[3, 3], [5, 5]], [[0, 1], [3, 4]], [[5, 5]]]),
    "full-rows-as-blocks-3": (3, [[[0, 2]], [[0, 2]], [[0, 2]]]),
}

TEXT_CASES = {
    "no-text": (0, None),
    "text-all-real": (5, [[1] * 5, [1] * 5]),
    "text-common-prefix": (5, [[1, 1, 1, 0, 0], [1, 1, 1, 0, 0]]),
    "text-per-item-prefix": (5, [[1, 1, 1, 1, 0], [1, 0, 0, 0, 0]]),
    "text-scattered": (5, [[0, 1, 0, 1, 1], [1, 1, 0, 0, 1]]),
    "text-all-padding": (3, [[0, 0, 0], [0, 0, 0]]),
}


def make_inputs(layout: TokenLayout, dtype, seed=0, batch=2, heads=2, head_dim=16):
    g = torch.Generator().manual_seed(seed)
    shape = (batch, layout.sequence_tokens, heads, head_dim)
    return [torch.randn(*shape, generator=g).to(dtype) for _ in range(3)]


def text_keys(mask_rows):
    return None if mask_rows is None else TextKeys.from_mask(torch.tensor(mask_rows))


def run(backend_name, mask, layout, q, k, v, text, score_transform=None):
    backend = resolve(backend_name, "cpu", score_transform is not None)
    prepared = backend.prepare(mask, layout, device=CPU, dtype=q.dtype, num_heads=q.shape[2],
                               head_dim=q.shape[3], score_transform=score_transform)
    return backend.run(prepared, q, k, v, text=text), prepared


def grid_case(pattern: str, text_case: str, dtype):
    """(layout, mask, q, k, v, text) of one cell of the PATTERNS x TEXT_CASES grid."""
    t, rows = PATTERNS[pattern]
    text_tokens, text_mask = TEXT_CASES[text_case]
    layout = TokenLayout(t, tokens_per_frame=6, text_tokens=text_tokens)
    mask = FrameMask("p", t, None if rows is None else frame_mask(rows).rows)
    return (layout, mask, *make_inputs(layout, dtype), text_keys(text_mask))


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16], ids=["fp32", "bf16"])
@pytest.mark.parametrize("text_case", list(TEXT_CASES))
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_sdpa_gather_equals_the_masked_reference(pattern, text_case, dtype):
    layout, mask, q, k, v, text = grid_case(pattern, text_case, dtype)
    expected, ref_prep = run("reference", mask, layout, q, k, v, text)
    actual, gather_prep = run("sdpa-gather", mask, layout, q, k, v, text)
    torch.testing.assert_close(actual, expected, **TOLERANCE[dtype])
    assert gather_prep.frame_density == pytest.approx(ref_prep.frame_density)
    assert gather_prep.frame_density == pytest.approx(mask.frame_density)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16], ids=["fp32", "bf16"])
@pytest.mark.parametrize("text_case", [c for c in TEXT_CASES if c != "text-scattered"])
@pytest.mark.parametrize("pattern", list(PATTERNS))
@pytest.mark.parametrize("method", ["split-lse", "gather"])
def test_fbs_drops_padded_text_and_equals_the_masked_reference(monkeypatch, method, pattern, text_case, dtype):
    """fbs runs each batch item on its video + real text tokens (a plan per real count): no padding key is
    attended, padding queries give zero. split-lse is put first for the CPU (auto takes gather there); rows
    split-lse cannot run still fall through to gather."""
    from lvsa_worker.kernels import frame_block_sparse

    monkeypatch.setitem(frame_block_sparse.AUTO_PREFERENCE, "cpu", (method, "gather"))
    layout, mask, q, k, v, text = grid_case(pattern, text_case, dtype)
    expected, _ = run("reference", mask, layout, q, k, v, text)
    actual, prepared = run("fbs", mask, layout, q, k, v, text)
    torch.testing.assert_close(actual, expected, **TOLERANCE[dtype])
    real_counts = set(text.prefix_lengths) if text is not None else set()
    assert real_counts <= set(prepared.by_real_text)  # one kernel plan per real text count, cached
    if text is not None and layout.text_tokens:
        for item, real in enumerate(text.prefix_lengths):
            assert not actual[item, layout.video_tokens + real:].any()  # padding queries attend nothing


def test_fbs_refuses_text_that_is_not_a_prefix():
    t, rows = PATTERNS["band1-edges-7"]
    layout = TokenLayout(t, tokens_per_frame=6, text_tokens=5)
    q, k, v = make_inputs(layout, torch.float32)
    with pytest.raises(ValueError, match="backend fbs needs the real text tokens to come first"):
        run("fbs", frame_mask(rows), layout, q, k, v, text_keys(TEXT_CASES["text-scattered"][1]))


def test_small_chunks_give_the_same_result(monkeypatch):
    """Chunking query frames (the memory bound) must not change the output."""
    t, rows = PATTERNS["unequal-rows-6"]
    layout = TokenLayout(t, 6, 5)
    mask = frame_mask(rows)
    q, k, v = make_inputs(layout, torch.float32)
    text = text_keys(TEXT_CASES["text-per-item-prefix"][1])
    whole, _ = run("sdpa-gather", mask, layout, q, k, v, text)
    monkeypatch.setenv("LVSA_GATHER_CHUNK_BYTES", "1")  # one query frame per chunk
    chunked, prepared = run("sdpa-gather", mask, layout, q, k, v, text)
    assert prepared.chunk_bytes == 1
    torch.testing.assert_close(chunked, whole, atol=1e-6, rtol=1e-6)


def attention_by_hand(q, k, v, mask: FrameMask, layout: TokenLayout, key_valid):
    """Softmax attention written out per query token in float64, from the frame rows directly."""
    b, s, h, d = q.shape
    p, nv = layout.tokens_per_frame, layout.video_tokens
    out = torch.zeros(b, s, h, d, dtype=torch.float64)
    for bi in range(b):
        for qi in range(s):
            if qi >= nv and not key_valid[bi][qi - nv]:
                continue  # padding text query: zero output
            if qi < nv:
                frames = mask.attended_frames(qi // p)
                keys = [f * p + j for f in frames for j in range(p)] + list(range(nv, s))
            else:
                keys = list(range(s))
            keys = [kk for kk in keys if kk < nv or key_valid[bi][kk - nv]]
            for hi in range(h):
                scores = torch.tensor([float(q[bi, qi, hi].double() @ k[bi, kk, hi].double()) / math.sqrt(d)
                                       for kk in keys], dtype=torch.float64)
                weights = torch.softmax(scores, dim=0)
                out[bi, qi, hi] = sum(w * v[bi, kk, hi].double() for w, kk in zip(weights, keys, strict=False))
    return out


def test_the_reference_equals_attention_written_out_by_hand():
    t, rows = PATTERNS["band2-anchors-9"]
    layout = TokenLayout(t, tokens_per_frame=3, text_tokens=4)
    mask = frame_mask(rows)
    q, k, v = make_inputs(layout, torch.float32, batch=2, heads=2, head_dim=8)
    key_valid = [[1, 1, 0, 0], [1, 1, 1, 0]]
    expected = attention_by_hand(q, k, v, mask, layout, key_valid)
    actual, _ = run("reference", mask, layout, q, k, v, text_keys(key_valid))
    torch.testing.assert_close(actual.double(), expected, atol=1e-5, rtol=1e-5)


def test_text_keys_are_read_once_and_describe_prefixes():
    keys = TextKeys.from_mask(torch.tensor([[1, 1, 0], [1, 1, 0]]))
    assert keys.prefix_lengths == (2, 2) and keys.uniform_prefix == 2
    keys = TextKeys.from_mask(torch.tensor([[1, 0, 0], [1, 1, 0]]))
    assert keys.prefix_lengths == (1, 2) and keys.uniform_prefix is None
    keys = TextKeys.from_mask(torch.tensor([[0, 1, 0]]))
    assert keys.prefix_lengths is None
    assert TextKeys.from_mask(torch.tensor([[1, 1]])) is None


def test_a_layout_mismatch_is_refused_with_the_shapes():
    layout = TokenLayout(3, 4)
    q, k, v = make_inputs(TokenLayout(3, 5), torch.float32)
    backend = resolve("sdpa-gather", "cpu", False)
    prepared = backend.prepare(FrameMask("d", 3, None), layout, device=CPU, dtype=torch.float32,
                               num_heads=2, head_dim=16)
    with pytest.raises(ValueError, match="sequence length 15 != latent_frames"):
        backend.run(prepared, q, k, v)
