"""Ulysses sequence parallelism on CPU (gloo): sharded attention and a sharded tiny Wan forward equal one
process; degrees that do not divide the heads are refused before any work.

Tolerance: float32, atol 2e-5 / rtol 1e-5 (the sharded run batches fewer heads per kernel call; nothing else
changes). Each launch spawns 2 or 3 processes that run every case, to keep the test time short.
"""

import pytest
import torch

import cp_cases
from lvsa_worker.attention import resolve
from lvsa_worker.parallel import SequenceParallel, UlyssesBackend, check_degree, dist_backend_for


@pytest.mark.parametrize("world", [2, 3])
def test_sharded_attention_equals_one_process(tmp_path, world):
    """Golden dense and LVSA plans (Wan; HunyuanVideo 1.5 with padded joint text) and 35 video tokens, which
    neither 2 nor 3 divides: reference, sdpa-gather and fbs, every rank's slice against the whole result."""
    cp_cases.launch(cp_cases.check_attention, world, tmp_path)


def test_a_whole_tiny_wan_forward_sharded_over_two_ranks_equals_one_process(tmp_path):
    import plan_docs
    from lvsa_worker.attention import AttentionRuntime, TokenLayout
    from lvsa_worker.models import presets, wan
    from lvsa_worker.plan import parse_plan

    frames = 25
    backends = ["reference", "sdpa-gather"]
    cp_cases.launch(cp_cases.wan_forward, 2, tmp_path, backends, frames, str(tmp_path))
    model = presets._wan_transformer(7).eval()
    t = plan_docs.geometry("tiny-wan", frames)["latent_frames"]
    plan = parse_plan(plan_docs.frame_blocks("tiny-wan", frames, 1, [plan_docs.band_rows(t, 1, anchors=(0,))], [0]))
    g = plan.geometry
    gen = torch.Generator().manual_seed(11)
    inputs = dict(hidden_states=torch.randn(1, 16, t, 8, 12, generator=gen), timestep=torch.tensor([700.0]),
                  encoder_hidden_states=presets.wan_prompt_embeds("a boat"), return_dict=False)
    with torch.no_grad():
        dense = model(**inputs)[0]
    for backend_name in backends:
        runtime = AttentionRuntime(plan, resolve(backend_name, "cpu", False),
                                   TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
                                   device=cp_cases.CPU, dtype=torch.float32,
                                   num_heads=model.config.num_attention_heads,
                                   head_dim=model.config.attention_head_dim)
        runtime.begin_step(0)
        restore = wan.install([model], runtime)
        try:
            with torch.no_grad():
                expected = model(**inputs)[0]
        finally:
            restore()
        actual = torch.load(tmp_path / f"{backend_name}.pt")
        torch.testing.assert_close(actual, expected, **cp_cases.FP32)
        assert (expected - dense).abs().max() > 1e-4  # the plan's mask really shapes the output


def test_a_degree_that_does_not_divide_the_heads_is_refused_before_any_work():
    sp = SequenceParallel(group=None, degree=5, rank=0)  # no process group: nothing may be communicated
    with pytest.raises(ValueError, match=r"^12 attention heads cannot be split over 5 ranks .*1, 2, 3, 4, 6, 12$"):
        UlyssesBackend(resolve("sdpa-gather", "cpu", False), sp, num_heads=12)
    with pytest.raises(ValueError, match="40 attention heads cannot be split over 3 ranks"):
        check_degree(40, 3)
    with pytest.raises(ValueError, match="at least 1"):
        check_degree(12, 0)
    check_degree(12, 4)


def test_wan_blocks_are_not_sharded_without_the_ulysses_runtime():
    """Sharding blocks whose self-attention would see only the local slice is refused."""
    from lvsa_worker.models import presets
    from lvsa_worker.parallel.wan import shard_blocks

    model = presets._wan_transformer(7)
    with pytest.raises(ValueError, match="block 0: self-attention processor .* is not the plan processor"):
        shard_blocks([model], SequenceParallel(group=None, degree=2, rank=0))


def test_the_collective_backend_follows_the_device():
    assert [dist_backend_for(d) for d in ("cuda", "npu", "cpu")] == ["nccl", "hccl", "gloo"]
    with pytest.raises(ValueError, match="no torch.distributed backend for device type 'mps'"):
        dist_backend_for("mps")


def test_degree_one_runs_the_backend_directly():
    """One rank: the wrapper hands the tensors to the backend untouched (no process group exists here)."""
    from lvsa_worker.attention import TokenLayout
    from lvsa_worker.plan import FrameMask

    inner = resolve("sdpa-gather", "cpu", False)
    wrapped = UlyssesBackend(inner, SequenceParallel.single(), num_heads=3)
    layout = TokenLayout(3, 4)
    mask = FrameMask("m", 3, (((0, 1),), ((1, 1),), ((0, 0), (2, 2))))
    q, k, v = (torch.randn(1, 12, 3, 8) for _ in range(3))
    kwargs = dict(device=cp_cases.CPU, dtype=torch.float32, num_heads=3, head_dim=8)
    expected = inner.run(inner.prepare(mask, layout, **kwargs), q, k, v)
    assert torch.equal(wrapped.run(wrapped.prepare(mask, layout, **kwargs), q, k, v), expected)
