"""Ulysses sequence parallelism around the unchanged attention backends.

Token distribution over ``degree`` ranks (the one convention every piece here follows):

* the ``V`` video tokens are cut into ``degree`` contiguous slices of ``ceil(V / degree)`` tokens; rank ``r``
  holds slice ``r``; when ``degree`` does not divide ``V`` the last slice(s) are padded with zeros;
* the ``L`` joint text tokens (HunyuanVideo 1.5; ``L = 0`` for Wan) are replicated: every rank holds all of
  them, after its video slice. A rank's attention input is therefore ``(B, ceil(V / degree) + L, H, D)``.

Attention (:meth:`UlyssesBackend.run`): one all-to-all trades each rank's video slice of all ``H`` heads for
all video tokens of ``H / degree`` heads; the padding is cut off (so no padded key is ever attended); the
replicated text tokens of those heads are appended; the wrapped backend runs its prepared state of the
plan's step over the whole sequence ``(B, V + L, H / degree, D)``; a second all-to-all returns the video
outputs to their slices, and an all-gather over heads rebuilds the replicated text outputs. The plan
describes the whole sequence and is executed as is: nothing about the pattern changes with the degree.

Head counts that ``degree`` does not divide are refused before any work (:func:`check_degree`). The
collectives carry no autograd: this is for inference.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

from ..attention.base import AttentionBackend, Prepared, TextKeys, TokenLayout

# torch.distributed backend per device type: NCCL on CUDA, HCCL (torch_npu) on Ascend, gloo on CPU.
DIST_BACKENDS = {"cuda": "nccl", "npu": "hccl", "cpu": "gloo"}


def dist_backend_for(device_type: str) -> str:
    try:
        return DIST_BACKENDS[device_type]
    except KeyError:
        raise ValueError(
            f"no torch.distributed backend for device type {device_type!r}; known: "
            + ", ".join(f"{d} -> {b}" for d, b in DIST_BACKENDS.items())
        ) from None


def check_degree(num_heads: int, degree: int) -> None:
    """Refuse (ValueError, one line) a degree that does not divide the attention heads."""
    if degree < 1:
        raise ValueError(f"sequence-parallel degree must be at least 1, got {degree}")
    if num_heads % degree:
        fits = [n for n in range(1, num_heads + 1) if num_heads % n == 0]
        raise ValueError(
            f"{num_heads} attention heads cannot be split over {degree} ranks (Ulysses gives every rank "
            f"heads / degree heads); use a degree among {', '.join(map(str, fits))}"
        )


@dataclass(frozen=True)
class SequenceParallel:
    """The ranks one video is spread over: a process group (None: the default group), its size and our rank."""

    group: object | None
    degree: int
    rank: int

    @staticmethod
    def current(group=None) -> SequenceParallel:
        """The initialised process group ``group`` (default: the world)."""
        if not dist.is_available() or not dist.is_initialized():
            raise RuntimeError("sequence parallelism needs torch.distributed initialised (init_process_group)")
        return SequenceParallel(group, dist.get_world_size(group), dist.get_rank(group))

    @staticmethod
    def single() -> SequenceParallel:
        """Degree 1: no communication at all (the wrapper calls the backend directly)."""
        return SequenceParallel(None, 1, 0)

    def local_tokens(self, total: int) -> int:
        """Tokens per rank for a sequence of ``total`` tokens: ``ceil(total / degree)``."""
        return -(-total // self.degree)

    def shard(self, x: torch.Tensor, dim: int = 1) -> torch.Tensor:
        """This rank's contiguous slice of ``x`` along ``dim`` (zero-padded when ``degree`` does not divide it)."""
        if self.degree == 1:
            return x
        total = x.shape[dim]
        local = self.local_tokens(total)
        start = self.rank * local
        stop = min(start + local, total)
        piece = x.narrow(dim, min(start, total), max(0, stop - start))
        if piece.shape[dim] == local:
            return piece
        pad_shape = list(x.shape)
        pad_shape[dim] = local - piece.shape[dim]
        return torch.cat([piece, x.new_zeros(pad_shape)], dim=dim)

    def gather(self, x: torch.Tensor, total: int, dim: int = 1) -> torch.Tensor:
        """The inverse of :meth:`shard`: every rank's slice joined along ``dim``, padding cut to ``total``."""
        if self.degree == 1:
            return x
        if x.shape[dim] != self.local_tokens(total):
            raise ValueError(
                f"rank {self.rank}: slice of {x.shape[dim]} tokens along dim {dim}, expected "
                f"ceil({total} / {self.degree}) = {self.local_tokens(total)}"
            )
        parts = [torch.empty_like(x) for _ in range(self.degree)]
        dist.all_gather(parts, x.contiguous(), group=self.group)
        return torch.cat(parts, dim=dim).narrow(dim, 0, total)

    def all_to_all(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` is ``(degree, ...)``; row ``j`` goes to rank ``j``; the result's row ``i`` came from rank ``i``."""
        x = x.contiguous()
        out = torch.empty_like(x)
        dist.all_to_all_single(out, x, group=self.group)
        return out


def join_launcher_group(device_name: str) -> tuple[SequenceParallel, str]:
    """Join the process group of a ``torch.distributed.run`` launch (``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK`` and
    the rendezvous in the environment); returns the group and this rank's device name (``cuda:<LOCAL_RANK>`` /
    ``npu:<LOCAL_RANK>`` for an unindexed ``cuda``/``npu``/``auto``; ``cpu`` stays ``cpu``).

    The collective backend follows the device: nccl, hccl or gloo."""
    missing = [name for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK") if name not in os.environ]
    if missing:
        raise ValueError(f"sequence parallelism needs a torch.distributed.run launch; {', '.join(missing)} not set")
    from .. import devices

    device = devices.resolve_device(device_name)
    local = int(os.environ["LOCAL_RANK"])
    if device.type in ("cuda", "npu") and device.index is None:
        device = torch.device(device.type, local)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    elif device.type == "npu":
        torch.npu.set_device(device)
    if not dist.is_initialized():
        dist.init_process_group(dist_backend_for(device.type))
    return SequenceParallel.current(), str(device)


class UlyssesPrepared(Prepared):
    """The wrapped backend's state for the local heads, plus the layout of the whole sequence."""

    def __init__(self, inner: Prepared, layout: TokenLayout):
        self.inner = inner
        self.layout = layout
        self.frame_density = inner.frame_density
        note = getattr(inner, "inner_note", "")
        if note:
            self.inner_note = note


class UlyssesBackend(AttentionBackend):
    """Runs ``inner`` (any registered backend) under Ulysses sequence parallelism over ``sp``.

    ``num_heads`` is checked against the degree here, before any step is prepared or any tensor moves.
    The name stays the wrapped backend's (that is the kernel that runs); ``degree`` says how many ranks share it.
    """

    def __init__(self, inner: AttentionBackend, sp: SequenceParallel, num_heads: int):
        check_degree(num_heads, sp.degree)
        self.inner = inner
        self.sp = sp
        self.num_heads = num_heads
        self.name = inner.name
        self.devices = inner.devices
        self.supports_score_transform = inner.supports_score_transform
        self.supports_padded_text = inner.supports_padded_text
        self.install_hint = inner.install_hint

    @property
    def degree(self) -> int:
        return self.sp.degree

    def unavailable_reason(self, device_type: str) -> str | None:
        return self.inner.unavailable_reason(device_type)

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None):
        if num_heads != self.num_heads:
            raise ValueError(f"step prepared for {num_heads} heads, but the wrapper was built for {self.num_heads}")
        check_degree(num_heads, self.sp.degree)
        inner = self.inner.prepare(
            mask, layout, device=device, dtype=dtype, num_heads=num_heads // self.sp.degree, head_dim=head_dim,
            score_transform=score_transform,
        )
        return UlyssesPrepared(inner, layout)

    def local_sequence(self, layout: TokenLayout) -> int:
        """Tokens of one rank's attention input: its video slice plus the replicated text."""
        return self.sp.local_tokens(layout.video_tokens) + layout.text_tokens

    def run(self, prepared: UlyssesPrepared, q, k, v, text: TextKeys | None = None, scale=None):
        layout, sp = prepared.layout, self.sp
        if sp.degree == 1:
            return self.inner.run(prepared.inner, q, k, v, text=text, scale=scale)
        if q.dim() != 4 or q.shape != k.shape or k.shape != v.shape:
            raise ValueError(f"q, k, v must share one (B, S_local, H, D) shape; got {tuple(q.shape)}, "
                             f"{tuple(k.shape)}, {tuple(v.shape)}")
        b, s_local, h, d = q.shape
        nv, lt = layout.video_tokens, layout.text_tokens
        v_local = sp.local_tokens(nv)
        if s_local != v_local + lt:
            raise ValueError(
                f"rank {sp.rank}: local sequence {s_local} != ceil(video_tokens / degree) + text_tokens = "
                f"ceil({nv} / {sp.degree}) + {lt}"
            )
        if h != self.num_heads:
            raise ValueError(f"rank {sp.rank}: {h} heads in q, k, v, expected {self.num_heads}")
        hl = h // sp.degree
        heads = slice(sp.rank * hl, (sp.rank + 1) * hl)

        # Sequence slices -> head slices, q, k, v in one exchange: (degree, 3, B, v_local, hl, D).
        qkv = torch.stack([q[:, :v_local], k[:, :v_local], v[:, :v_local]])
        sent = qkv.reshape(3, b, v_local, sp.degree, hl, d).permute(3, 0, 1, 2, 4, 5)
        got = sp.all_to_all(sent)  # got[i] = rank i's video slice for our heads
        video = got.permute(1, 2, 0, 3, 4, 5).reshape(3, b, sp.degree * v_local, hl, d)[:, :, :nv]
        if lt:
            text_qkv = torch.stack([q[:, v_local:, heads], k[:, v_local:, heads], v[:, v_local:, heads]])
            video = torch.cat([video, text_qkv], dim=2)
        full_q, full_k, full_v = (t.contiguous() for t in video.unbind(0))

        out = self.inner.run(prepared.inner, full_q, full_k, full_v, text=text, scale=scale)

        # Head slices -> sequence slices: (degree, B, v_local, hl, D), row j = rank j's video slice.
        video_out = out[:, :nv]
        pad = sp.degree * v_local - nv
        if pad:
            video_out = torch.cat([video_out, video_out.new_zeros(b, pad, hl, d)], dim=1)
        back = sp.all_to_all(video_out.reshape(b, sp.degree, v_local, hl, d).permute(1, 0, 2, 3, 4))
        local = back.permute(1, 2, 0, 3, 4).reshape(b, v_local, h, d)  # back[j] = our slice, heads of rank j
        if not lt:
            return local
        text_out = out[:, nv:].contiguous()
        parts = [torch.empty_like(text_out) for _ in range(sp.degree)]
        dist.all_gather(parts, text_out, group=sp.group)
        return torch.cat([local, torch.cat(parts, dim=2)], dim=1)
