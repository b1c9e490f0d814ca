"""The inner dense kernel option (``inner``: auto, cudnn, fa2, fa4) on CPU.

FA4 cannot run here: these tests pin the resolution rules, the errors (with the import of
``flash_attn.cute`` made to fail, or a GPU older than sm90 faked), and the layout plumbing into
FA4's ``flash_attn_func`` (a stand-in module that computes attention from the (B, S, H, D) tensors
it is given)."""

import math
import sys
import types

import pytest
import torch
import torch.nn.functional as F

from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs, sdpa_ops
from lvsa_worker.kernels import inner as inner_mod
from lvsa_worker.kernels.inner import InnerKernelUnavailable, resolve_inner

ROWS = [[[0, 1]], [[0, 2]], [[0, 0], [2, 3]], [[0, 0], [3, 3]]]


def fake_gpu(monkeypatch, capability=(9, 0)):
    """Pretend a CUDA GPU of ``capability`` is present (only the queries inner.py makes)."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: capability)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: "Fake GPU")


def fa4_import_fails(monkeypatch):
    monkeypatch.setitem(sys.modules, "flash_attn.cute", None)  # import raises ImportError


def reference_fa4_module(calls: list):
    """A stand-in for ``flash_attn.cute``: attention from (B, S, H, D) inputs, lse as (B, H, Sq)."""

    def flash_attn_func(q, k, v, softmax_scale=None, return_lse=False):
        calls.append({"shapes": [tuple(t.shape) for t in (q, k, v)], "k_ptr": k.data_ptr(), "k_stride": k.stride()})
        qh, kh, vh = (t.transpose(1, 2).float() for t in (q, k, v))
        scores = qh @ kh.transpose(-1, -2) * softmax_scale
        out = (torch.softmax(scores, dim=-1) @ vh).to(q.dtype).transpose(1, 2).contiguous()
        return out, (torch.logsumexp(scores, dim=-1) if return_lse else None)

    def flash_attn_varlen_func(q, k, v, cu_seqlens_q, cu_seqlens_k, max_seqlen_q, max_seqlen_k, seqused_q, seqused_k,
                               softmax_scale=None, return_lse=False):
        """(rows, H, D) inputs; sequence i: rows cu_q[i]:+used_q[i] against keys cu_k[i]:+used_k[i]."""
        calls.append({"varlen": len(seqused_q), "k_ptr": k.data_ptr(), "max": (max_seqlen_q, max_seqlen_k)})
        out = torch.full_like(q, float("nan"))  # rows outside every sequence stay undefined
        lse = torch.full((q.shape[1], q.shape[0]), float("nan"))
        for q0, qn, k0, kn in zip(cu_seqlens_q[:-1].tolist(), seqused_q.tolist(), cu_seqlens_k[:-1].tolist(),
                                  seqused_k.tolist(), strict=True):
            qh, kh, vh = (t.transpose(0, 1).float() for t in (q[q0:q0 + qn], k[k0:k0 + kn], v[k0:k0 + kn]))
            scores = qh @ kh.transpose(-1, -2) * softmax_scale
            out[q0:q0 + qn] = (torch.softmax(scores, dim=-1) @ vh).to(q.dtype).transpose(0, 1)
            lse[:, q0:q0 + qn] = torch.logsumexp(scores, dim=-1)
        return out, (lse if return_lse else None)

    return types.SimpleNamespace(flash_attn_func=flash_attn_func, flash_attn_varlen_func=flash_attn_varlen_func)


# ---------------------------------------------------------------- resolution
def test_auto_on_cpu_is_pytorch_own_kernel_and_says_so():
    choice = resolve_inner("auto", "cpu")
    assert choice.name == "cudnn"
    assert choice.note == "auto: cudnn (on cpu: PyTorch's own kernel runs)"


def test_unknown_inner_is_a_value_error():
    with pytest.raises(ValueError, match=r"inner must be 'auto' or one of \('cudnn', 'fa2', 'fa4'\), got 'fa3'"):
        resolve_inner("fa3", "cpu")


def test_fa4_on_cpu_is_refused_naming_the_device():
    with pytest.raises(InnerKernelUnavailable, match="runs on CUDA GPUs only, not on cpu"):
        resolve_inner("fa4", "cpu")


def test_fa4_that_does_not_import_is_refused_and_auto_says_why_it_took_cudnn(monkeypatch):
    fake_gpu(monkeypatch)
    fa4_import_fails(monkeypatch)
    with pytest.raises(InnerKernelUnavailable, match=r"import flash_attn\.cute failed \(ModuleNotFoundError") as err:
        resolve_inner("fa4", "cuda")
    assert "pip install 'lvsa-worker[fa4]'" in str(err.value)
    choice = resolve_inner("auto", "cuda")
    assert choice.name == "cudnn"
    assert choice.note.startswith("auto: cudnn, because inner kernel fa4: import flash_attn.cute failed")


def test_fa4_on_a_gpu_older_than_sm90_is_refused(monkeypatch):
    fake_gpu(monkeypatch, capability=(8, 0))
    monkeypatch.setitem(sys.modules, "flash_attn.cute", reference_fa4_module([]))
    with pytest.raises(InnerKernelUnavailable, match=r"needs compute capability 9\.0 \(sm90, Hopper\) or newer; "
                                                      r"Fake GPU is sm80"):
        resolve_inner("fa4", "cuda")
    assert resolve_inner("auto", "cuda").name == "cudnn"


def test_auto_picks_fa4_where_it_imports_on_sm90(monkeypatch):
    fake_gpu(monkeypatch)
    monkeypatch.setitem(sys.modules, "flash_attn.cute", reference_fa4_module([]))
    monkeypatch.setattr(inner_mod, "fa4_version", lambda: "4.0.0b36")
    choice = resolve_inner("auto", "cuda")
    assert (choice.name, choice.note) == ("fa4", "auto: fa4 (flash-attn-4 4.0.0b36 on sm90)")
    assert resolve_inner("cudnn", "cuda").note == "cudnn requested"


# ---------------------------------------------------------------- plan_fbs
def test_plan_records_the_inner_kernel_and_refuses_fa4_on_cpu():
    plan = plan_fbs(ROWS, 8, 0, 2, 16, "cpu", torch.float32, method="split-lse")
    assert plan.inner == "cudnn" and plan.inner_note.startswith("auto: cudnn")
    assert plan.impl.backend == "cudnn"
    assert plan_fbs(ROWS, 8, 0, 2, 16, "cpu", torch.float32, method="gather", inner="fa2").inner == "fa2"
    assert plan_fbs(ROWS, 8, 0, 2, 16, "cpu", torch.float32, method="triton", config=(16, 1, 1)).inner is None
    with pytest.raises(InnerKernelUnavailable, match="fa4 runs on CUDA GPUs only"):
        plan_fbs(ROWS, 8, 0, 2, 16, "cpu", torch.float32, method="split-lse", inner="fa4")
    with pytest.raises(ValueError, match=r"method 'triton' takes no option\(s\) \['inner'\]"):
        plan_fbs(ROWS, 8, 0, 2, 16, "cpu", torch.float32, method="triton", inner="fa4")
    with pytest.raises(ValueError, match="takes no option"):
        plan_fbs(ROWS, 8, 0, 2, 16, "cpu", torch.float32, method="split-lse", backend="cudnn")


def test_fbs_backend_maps_an_unavailable_fa4_to_backend_unavailable(monkeypatch):
    from lvsa_worker.attention import TokenLayout, resolve
    from lvsa_worker.errors import BackendUnavailable
    from lvsa_worker.plan import FrameMask

    monkeypatch.setenv("LVSA_FBS_INNER", "fa4")
    backend = resolve("fbs", "cpu", False)
    mask = FrameMask("p0", 4, tuple(tuple(tuple(interval) for interval in row) for row in ROWS))
    with pytest.raises(BackendUnavailable, match=r"backend fbs \(LVSA_FBS_INNER=fa4\): inner kernel fa4 runs on CUDA GPUs only"):
        backend.prepare(mask, TokenLayout(4, 8, 0), device=torch.device("cpu"), dtype=torch.float32,
                        num_heads=2, head_dim=16)


# ---------------------------------------------------------------- layout into FA4
def test_fa4_gets_bshd_views_without_copies_and_its_lse_merges_exactly(monkeypatch):
    """sdpa_ops hands FA4 the (B, S, H, D) memory it was given (an overlapping strided window view stays a
    view) and returns out/lse in the (B, H, S, D)/(B, H, S) convention that split-lse merges."""
    calls = []
    monkeypatch.setattr(sdpa_ops, "fa4_module", lambda: reference_fa4_module(calls))
    torch.manual_seed(0)
    base = torch.randn(1, 40, 2, 16)  # (B, S, H, D): 5 "frames" of 8 tokens
    windows = base.as_strided((3, 16, 2, 16), (8 * 32, 32, 16, 1))  # 3 overlapping windows of 2 frames
    q = torch.randn(3, 8, 2, 16)
    scale = 1 / math.sqrt(16)
    out, lse = sdpa_ops._fa4(q.transpose(1, 2), windows.transpose(1, 2), windows.transpose(1, 2), scale, True)
    assert calls[0]["k_ptr"] == base.data_ptr() and calls[0]["k_stride"] == (256, 32, 16, 1)
    ref = F.scaled_dot_product_attention(q.transpose(1, 2), windows.transpose(1, 2), windows.transpose(1, 2), scale=scale)
    assert out.shape == (3, 2, 8, 16) and lse.shape == (3, 2, 8)
    torch.testing.assert_close(out, ref, atol=1e-5, rtol=1e-5)


def test_split_lse_through_the_fa4_path_matches_the_reference(monkeypatch):
    """The whole split-lse call with inner fa4, with the CUDA-only dispatch pointed at the stand-in module."""
    calls = []
    monkeypatch.setattr(sdpa_ops, "fa4_module", lambda: reference_fa4_module(calls))
    plan = plan_fbs(ROWS, 8, 4, 2, 16, "cpu", torch.float32, method="split-lse", inner="cudnn")
    object.__setattr__(plan.impl, "backend", "fa4")
    original_lse, original_dense = sdpa_ops.attention_with_lse, sdpa_ops.dense_attention

    def lse_via_fa4(q, k, v, scale, backend="cudnn"):
        assert backend == "fa4"
        return sdpa_ops._fa4(q, k, v, scale, True)

    def dense_via_fa4(q, k, v, scale, backend="cudnn"):
        assert backend == "fa4"
        return sdpa_ops._fa4(q, k, v, scale, False)[0]

    from lvsa_worker.kernels import split_lse

    monkeypatch.setattr(split_lse, "attention_with_lse", lse_via_fa4)
    monkeypatch.setattr(split_lse, "dense_attention", dense_via_fa4)
    torch.manual_seed(1)
    q, k, v = (torch.randn(1, 36, 2, 16) for _ in range(3))
    out = fbs_attention(q, k, v, plan)
    ref = masked_reference_attention(q, k, v, ROWS, 8, 4)
    torch.testing.assert_close(out, ref, atol=1e-5, rtol=1e-5)
    assert len(calls) >= 3  # anchors, window segments, text queries
    assert original_lse is sdpa_ops.attention_with_lse and original_dense is sdpa_ops.dense_attention


VARLEN_ROWS = [[[0, 2]], [[0, 0], [2, 3]], [[0, 0], [3, 4]], [[0, 0], [3, 4]], [[0, 1]], [[0, 0]]]


@pytest.mark.parametrize("text_tokens", [0, 4])
def test_split_lse_windows_as_one_varlen_call_match_the_reference(monkeypatch, text_tokens):
    """window_mode varlen: anchor 0; windows sliding (query frames 0-2), shared (3 repeats 2's), shorter (4), and a
    row with no window (5): one variable-length call covers every window; the result equals the masked reference."""
    from lvsa_worker.kernels import split_lse
    from lvsa_worker.kernels.rows import anchor_window_form, validate_rows

    calls = []
    monkeypatch.setattr(sdpa_ops, "fa4_module", lambda: reference_fa4_module(calls))
    monkeypatch.setattr(split_lse, "attention_with_lse", lambda q, k, v, scale, backend: sdpa_ops._fa4(q, k, v, scale, True))
    monkeypatch.setattr(split_lse, "dense_attention", lambda q, k, v, scale, backend: sdpa_ops._fa4(q, k, v, scale, False)[0])
    form = anchor_window_form(validate_rows(VARLEN_ROWS))
    plan = split_lse.plan_split_lse(form, 8, text_tokens, torch.device("cpu"), window_mode="varlen", backend="fa4",
                                    merge="torch")
    torch.manual_seed(2)
    q, k, v = (torch.randn(1, 48 + text_tokens, 2, 16) for _ in range(3))
    out = split_lse.run_split_lse(q, k, v, plan, 8, text_tokens, 1 / math.sqrt(16))
    torch.testing.assert_close(out, masked_reference_attention(q, k, v, VARLEN_ROWS, 8, text_tokens),
                               atol=1e-5, rtol=1e-5)
    assert [c["varlen"] for c in calls if "varlen" in c] == [len(plan.varlen.main.used_q)]  # one call, every window
    assert int(plan.varlen.main.used_q.sum()) == 5 * 8  # the five rows with a window, each once


def test_varlen_windows_need_fa4():
    from lvsa_worker.kernels import split_lse
    from lvsa_worker.kernels.rows import anchor_window_form, validate_rows

    with pytest.raises(ValueError, match="window_mode 'varlen' needs inner kernel fa4 .*got 'cudnn'"):
        split_lse.plan_split_lse(anchor_window_form(validate_rows(VARLEN_ROWS)), 8, 0, torch.device("cpu"), window_mode="varlen",
                                 backend="cudnn")


def test_step_bench_sends_inner_to_every_method_fbs_auto_can_pick():
    from bench import step_bench

    assert step_bench.variant_overrides({"inner": "fa4"}) == [
        ("split-lse", {"inner": "fa4"}), ("dense", {"inner": "fa4"}), ("gather", {"inner": "fa4"})]
    assert step_bench.variant_overrides({"window_mode": "gather"}) == [("split-lse", {"window_mode": "gather"})]
    assert step_bench.variant_overrides({}) == []
    assert step_bench.DENSE_FBS == {"dense-fa4": "fbs:inner=fa4"}


def test_backends_command_says_which_inner_kernel_fbs_runs(monkeypatch, capsys):
    from lvsa_worker.cli import main

    monkeypatch.delenv("LVSA_FBS_INNER", raising=False)
    assert main(["backends", "--device", "cpu"]) == 0
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["fbs_inner"] == "auto: cudnn (on cpu: PyTorch's own kernel runs)"
    monkeypatch.setenv("LVSA_FBS_INNER", "fa4")
    assert main(["backends", "--device", "cpu"]) == 0
    assert json.loads(capsys.readouterr().out)["fbs_inner"].startswith(
        "unavailable: inner kernel fa4 runs on CUDA GPUs only")


def test_hv15_bench_dense_cells_run_a_dense_variant_of_the_plan():
    from bench import hv15_memory_bench as bench
    from lvsa_worker.contracts import golden_dir
    from lvsa_worker.plan import load_plan

    plan = load_plan(golden_dir() / "hunyuanvideo-1.5-480p_lvsa_257f.json")
    dense = bench.dense_variant(plan)
    assert dense.method == "dense" and dense.mask_for_step(0).is_dense
    assert dense.geometry == plan.geometry and dense.steps == plan.steps


def test_fa4_tile_bench_reads_tile_lists_and_its_calls_are_frame_sized():
    from bench import fa4_tiles

    assert fa4_tiles.parse_tiles("default,128x176,128X112") == [None, (128, 176), (128, 112)]
    with pytest.raises(ValueError):
        fa4_tiles.parse_tiles("128")
    assert (fa4_tiles.P, fa4_tiles.H, fa4_tiles.D) == (1560, 12, 128) and fa4_tiles.FRAMES["6x"] == 121
