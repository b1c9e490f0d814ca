"""The registry: no silent fallback, ``auto`` reports its pick, and FlashInfer's block structures (built on
CPU) describe exactly the reference mask. FlashInfer's kernels themselves need a CUDA GPU."""

import plan_docs
import pytest
import torch

from lvsa_worker import contracts
from lvsa_worker.attention import availability, registry, resolve
from lvsa_worker.attention.base import AttentionBackend, Prepared, TokenLayout
from lvsa_worker.attention.flashinfer_backend import bsr_from_frames, variable_blocks
from lvsa_worker.attention.reference import token_mask
from lvsa_worker.errors import BackendUnavailable, UnsupportedFeature
from lvsa_worker.plan import FrameMask


def test_the_registry_implements_exactly_the_backend_names_of_the_contract():
    # contracts/backends.json names them (Java reads it too); each built-in class declares its own name
    assert registry.names() == sorted(set(contracts.backend_names()) - {"auto"})


def test_the_plan_schema_enum_equals_the_plan_names_of_the_contract():
    # JSON Schema cannot import backends.json: its enum is a copy, in the same order
    schema_enum = contracts.load_schema()["properties"]["backend"]["properties"]["name"]["enum"]
    assert tuple(schema_enum) == contracts.backend_names(in_plan=True)
    assert set(contracts.backend_names(in_plan=False)).isdisjoint(schema_enum)
    assert all(entry["meaning"].strip() for entry in contracts.backends())


def test_every_auto_preference_names_a_registered_backend():
    tables = (registry.AUTO_ORDER, registry.AUTO_ORDER_PADDED_TEXT, registry.AUTO_ORDER_PADDED_TEXT_FA4,
              registry.AUTO_ORDER_SCORE_TRANSFORM)
    named = {name for table in tables for order in table.values() for name in order}
    assert named <= set(registry.names())


def test_auto_on_cpu_picks_sdpa_gather_and_says_so():
    assert resolve("auto", "cpu", needs_score_transform=False).name == "sdpa-gather"


def test_auto_with_a_score_transform_picks_a_backend_that_can_execute_it():
    backend = resolve("auto", "cpu", needs_score_transform=True)
    assert backend.supports_score_transform


class NoPaddedText(AttentionBackend):
    name = "no-padded-text"
    devices = ("cpu",)
    supports_padded_text = False

    def prepare(self, mask, layout, **kwargs):
        return Prepared()

    def run(self, prepared, q, k, v, text=None, scale=None):
        return q


def test_padded_joint_text_skips_backends_that_cannot_mask_it(monkeypatch):
    # HunyuanVideo 1.5 always joins padded text: auto passes over a backend that cannot mask it, naming one errs
    registry._ensure_builtin()
    monkeypatch.setitem(registry._REGISTRY, "no-padded-text", NoPaddedText())
    monkeypatch.setenv("LVSA_AUTO_BACKENDS_CPU", "no-padded-text,fbs,sdpa-gather")
    assert resolve("auto", "cpu", False).name == "no-padded-text"
    assert resolve("auto", "cpu", False, needs_padded_text=True).name == "fbs"  # fbs drops the padding exactly
    with pytest.raises(UnsupportedFeature, match="cannot mask padded text"):
        resolve("no-padded-text", "cpu", False, needs_padded_text=True)


def test_padded_text_on_cuda_puts_fbs_first_only_where_it_runs_fa4_as_measured(monkeypatch):
    """fbs with FA4 inside beat flashinfer on HunyuanVideo 1.5 (5.52 s vs 6.63 s per 257-frame forward, H200);
    fbs with cuDNN inside was not measured against it there, so flashinfer stays first."""
    from lvsa_worker.attention import fbs

    monkeypatch.delenv("LVSA_AUTO_BACKENDS_PADDED_TEXT_CUDA", raising=False)
    monkeypatch.setattr(fbs, "inner_kernel_name", lambda device: "cudnn")
    assert registry._auto_order("cuda", False, needs_padded_text=True) == ("flashinfer", "fbs", "sdpa-gather")
    monkeypatch.setattr(fbs, "inner_kernel_name", lambda device: "fa4")
    assert registry._auto_order("cuda", False, needs_padded_text=True) == ("fbs", "flashinfer", "sdpa-gather")
    assert registry._auto_order("cuda", False)[0] == "fbs"
    monkeypatch.setenv("LVSA_AUTO_BACKENDS_PADDED_TEXT_CUDA", "fbs")
    assert registry._auto_order("cuda", False, needs_padded_text=True) == ("fbs",)


def test_a_cuda_only_backend_on_cpu_is_an_error_not_a_fallback():
    with pytest.raises(BackendUnavailable, match="flashinfer runs on cuda, not cpu"):
        resolve("flashinfer", "cpu", False)
    with pytest.raises(BackendUnavailable, match="fbs runs on cuda, cpu, not npu"):
        resolve("fbs", "npu", False)


