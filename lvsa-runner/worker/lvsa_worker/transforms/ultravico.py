"""UltraViCo's logit transform, exactly as the plan states it (schema ``$defs/ultravico``).

Before the softmax, for a video query at flattened video-token position ``i`` and a video key at ``j``:

* a positive logit with ``|i - j| > distance_tokens`` is multiplied by ``alpha``;
* a query of the first latent frame (``i < tokens_per_frame``) does not attend a video key with
  ``|i - j| > first_frame_key_limit_tokens``.

Text tokens (queries or keys) are never scaled or limited. The optional HunyuanVideo ``beta`` damping is
refused (its "near a multiple" width is not stated by the schema, so it cannot be executed exactly).

Two paths: :func:`ultravico_reference` (explicit scores, any device, memory ``O(S^2)`` per query chunk) and
:func:`ultravico_flex` (FlexAttention ``score_mod``; compiled it is a fused kernel on CUDA, and it also runs
on CPU, eager or compiled). Both accept a frame mask and text-key padding, so either can run any plan.
"""

from __future__ import annotations

import math

import torch

from ..errors import UnsupportedFeature
from ..plan import UltraViCo


def check_supported(params: UltraViCo) -> None:
    if params.beta is not None:
        raise UnsupportedFeature(
            "score_transform.beta (HunyuanVideo damping near multiples of beta_period_tokens) is not "
            "executed by this worker: the schema does not state how near counts as near"
        )


def _transform_scores(
    scores: torch.Tensor,
    query_pos: torch.Tensor,
    key_pos: torch.Tensor,
    video_tokens: int,
    tokens_per_frame: int,
    params: UltraViCo,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Scaled scores and the (query, key) pairs the first-frame rule forbids; positions are sequence indices."""
    dq = query_pos[:, None]
    dk = key_pos[None, :]
    both_video = (dq < video_tokens) & (dk < video_tokens)
    distance = (dq - dk).abs()
    far = both_video & (distance > params.distance_tokens)
    scores = torch.where(far & (scores > 0), scores * params.alpha, scores)
    forbidden = (dq < tokens_per_frame) & (dk < video_tokens) & (distance > params.first_frame_key_limit_tokens)
    return scores, forbidden


def ultravico_reference(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    *,
    video_tokens: int,
    tokens_per_frame: int,
    params: UltraViCo | None,
    allowed: torch.Tensor | None = None,
    key_valid: torch.Tensor | None = None,
    scale: float | None = None,
    query_chunk: int = 1024,
) -> torch.Tensor:
    """Explicit-score attention with UltraViCo (when ``params`` is given) and masks.

    q, k, v: ``(B, S, H, D)``. ``allowed``: ``(S, S)`` bool, the plan's token mask (None = all pairs).
    ``key_valid``: ``(B, S)`` bool (False = padding key). Scores are computed in float32; rows with no
    attended key give zero. Returns ``(B, S, H, D)`` in q's dtype.
    """
    if params is not None:
        check_supported(params)
    b, s, h, d = q.shape
    scale = 1.0 / math.sqrt(d) if scale is None else scale
    qf, kf, vf = (t.float().transpose(1, 2) for t in (q, k, v))  # (B, H, S, D)
    out = torch.empty(b, h, s, d, dtype=torch.float32, device=q.device)
    key_pos = torch.arange(s, device=q.device)
    for start in range(0, s, query_chunk):
        stop = min(start + query_chunk, s)
        query_pos = key_pos[start:stop]
        scores = torch.matmul(qf[:, :, start:stop], kf.transpose(-1, -2)) * scale  # (B, H, c, S)
        keep = torch.ones(stop - start, s, dtype=torch.bool, device=q.device)
        if allowed is not None:
            keep = keep & allowed[start:stop]
        if params is not None:
            scores, forbidden = _transform_scores(
                scores, query_pos, key_pos, video_tokens, tokens_per_frame, params
            )
            keep = keep & ~forbidden
        keep = keep[None, None].expand(b, 1, -1, -1)
        if key_valid is not None:
            keep = keep & key_valid[:, None, None, :]
        scores = scores.masked_fill(~keep, float("-inf"))
        probs = torch.softmax(scores, dim=-1).nan_to_num(0.0)  # fully masked rows -> 0
        out[:, :, start:stop] = torch.matmul(probs, vf)
    return out.transpose(1, 2).to(q.dtype)


_COMPILED_FLEX = {}


def _flex_function(compiled: bool):
    from torch.nn.attention.flex_attention import flex_attention

    if not compiled:
        return flex_attention
    if "fn" not in _COMPILED_FLEX:
        _COMPILED_FLEX["fn"] = torch.compile(flex_attention, dynamic=False)
    return _COMPILED_FLEX["fn"]


def ultravico_flex(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    *,
    video_tokens: int,
    tokens_per_frame: int,
    params: UltraViCo | None,
    frame_allowed: torch.Tensor | None = None,
    key_valid: torch.Tensor | None = None,
    scale: float | None = None,
    compiled: bool = True,
) -> torch.Tensor:
    """FlexAttention with UltraViCo as a ``score_mod`` (fused when compiled).

    q, k, v: ``(B, S, H, D)``. ``frame_allowed``: ``(T, T)`` bool frame mask (None = dense).
    ``key_valid``: ``(B, S)`` bool (False = padding key); every query keeps at least its own frame, so no
    row is empty. Returns ``(B, S, H, D)``.
    """
    if params is not None:
        check_supported(params)
    nv, p = video_tokens, tokens_per_frame
    device = q.device
    alpha = torch.tensor(params.alpha if params else 1.0, dtype=torch.float32, device=device)
    distance = params.distance_tokens if params else None
    first_limit = params.first_frame_key_limit_tokens if params else None
    last_frame = (nv // p) - 1
    neg_inf = torch.tensor(float("-inf"), dtype=torch.float32, device=device)

    def score_mod(score, b, h, q_idx, kv_idx):
        q_video = q_idx < nv
        k_video = kv_idx < nv
        gap = (q_idx - kv_idx).abs()
        if distance is not None:
            far = q_video & k_video & (gap > distance)
            score = torch.where(far & (score > 0), score * alpha, score)
            forbidden = (q_idx < p) & k_video & (gap > first_limit)
        else:
            forbidden = q_idx < 0  # all False
        if frame_allowed is not None:
            qf = torch.clamp(q_idx // p, max=last_frame)
            kf = torch.clamp(kv_idx // p, max=last_frame)
            forbidden = forbidden | (q_video & k_video & ~frame_allowed[qf, kf])
        if key_valid is not None:
            forbidden = forbidden | ~key_valid[b, kv_idx]
        return torch.where(forbidden, neg_inf, score)

    fn = _flex_function(compiled)
    out = fn(
        q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), score_mod=score_mod, scale=scale
    )
    return out.transpose(1, 2)
