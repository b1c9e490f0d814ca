"""What every attention backend shares: the token layout, the text-key validity, the backend interface.

Tensors are ``(B, S, H, D)`` (batch, tokens, heads, head dim) like diffusers' attention processors, with
``S = latent_frames * tokens_per_frame + text_tokens``: video tokens frame by frame, then text tokens.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import torch

from ..plan import FrameMask, UltraViCo


@dataclass(frozen=True)
class TokenLayout:
    """``latent_frames`` frames of ``tokens_per_frame`` video tokens, then ``text_tokens`` text tokens."""

    latent_frames: int
    tokens_per_frame: int
    text_tokens: int = 0

    @property
    def video_tokens(self) -> int:
        return self.latent_frames * self.tokens_per_frame

    @property
    def sequence_tokens(self) -> int:
        return self.video_tokens + self.text_tokens

    def check(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> None:
        """Raise ValueError quoting the shapes when ``q, k, v`` do not fit this layout."""
        if q.dim() != 4 or q.shape != k.shape or k.shape != v.shape:
            raise ValueError(f"q, k, v must share one (B, S, H, D) shape; got {tuple(q.shape)}, "
                             f"{tuple(k.shape)}, {tuple(v.shape)}")
        if q.shape[1] != self.sequence_tokens:
            raise ValueError(
                f"sequence length {q.shape[1]} != latent_frames * tokens_per_frame + text_tokens = "
                f"{self.latent_frames} * {self.tokens_per_frame} + {self.text_tokens}"
            )


@dataclass(frozen=True)
class TextKeys:
    """Which text tokens are real (True) and which are padding, per batch item.

    ``valid`` is ``(B, text_tokens)`` bool on the device. ``prefix_lengths`` is filled (on the host) when every
    item's real tokens come first, as HunyuanVideo 1.5 arranges them; backends use it to drop the padding
    instead of masking it. Padding keys are attended by nobody; padding queries get a zero output (what
    PyTorch's SDPA gives a fully masked row).
    """

    valid: torch.Tensor
    prefix_lengths: tuple[int, ...] | None

    @staticmethod
    def from_mask(mask: torch.Tensor) -> TextKeys | None:
        """Build from a ``(B, text_tokens)`` mask (nonzero = real). None when nothing is padding.

        Reads the mask on the host once (call it once per transformer forward, not per layer).
        """
        valid = mask.to(torch.bool)
        host = valid.cpu()
        if bool(host.all()):
            return None
        lengths = host.sum(dim=1)
        positions = torch.arange(host.shape[1]).unsqueeze(0)
        is_prefix = bool((host == (positions < lengths.unsqueeze(1))).all())
        return TextKeys(valid, tuple(int(n) for n in lengths) if is_prefix else None)

    @property
    def uniform_prefix(self) -> int | None:
        """The common number of real tokens when every item is a prefix of the same length."""
        if self.prefix_lengths and len(set(self.prefix_lengths)) == 1:
            return self.prefix_lengths[0]
        return None


class Prepared:
    """A backend's per-step state, built once at the step boundary and reused by every layer.

    ``frame_density`` is the density of what the backend will execute, computed from its own structures
    (index tensors, masks, block lists), not copied from the plan.
    """

    frame_density: float
    #: The order the step's video frames must reach the backend in (a device int64 tensor of frame indices), or
    #: None: natural order. Only a backend with ``supports_frame_reorder`` sets it, only when asked to.
    frame_order: torch.Tensor | None = None


class AttentionBackend(ABC):
    """One way to execute a step's frame mask. Subclasses fill the class attributes and both methods."""

    name: str = ""
    devices: tuple[str, ...] = ()
    supports_score_transform: bool = False
    # whether run() honours padded (masked) joint text tokens, as HunyuanVideo 1.5 always has
    supports_padded_text: bool = True
    # whether prepare() takes ``frame_reorder=True``: the model adapter can feed the step's frames in the order
    # the prepared state names (``Prepared.frame_order``) and take the output back in that order
    supports_frame_reorder: bool = False
    install_hint: str = ""

    def unavailable_reason(self, device_type: str) -> str | None:
        """None when the backend can run on ``device_type``; else why not (one line, with an install hint)."""
        if device_type not in self.devices:
            return f"backend {self.name} runs on {', '.join(self.devices)}, not {device_type}"
        return None

    @abstractmethod
    def prepare(
        self,
        mask: FrameMask,
        layout: TokenLayout,
        *,
        device: torch.device,
        dtype: torch.dtype,
        num_heads: int,
        head_dim: int,
        score_transform: UltraViCo | None = None,
    ) -> Prepared:
        """Build the step's state from its frame mask (called once per denoising step)."""

    @abstractmethod
    def run(
        self,
        prepared: Prepared,
        q: torch.Tensor,
        k: torch.Tensor,
        v: torch.Tensor,
        text: TextKeys | None = None,
        scale: float | None = None,
    ) -> torch.Tensor:
        """Attention output ``(B, S, H, D)`` for ``q, k, v`` of shape ``(B, S, H, D)``."""


def frames_in_order(x: torch.Tensor, order: torch.Tensor, dim: int, frames: int) -> torch.Tensor:
    """``x`` with the ``frames`` equal parts of dimension ``dim`` (its frames of tokens) taken in ``order``: how a
    model adapter feeds a step's frames in a backend's order (``Prepared.frame_order``), and puts them back with
    ``order.argsort()``."""
    shape = x.shape
    parts = x.reshape(*shape[:dim], frames, shape[dim] // frames, *shape[dim + 1:])
    return parts.index_select(dim, order).reshape(shape)


def zero_padded_text_queries(out: torch.Tensor, layout: TokenLayout, text: TextKeys | None) -> torch.Tensor:
    """Padding text queries attend nothing: their output is zero (in place on ``out``)."""
    if text is not None and layout.text_tokens:
        out[:, layout.video_tokens :] *= text.valid[:, :, None, None].to(out.dtype)
    return out


def key_validity(text: TextKeys | None, batch: int, video_keys: int) -> torch.Tensor | None:
    """``(B, video_keys + text_tokens)`` bool on ``text.valid``'s device: False for padding text keys, True for
    every other key; None when no text is padding."""
    if text is None:
        return None
    video = torch.ones(batch, video_keys, dtype=torch.bool, device=text.valid.device)
    return torch.cat([video, text.valid], dim=1)


def text_key_mask(text: TextKeys | None, batch: int, video_keys: int) -> torch.Tensor | None:
    """``(B, 1, 1, video_keys + text_tokens)`` bool key mask for SDPA, or None when no text is padding."""
    valid = key_validity(text, batch, video_keys)
    return None if valid is None else valid[:, None, None, :]