def test_a_missing_package_names_the_install_command(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_flashinfer(name, *args, **kwargs):
        if name == "flashinfer":
            raise ImportError("No module named 'flashinfer'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_flashinfer)
    reason = registry.get("flashinfer").unavailable_reason("cuda")
    assert "pip install lvsa-worker[flashinfer]" in reason


def test_a_backend_without_score_transforms_refuses_an_ultravico_plan():
    with pytest.raises(UnsupportedFeature, match="cannot execute a score transform"):
        resolve("sdpa-gather", "cpu", needs_score_transform=True)


def test_unknown_names_are_refused():
    with pytest.raises(UnsupportedFeature, match="unknown"):
        resolve("magic", "cpu", False)


def test_auto_order_can_be_overridden_per_device(monkeypatch):
    monkeypatch.setenv("LVSA_AUTO_BACKENDS_CPU", "reference")
    assert resolve("auto", "cpu", False).name == "reference"
    monkeypatch.setenv("LVSA_AUTO_BACKENDS_CPU", "flashinfer")
    with pytest.raises(BackendUnavailable, match="auto found nothing usable on cpu"):
        resolve("auto", "cpu", False)


def test_registering_a_backend_is_one_call():
    class Echo(AttentionBackend):
        """Returns its values: the smallest complete backend (both methods are abstract)."""

        name = "echo-test"
        devices = ("cpu",)

        def prepare(self, mask, layout, **kwargs):
            prepared = Prepared()
            prepared.frame_density = 1.0
            return prepared

        def run(self, prepared, q, k, v, text=None, scale=None):
            return v

    registry.register(Echo())
    try:
        backend = resolve("echo-test", "cpu", False)
        assert backend.name == "echo-test"
        assert backend.prepare(None, None).frame_density == 1.0
        assert availability("cpu")["echo-test"] is None
    finally:
        registry._REGISTRY.pop("echo-test")


def test_bsr_indices_list_each_rows_key_frames_in_order():
    rows = plan_docs.band_rows(5, 1, anchors=(4,))
    matrix = torch.from_numpy(FrameMask("p", 5, tuple(tuple(map(tuple, r)) for r in rows)).as_matrix())
    indptr, indices = bsr_from_frames(matrix)
    # rows: {0,1,4} {0,1,2,4} {1,2,3,4} {2,3,4} {3,4}
    assert indptr.tolist() == [0, 3, 7, 11, 14, 16]
    assert indices.tolist() == [0, 1, 4, 0, 1, 2, 4, 1, 2, 3, 4, 2, 3, 4, 3, 4]
    assert indptr.dtype == indices.dtype == torch.int32


def _expand(block_mask, rows, cols):
    """Token-level mask from a block mask and block sizes."""
    row_index = torch.repeat_interleave(torch.arange(len(rows)), torch.tensor(rows))
    col_index = torch.repeat_interleave(torch.arange(len(cols)), torch.tensor(cols))
    return block_mask[row_index][:, col_index]


@pytest.mark.parametrize("real_text", [0, 2, 5])
def test_variable_blocks_expand_to_the_reference_mask_with_text_padding(real_text):
    rows = plan_docs.band_rows(4, 1, anchors=(0,))
    mask = FrameMask("p", 4, tuple(tuple(map(tuple, r)) for r in rows))
    layout = TokenLayout(4, tokens_per_frame=3, text_tokens=5)
    block_mask, row_sizes, col_sizes = variable_blocks(torch.from_numpy(mask.as_matrix()), 3, 5, real_text)
    assert sum(row_sizes) == sum(col_sizes) == layout.sequence_tokens
    expanded = _expand(block_mask, row_sizes, col_sizes)
    reference = token_mask(mask, layout, torch.device("cpu"))
    key_real = torch.cat([torch.ones(12, dtype=torch.bool), torch.arange(5) < real_text])
    assert torch.equal(expanded, reference & key_real[None, :])


def test_flashinfer_plan_keywords_follow_the_installed_signature():
    from lvsa_worker.attention.flashinfer_backend import _call_plan

    class Old:
        def plan(self, indptr, indices, q_data_type="float16", kv_data_type=None):
            return q_data_type, kv_data_type

    class Wrapped:
        def plan(self, *args, **kwargs):
            return kwargs

    class Ancient:
        def plan(self, indptr, indices):
            return None

    assert _call_plan(Old(), 1, 2, q_data_type="bf16", kv_data_type="bf16", o_data_type="bf16") == ("bf16", "bf16")
    assert _call_plan(Wrapped(), q_data_type="bf16", o_data_type="bf16") == {"q_data_type": "bf16", "o_data_type": "bf16"}
    with pytest.raises(RuntimeError, match="too old"):
        _call_plan(Ancient(), 1, 2, q_data_type="bf16")


def test_fbs_registration_runs_the_kernel_module_exactly_when_it_is_present():
    """The fused kernel lives in lvsa_worker.kernels (written separately): when present, the registered
    backend must equal the reference; when absent, it must say so."""
    backend = registry.get("fbs")
    reason = backend.unavailable_reason("cpu")
    if reason is not None:
        assert "lvsa_worker.kernels.frame_block_sparse" in reason
        pytest.skip(f"fbs kernel module not present: {reason}")
    rows = plan_docs.band_rows(6, 1, anchors=(0,))
    mask = FrameMask("p", 6, tuple(tuple(map(tuple, r)) for r in rows))
    layout = TokenLayout(6, tokens_per_frame=4, text_tokens=3)
    g = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(2, layout.sequence_tokens, 2, 16, generator=g) for _ in range(3))
    kwargs = dict(device=torch.device("cpu"), dtype=torch.float32, num_heads=2, head_dim=16)
    reference = registry.get("reference")
    expected = reference.run(reference.prepare(mask, layout, **kwargs), q, k, v)
    prepared = backend.prepare(mask, layout, **kwargs)
    torch.testing.assert_close(backend.run(prepared, q, k, v), expected, atol=2e-5, rtol=1e-5)
    assert prepared.frame_density == pytest.approx(mask.frame_density)
