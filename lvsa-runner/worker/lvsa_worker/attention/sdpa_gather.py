"""``sdpa-gather``: pure PyTorch frame-block-sparse attention (CUDA, NPU, CPU).

At step start (``prepare``) the query frames are grouped by how many key frames they attend (LVSA rows
all have one length within a step; user patterns may not), and each group gets two index tensors:
its query frames ``(m,)`` and their key frames ``(m, n)``. Per layer (``run``) each group is processed in
chunks of query frames: the chunk's key/value frames are gathered into a compact ``(B*c, n*P, H, D)``
buffer, the text keys appended, and one batched ``scaled_dot_product_attention`` call computes the chunk.
Text queries attend every key with one dense SDPA call. The per-layer call does no index work and no
host synchronisation; chunk sizes follow from shapes alone.

A full mask (a dense plan, or a frame mask with no gaps) takes the plain SDPA path: the same kernel the
model's own attention uses.

Example (checked against the reference in the tests)::

    >>> import torch
    >>> from lvsa_worker.plan import FrameMask
    >>> from lvsa_worker.attention.base import TokenLayout
    >>> layout = TokenLayout(latent_frames=3, tokens_per_frame=4)
    >>> mask = FrameMask("p0", 3, (((0, 1),), ((0, 1),), ((0, 0), (2, 2))))
    >>> backend = SdpaGatherBackend()
    >>> prep = backend.prepare(mask, layout, device=torch.device("cpu"), dtype=torch.float32,
    ...                        num_heads=2, head_dim=8)
    >>> q = k = v = torch.randn(1, 12, 2, 8)
    >>> backend.run(prep, q, k, v).shape
    torch.Size([1, 12, 2, 8])
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .base import AttentionBackend, Prepared, TextKeys, TokenLayout, text_key_mask, zero_padded_text_queries
from .registry import register

# Bytes of gathered K+V per chunk; bounded so a 6x Wan 1.3B step stays well inside an 80 GB card.
DEFAULT_CHUNK_BYTES = {"cuda": 4 << 30, "npu": 2 << 30, "cpu": 256 << 20}
CHUNK_ENV = "LVSA_GATHER_CHUNK_BYTES"


@dataclass
class FrameGroup:
    """Query frames that attend the same number ``n`` of key frames."""

    query_frames: torch.Tensor  # (m,) int64, on the device
    key_frames: torch.Tensor  # (m, n) int64, on the device
    n: int

    @property
    def m(self) -> int:
        return int(self.query_frames.shape[0])


class GatherPrepared(Prepared):
    def __init__(self, layout: TokenLayout, groups: list[FrameGroup] | None, chunk_bytes: int):
        self.layout = layout
        self.groups = groups  # None = full mask: plain SDPA
        self.chunk_bytes = chunk_bytes
        t = layout.latent_frames
        if groups is None:
            self.frame_density = 1.0
        else:
            self.frame_density = sum(g.m * g.n for g in groups) / float(t * t)


class SdpaGatherBackend(AttentionBackend):
    name = "sdpa-gather"
    devices = ("cuda", "npu", "cpu")
    supports_score_transform = False

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None):
        chunk_bytes = int(os.environ.get(CHUNK_ENV, DEFAULT_CHUNK_BYTES.get(device.type, 256 << 20)))
        if mask.is_full:
            return GatherPrepared(layout, None, chunk_bytes)
        by_length: dict[int, list[tuple[int, list[int]]]] = {}
        for q in range(mask.latent_frames):
            frames = mask.attended_frames(q)
            by_length.setdefault(len(frames), []).append((q, frames))
        groups = []
        for n, members in sorted(by_length.items()):
            query_frames = torch.tensor([q for q, _ in members], dtype=torch.long)
            key_frames = torch.tensor([frames for _, frames in members], dtype=torch.long)
            groups.append(FrameGroup(query_frames.to(device), key_frames.to(device), n))
        return GatherPrepared(layout, groups, chunk_bytes)

    def run(self, prepared: GatherPrepared, q, k, v, text: TextKeys | None = None, scale=None):
        layout = prepared.layout
        layout.check(q, k, v)
        if prepared.groups is None:
            return _dense(q, k, v, layout, text, scale)
        b, _, h, d = q.shape
        t, p, nv, lt = layout.latent_frames, layout.tokens_per_frame, layout.video_tokens, layout.text_tokens
        out = torch.empty(q.shape, dtype=q.dtype, device=q.device)
        q_frames = q[:, :nv].reshape(b, t, p, h, d)
        k_frames = k[:, :nv].reshape(b, t, p, h, d)
        v_frames = v[:, :nv].reshape(b, t, p, h, d)
        out_frames = out[:, :nv].view(b, t, p, h, d)

        # Text keys every video query attends: drop padding when it is a common prefix, else mask it.
        text_k = text_v = None
        text_valid = None
        if lt:
            keep = lt
            if text is not None and text.uniform_prefix is not None:
                keep = text.uniform_prefix
            elif text is not None:
                text_valid = text.valid
            if keep:
                text_k, text_v = k[:, nv : nv + keep], v[:, nv : nv + keep]
        element = q.element_size()
        for group in prepared.groups:
            kv_tokens = group.n * p + (0 if text_k is None else text_k.shape[1])
            per_frame = 2 * b * kv_tokens * h * d * element
            chunk = max(1, prepared.chunk_bytes // per_frame)
            for start in range(0, group.m, chunk):
                qi = group.query_frames[start : start + chunk]
                ki = group.key_frames[start : start + chunk]
                c = qi.shape[0]
                qg = q_frames.index_select(1, qi).reshape(b * c, p, h, d)
                kg = k_frames.index_select(1, ki.reshape(-1)).reshape(b, c, group.n * p, h, d)
                vg = v_frames.index_select(1, ki.reshape(-1)).reshape(b, c, group.n * p, h, d)
                attn_mask = None
                if text_k is not None:
                    lk = text_k.shape[1]
                    kg = torch.cat([kg, text_k[:, None].expand(b, c, lk, h, d)], dim=2)
                    vg = torch.cat([vg, text_v[:, None].expand(b, c, lk, h, d)], dim=2)
                    if text_valid is not None:
                        video = torch.ones(b, c, group.n * p, dtype=torch.bool, device=q.device)
                        keys = torch.cat([video, text_valid[:, None].expand(b, c, lk)], dim=2)
                        attn_mask = keys.reshape(b * c, 1, 1, -1)
                kg = kg.reshape(b * c, kv_tokens, h, d)
                vg = vg.reshape(b * c, kv_tokens, h, d)
                o = F.scaled_dot_product_attention(
                    qg.transpose(1, 2), kg.transpose(1, 2), vg.transpose(1, 2), attn_mask=attn_mask, scale=scale
                )
                out_frames.index_copy_(1, qi, o.transpose(1, 2).reshape(b, c, p, h, d))
        if lt:
            attn_mask = text_key_mask(text, b, nv)
            o = F.scaled_dot_product_attention(
                q[:, nv:].transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), attn_mask=attn_mask, scale=scale
            )
            out[:, nv:] = o.transpose(1, 2)
        return zero_padded_text_queries(out, layout, text)


def _dense(q, k, v, layout: TokenLayout, text: TextKeys | None, scale):
    b = q.shape[0]
    attn_mask = text_key_mask(text, b, layout.video_tokens)
    out = F.scaled_dot_product_attention(
        q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), attn_mask=attn_mask, scale=scale
    ).transpose(1, 2)
    if text is not None:
        out = out.contiguous()
    return zero_padded_text_queries(out, layout, text)


register(SdpaGatherBackend())
