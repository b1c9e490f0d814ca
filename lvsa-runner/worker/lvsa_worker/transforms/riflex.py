"""RIFLEx: lower one temporal RoPE frequency of the loaded model (arXiv 2502.15894, schema ``$defs/riflex``).

The temporal frequencies are read from the model itself: its RoPE module is run on a probe of two latent
frames and the angle of each temporal column at frame 1 is that column's frequency ``theta_j``. Nothing
about the base (10000 for Wan, 256 for HunyuanVideo 1.5) or the temporal width is assumed here.

Then ``k`` (1-based) is the index whose period ``round(2*pi/theta_k)`` is closest to the plan's
``repeat_latent_frames`` (ties: the smaller k) unless the plan gives it, and when the generated latent
frames ``L`` exceed that period, ``theta_k`` becomes ``scale * 2*pi / L``. The change is a forward hook on
the RoPE module that rewrites the two table columns of frequency k; removing the hook restores the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from ..errors import UnsupportedFeature
from ..plan import Riflex


@dataclass(frozen=True)
class RopeLayout:
    """Where the temporal part of a RoPE table sits: columns ``[0, temporal_dims)``, pairs (2j, 2j+1)."""

    temporal_dims: int
    patch: tuple[int, int, int]


def rope_layout(rope: torch.nn.Module) -> RopeLayout:
    """The temporal width and patch of a diffusers RoPE module (Wan or HunyuanVideo 1.5)."""
    if hasattr(rope, "t_dim") and hasattr(rope, "patch_size"):  # WanRotaryPosEmbed
        return RopeLayout(int(rope.t_dim), tuple(int(p) for p in rope.patch_size))
    if hasattr(rope, "rope_dim") and hasattr(rope, "patch_size_t"):  # HunyuanVideo15RotaryPosEmbed
        p = int(rope.patch_size)
        return RopeLayout(int(rope.rope_dim[0]), (int(rope.patch_size_t), p, p))
    raise UnsupportedFeature(f"RIFLEx: unknown RoPE module {type(rope).__name__}")


def _tables(output) -> tuple[torch.Tensor, torch.Tensor]:
    """The (cos, sin) tables of a RoPE output as ``(tokens, dims)`` views (writing to them edits the output)."""
    cos, sin = output
    return cos.view(-1, cos.shape[-1]), sin.view(-1, sin.shape[-1])


def _probe(rope: torch.nn.Module, layout: RopeLayout, frames: int = 2) -> tuple[torch.Tensor, torch.Tensor]:
    pt, ph, pw = layout.patch
    device = next((b.device for b in rope.buffers()), torch.device("cpu"))
    probe = torch.zeros(1, 1, frames * pt, ph, pw, device=device)
    with torch.no_grad():
        return _tables(rope(probe))


def temporal_frequencies(rope: torch.nn.Module) -> list[float]:
    """``theta_j`` for ``j = 1 .. temporal_dims / 2`` as the model computes them."""
    layout = rope_layout(rope)
    cos, sin = _probe(rope, layout)
    columns = range(0, layout.temporal_dims, 2)
    return [math.atan2(float(sin[1, c]), float(cos[1, c])) for c in columns]


def period(theta: float) -> int:
    return round(2 * math.pi / theta)


def choose_k(thetas: list[float], repeat_latent_frames: int) -> int:
    """1-based k whose period is closest to ``repeat_latent_frames`` (the smaller k on ties)."""
    gaps = [abs(period(t) - repeat_latent_frames) for t in thetas]
    return gaps.index(min(gaps)) + 1


@dataclass(frozen=True)
class RiflexDecision:
    k: int
    theta: float
    period: int
    new_theta: float | None  # None when L does not exceed the period (nothing changes)

    def as_dict(self) -> dict:
        return {"k": self.k, "theta": self.theta, "period": self.period, "new_theta": self.new_theta}


def decide(thetas: list[float], spec: Riflex, latent_frames: int) -> RiflexDecision:
    k = spec.k if spec.k is not None else choose_k(thetas, spec.repeat_latent_frames)
    if not 1 <= k <= len(thetas):
        raise UnsupportedFeature(f"rope_transform.k = {k} but the model has {len(thetas)} temporal frequencies")
    theta = thetas[k - 1]
    p = period(theta)
    new_theta = spec.scale * 2 * math.pi / latent_frames if latent_frames > p else None
    return RiflexDecision(k, theta, p, new_theta)


def apply(rope: torch.nn.Module, decision: RiflexDecision):
    """Install the frequency change on ``rope``; returns the hook handle (``.remove()`` undoes it)."""
    layout = rope_layout(rope)
    pt, ph, pw = layout.patch
    column = 2 * (decision.k - 1)

    def rewrite(module, args, output):
        if decision.new_theta is None:
            return output
        hidden = args[0]
        tokens_per_frame = (hidden.shape[3] // ph) * (hidden.shape[4] // pw)
        cos, sin = _tables(output)
        frame = torch.arange(cos.shape[0], device=cos.device) // tokens_per_frame
        angle = frame.to(torch.float64) * decision.new_theta
        cos[:, column : column + 2] = torch.cos(angle).to(cos.dtype)[:, None]
        sin[:, column : column + 2] = torch.sin(angle).to(sin.dtype)[:, None]
        return output

    # first among the RoPE hooks: the rewrite reads each token's frame from its position, so it must see the
    # tables in natural order, before an adapter's frame reorder (models/wan.py) permutes them
    return rope.register_forward_hook(rewrite, prepend=True)
