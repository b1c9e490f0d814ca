"""Frame reorder in the Wan adapter: split-lse names an order per step (anchors first), the adapter runs the
transformer call with its frames in that order, and the output is the reference's, unpermuted.

The sparse plan has anchors 0 and 5 of 7 latent frames, so split-lse's order (0, 5, 1, 2, 3, 4, 6) is not the
natural one; ``fbs`` is asked for split-lse on the CPU, where its ``auto`` would pick ``gather``.
"""

import plan_docs
import pytest
import torch
from test_adapters import FRAMES, runtime_for, sparse_doc, wan_inputs

from lvsa_worker.attention import install_step_tracking
from lvsa_worker.attention.runtime import FRAME_REORDER_ENV
from lvsa_worker.generate import JobSpec, _call_pipeline
from lvsa_worker.kernels.frame_block_sparse import auto_method_override
from lvsa_worker.models import presets, wan
from lvsa_worker.transforms import riflex

ANCHORS_FIRST = [0, 5, 1, 2, 3, 4, 6]


@pytest.fixture(scope="module")
def wan_model():
    return presets._wan_transformer(7).eval()


@pytest.fixture
def split_lse_on_cpu():
    with auto_method_override("split-lse", "cpu"):
        yield


@torch.no_grad()
def forward(model, backend, doc=None, **inputs):
    runtime = runtime_for(doc or sparse_doc("tiny-wan"), model, backend)
    restore = wan.install([model], runtime)
    try:
        out = model(**(wan_inputs() | inputs))[0]
        order = runtime.frame_order()
    finally:
        restore()
    assert runtime.records[0].attention_calls == len(model.blocks)
    return out, None if order is None else order.tolist()


def test_reordered_frames_give_the_reference_output(wan_model, split_lse_on_cpu):
    expected, _ = forward(wan_model, "reference")
    actual, order = forward(wan_model, "fbs")
    assert order == ANCHORS_FIRST  # the call really ran in compact order
    torch.testing.assert_close(actual, expected, atol=2e-5, rtol=1e-5)
    # and the hooks are gone afterwards: the model runs its own attention in natural order again
    assert not wan_model._forward_pre_hooks and not wan_model._forward_hooks and not wan_model.rope._forward_hooks


def test_reorder_can_be_switched_off(wan_model, split_lse_on_cpu, monkeypatch):
    monkeypatch.setenv(FRAME_REORDER_ENV, "off")
    expected, _ = forward(wan_model, "reference")
    actual, order = forward(wan_model, "fbs")
    assert order is None
    torch.testing.assert_close(actual, expected, atol=2e-5, rtol=1e-5)


def test_a_dense_step_keeps_the_natural_order(wan_model, split_lse_on_cpu):
    _, order = forward(wan_model, "fbs", doc=plan_docs.dense("tiny-wan", FRAMES, 1))
    assert order is None


def test_per_token_timesteps_follow_their_frames(wan_model, split_lse_on_cpu):
    # Wan 2.2 TI2V gives every token its own timestep; here each latent frame gets a different one
    tokens = 7 * (8 // 2) * (12 // 2)
    timestep = torch.linspace(100.0, 900.0, 7).repeat_interleave(tokens // 7).unsqueeze(0)
    expected, _ = forward(wan_model, "reference", timestep=timestep)
    actual, order = forward(wan_model, "fbs", timestep=timestep)
    assert order == ANCHORS_FIRST
    torch.testing.assert_close(actual, expected, atol=2e-5, rtol=1e-5)


def test_riflex_rewrites_positions_before_the_reorder(wan_model, split_lse_on_cpu):
    # RIFLEx's hook reads each token's frame from its position in the RoPE tables: natural order only
    decision = riflex.RiflexDecision(k=2, theta=0.5, period=12, new_theta=0.9)
    outputs = {}
    for backend in ("reference", "fbs"):
        runtime = runtime_for(sparse_doc("tiny-wan"), wan_model, backend)
        restore = wan.install([wan_model], runtime)  # the adapter's hooks first, as generate.py installs them
        handle = riflex.apply(wan_model.rope, decision)
        try:
            with torch.no_grad():
                outputs[backend] = wan_model(**wan_inputs())[0]
        finally:
            handle.remove()
            restore()
    without, _ = forward(wan_model, "reference")
    torch.testing.assert_close(outputs["fbs"], outputs["reference"], atol=2e-5, rtol=1e-5)
    assert (outputs["reference"] - without).abs().max() > 1e-4  # RIFLEx really changed the result


def recording(run, seen: list):
    """``run`` that first notes the frame order of the prepared state it is given."""
    def wrapped(prepared, *args, **kwargs):
        seen.append(prepared.frame_order)
        return run(prepared, *args, **kwargs)

    return wrapped


def test_each_denoising_step_runs_in_its_own_patterns_order(model_cache, split_lse_on_cpu):
    # the anchors rotate, so the order changes from step to step; the pipeline's step tracking begins each step
    # before the adapter asks for the order (its pre-hook comes first, whatever the install order)
    from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
    from lvsa_worker.plan import parse_plan

    model, _ = model_cache.get("tiny-wan", torch.device("cpu"), torch.float32)
    plan = parse_plan(plan_docs.rotating_bands("tiny-wan", FRAMES, 3, half_width=1,
                                               anchor_sets=((0, 3), (0, 4), (0, 5))))
    g = plan.geometry
    videos, orders = {}, {}
    for backend in ("reference", "fbs"):
        runtime = AttentionRuntime(plan, resolve(backend, "cpu", False),
                                   TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
                                   device=torch.device("cpu"), dtype=torch.float32, num_heads=model.num_heads,
                                   head_dim=model.head_dim)
        seen = []
        runtime.backend.run = recording(runtime.backend.run, seen)
        restore = model.adapter.install(model.transformers, runtime)
        remove = install_step_tracking(model.pipe, runtime, model.transformers)
        try:
            spec = JobSpec(model="tiny-wan", plan="unused", frames=FRAMES, height=64, width=96, steps=3, seed=0,
                           out="unused.mp4", device="cpu", guidance=1.0)
            videos[backend] = torch.as_tensor(_call_pipeline(spec, model))
        finally:
            remove()
            restore()
            del runtime.backend.run
        orders[backend] = [None if o is None else tuple(o.tolist()) for o in seen]
    layers = len(model.transformers[0].blocks)
    assert runtime.reordered_patterns() == ["pattern-0", "pattern-1", "pattern-2"]
    assert orders["fbs"] == [(0, 3, 1, 2, 4, 5, 6)] * layers + [(0, 4, 1, 2, 3, 5, 6)] * layers \
        + [(0, 5, 1, 2, 3, 4, 6)] * layers
    torch.testing.assert_close(videos["fbs"], videos["reference"], atol=1e-4, rtol=1e-4)
