"""Step tracking inside the real diffusers pipelines: both classifier-free-guidance passes of a step use
that step's pattern, steps count across the Wan 2.2 expert switch, and every layer call of step s runs
the state prepared for step s's pattern."""

import plan_docs
import pytest
import torch

from lvsa_worker.attention import AttentionRuntime, TokenLayout, install_step_tracking
from lvsa_worker.attention.sdpa_gather import SdpaGatherBackend
from lvsa_worker.generate import JobSpec, _call_pipeline
from lvsa_worker.plan import parse_plan

FRAMES, STEPS = 25, 4


class SpyBackend(SdpaGatherBackend):
    """sdpa-gather that remembers, for every call, the step and which prepared state it ran."""

    def __init__(self):
        self.calls = []
        self.prepared_for = {}

    def prepare(self, mask, layout, **kwargs):
        prepared = super().prepare(mask, layout, **kwargs)
        self.prepared_for[mask.key] = prepared
        return prepared

    def run(self, prepared, q, k, v, text=None, scale=None):
        self.calls.append((self.runtime.step, prepared))
        return super().run(prepared, q, k, v, text=text, scale=scale)


def run_tracked(model_cache, name, guidance):
    model, _ = model_cache.get(name, torch.device("cpu"), torch.float32)
    plan = parse_plan(plan_docs.rotating_bands(name, FRAMES, STEPS, half_width=1,
                                               anchor_sets=((0, 3), (0, 4), (0, 5))))
    g = plan.geometry
    spy = SpyBackend()
    runtime = AttentionRuntime(plan, spy, TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
                               device=torch.device("cpu"), dtype=torch.float32, num_heads=model.num_heads,
                               head_dim=model.head_dim)
    spy.runtime = runtime
    restore_processors = model.adapter.install(model.transformers, runtime)
    remove_tracking = install_step_tracking(model.pipe, runtime, model.transformers)
    try:
        spec = JobSpec(model=name, plan="unused", frames=FRAMES, height=64, width=96, steps=STEPS, seed=0,
                       out="unused.mp4", device="cpu", guidance=guidance)
        _call_pipeline(spec, model)
    finally:
        remove_tracking()
        restore_processors()
    return model, plan, runtime, spy


def layers(model):
    return sum(len(model.adapter.self_attention_modules(t)) for t in model.transformers[:1])


def check_every_call_used_its_steps_pattern(plan, spy):
    for step, prepared in spy.calls:
        assert prepared is spy.prepared_for[plan.mask_for_step(step).key]


@pytest.mark.parametrize("guidance, passes", [(5.0, 2), (1.0, 1)], ids=["cfg-on", "cfg-off"])
def test_wan_cfg_passes_share_one_step(model_cache, guidance, passes):
    model, plan, runtime, spy = run_tracked(model_cache, "tiny-wan", guidance)
    assert [r.step for r in runtime.records] == [0, 1, 2, 3]
    assert [r.transformer_calls for r in runtime.records] == [passes] * STEPS
    assert [r.attention_calls for r in runtime.records] == [passes * layers(model)] * STEPS
    assert [r.pattern for r in runtime.records] == ["pattern-0", "pattern-1", "pattern-2", "pattern-0"]
    check_every_call_used_its_steps_pattern(plan, spy)
    assert len(spy.prepared_for) == 3  # built once per pattern, reused by the fourth step
    assert all(r.latency_s is not None and r.latency_s > 0 for r in runtime.records)


def test_wan22_steps_count_across_the_expert_switch(model_cache):
    model, plan, runtime, spy = run_tracked(model_cache, "tiny-wan22", 5.0)
    assert len(model.transformers) == 2
    experts = [r.experts for r in runtime.records]
    # boundary_ratio 0.875: the high-noise expert (0) first, then the low-noise one (1), two passes each.
    assert experts[0] == [0, 0] and experts[-1] == [1, 1]
    assert all(e in ([0, 0], [1, 1]) for e in experts)
    assert [r.step for r in runtime.records] == [0, 1, 2, 3]
    assert [r.pattern for r in runtime.records] == ["pattern-0", "pattern-1", "pattern-2", "pattern-0"]
    check_every_call_used_its_steps_pattern(plan, spy)


def test_hv15_cfg_passes_share_one_step_and_text_is_joint(model_cache):
    model, plan, runtime, spy = run_tracked(model_cache, "tiny-hv15", 5.0)
    assert [r.transformer_calls for r in runtime.records] == [2] * STEPS
    assert [r.attention_calls for r in runtime.records] == [2 * layers(model)] * STEPS
    check_every_call_used_its_steps_pattern(plan, spy)


def test_tracking_hooks_come_off(model_cache):
    model, _, _, _ = run_tracked(model_cache, "tiny-wan", 1.0)
    assert "step" not in model.pipe.scheduler.__dict__
    assert all(not t._forward_pre_hooks for t in model.transformers)


def test_a_pipeline_running_more_steps_than_planned_is_stopped():
    plan = parse_plan(plan_docs.dense(steps=2))
    runtime = AttentionRuntime(plan, SdpaGatherBackend(), TokenLayout(17, 24), device=torch.device("cpu"),
                               dtype=torch.float32, num_heads=2, head_dim=32)
    runtime.on_transformer_call()
    runtime.end_step()
    runtime.on_transformer_call()
    runtime.end_step()
    with pytest.raises(RuntimeError, match="outside the plan's 2 steps"):
        runtime.on_transformer_call()
