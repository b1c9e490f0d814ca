"""RIFLEx: the frequencies read from the models' own RoPE equal theta_j = b^(-2(j-1)/d); k is the index
whose period is closest to N; the change rewrites exactly the two table columns of theta_k."""

import math

import pytest
import torch
from diffusers.models.transformers.transformer_hunyuan_video15 import HunyuanVideo15RotaryPosEmbed
from diffusers.models.transformers.transformer_wan import WanRotaryPosEmbed

from lvsa_worker.plan import Riflex
from lvsa_worker.transforms import riflex


def formula(base: float, temporal_dims: int) -> list[float]:
    return [base ** (-2 * (j - 1) / temporal_dims) for j in range(1, temporal_dims // 2 + 1)]


ROPES = {
    # name: (module, base, temporal dims)   real-size configs and the tiny presets' ones
    "wan-head128": (lambda: WanRotaryPosEmbed(128, (1, 2, 2), 1024), 10000.0, 44),
    "wan-tiny-head32": (lambda: WanRotaryPosEmbed(32, (1, 2, 2), 1024), 10000.0, 12),
    "hv15-16-56-56": (lambda: HunyuanVideo15RotaryPosEmbed(1, 1, [16, 56, 56], 256.0), 256.0, 16),
    "hv15-tiny-8-12-12": (lambda: HunyuanVideo15RotaryPosEmbed(1, 1, [8, 12, 12], 256.0), 256.0, 8),
}


@pytest.mark.parametrize("name", list(ROPES))
def test_frequencies_read_from_the_model_equal_the_formula(name):
    make, base, dims = ROPES[name]
    thetas = riflex.temporal_frequencies(make())
    assert len(thetas) == dims // 2
    assert thetas == pytest.approx(formula(base, dims), rel=1e-6)


def test_k_is_the_frequency_whose_period_is_closest_to_n():
    wan = riflex.temporal_frequencies(ROPES["wan-head128"][0]())
    assert [riflex.period(t) for t in wan[:5]] == [6, 10, 15, 22, 34]
    assert riflex.choose_k(wan, 21) == 4
    hv = riflex.temporal_frequencies(ROPES["hv15-16-56-56"][0]())
    assert [riflex.period(t) for t in hv[:5]] == [6, 13, 25, 50, 101]
    assert riflex.choose_k(hv, 50) == 4  # the published HunyuanVideo choice
    assert riflex.choose_k([1.0, 0.5], 9) == 1  # periods 6 and 13: tie at distance 3 -> smaller k


def test_decision_lowers_theta_k_only_past_its_period():
    thetas = formula(10000.0, 44)
    longer = riflex.decide(thetas, Riflex(repeat_latent_frames=21, scale=0.9), latent_frames=41)
    assert longer.k == 4 and longer.period == 22
    assert longer.new_theta == pytest.approx(0.9 * 2 * math.pi / 41)
    shorter = riflex.decide(thetas, Riflex(repeat_latent_frames=21, scale=0.9), latent_frames=21)
    assert shorter.new_theta is None
    given = riflex.decide(thetas, Riflex(repeat_latent_frames=21, scale=0.9, k=6), latent_frames=81)
    assert given.k == 6


@pytest.mark.parametrize("name", ["wan-tiny-head32", "hv15-tiny-8-12-12"])
def test_the_hook_rewrites_exactly_the_two_columns_of_theta_k_and_comes_off(name):
    make = ROPES[name][0]
    rope = make()
    probe = torch.zeros(1, 1, 7, 4, 6)  # 7 latent frames, 2x3 (Wan, patch 2) or 4x6 (HV) tokens per frame
    before = [t.clone() for t in rope(probe)]
    decision = riflex.RiflexDecision(k=2, theta=0.0, period=0, new_theta=0.3)
    handle = riflex.apply(rope, decision)
    after = rope(probe)
    cos_before, cos_after = before[0].reshape(-1, before[0].shape[-1]), after[0].reshape(-1, after[0].shape[-1])
    sin_after = after[1].reshape(-1, after[1].shape[-1])
    per_frame = cos_before.shape[0] // 7
    frames = torch.arange(cos_before.shape[0]) // per_frame
    for column in (2, 3):
        torch.testing.assert_close(cos_after[:, column].double(), torch.cos(frames * 0.3).double(), atol=1e-6, rtol=0)
        torch.testing.assert_close(sin_after[:, column].double(), torch.sin(frames * 0.3).double(), atol=1e-6, rtol=0)
    untouched = [c for c in range(cos_before.shape[1]) if c not in (2, 3)]
    assert torch.equal(cos_after[:, untouched], cos_before[:, untouched])
    handle.remove()
    assert torch.equal(rope(probe)[0], before[0])
