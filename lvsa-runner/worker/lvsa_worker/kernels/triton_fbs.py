"""Method ``triton``: a flash-attention forward kernel with frame-block sparsity.

Grid: (query tiles of BLOCK_M consecutive video tokens, batch x heads). Each query tile
walks a *virtual key sequence*: the concatenation of the key frames its rows attend,
mapped to real token rows through a small per-tile table (virtual key j -> frame
``table[j // P]``, row ``j % P``). A key tile may straddle two frames, so only the last
tile of a tile's keys is partial: frames of 1560 tokens are never padded to 13 x 128.

A query tile may straddle two (or, for tiny frames, more) query frames. Its table lists
first the *shared* frames (attended by every query frame in the tile), then the others
(the union minus the shared ones). Keys of shared frames run unmasked; the tail, where
other frames start, runs with a per-(query frame, slot) mask looked up in a tiny table.
For LVSA neighbouring rows share all but one or two frames, and about 8% of query tiles
straddle a frame boundary at P = 1560, so the masked work wasted is ~0.5% (vs 6.7% when
every frame is padded to whole tiles).

Text keys form a third phase (all rows attend them); text queries attend everything and
are one dense SDPA call. Online softmax in float32, exp2 with log2(e) folded into the
scale, MMAs in the input dtype with float32 accumulation.

On CPU the kernel runs only under the Triton interpreter: set ``TRITON_INTERPRET=1``
before triton is first imported in the process.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import torch
import triton
import triton.language as tl

from .sdpa_ops import dense_attention
from .triton_env import CPU_HINT, runs_interpreted

_LOG2E = 1.4426950408889634

#: Autotune candidates (BLOCK_N, num_warps, num_stages); BLOCK_M is fixed by the plan.
AUTOTUNE_CONFIGS = ((128, 8, 2), (128, 8, 3), (64, 8, 2), (64, 8, 3))

#: Set to "BLOCK_N,num_warps,num_stages" (e.g. "128,8,3") to skip autotuning on CUDA.
CONFIG_ENV = "LVSA_FBS_TRITON_CONFIG"


@triton.jit
def _key_tile(j, tile_tbl, limit, P: tl.constexpr, MODE: tl.constexpr):
    """Virtual keys ``j`` -> (token rows, columns valid, frame slots) for one key tile (see :func:`_attend_keys`)."""
    if MODE == 2:
        col_ok = j < limit
        slot = j  # unused: text keys have no frame slot
        krow = j.to(tl.int64)
    else:
        if MODE == 1:
            col_ok = j < limit
            slot = tl.where(col_ok, j // P, 0)
        else:
            col_ok = j < limit  # unused: every column of a MODE 0 tile is valid
            slot = j // P
        frame = tl.load(tile_tbl + slot)
        krow = (frame * P + (j - slot * P)).to(tl.int64)
    return krow, col_ok, slot


@triton.jit
def _straddle_allowed(ok, slot, col_ok, qf_local, n_shared, allow_tile, MAX_QF: tl.constexpr, MAX_NS: tl.constexpr):
    """``ok`` narrowed on a straddling tile: slots >= n_shared are allowed per (query frame of the row, slot), one
    column vector per query frame of the tile (cheaper than a 2-D gather)."""
    extra = slot - n_shared
    need = col_ok & (extra >= 0)
    extra_c = tl.where(need, extra, 0)
    allowed = extra[None, :] < 0
    for qi in tl.static_range(MAX_QF):
        col = tl.load(allow_tile + qi * MAX_NS + extra_c, mask=need, other=0)
        allowed = allowed | ((qf_local[:, None] == qi) & (col[None, :] != 0))
    return ok & allowed


@triton.jit
def _softmax_update(qk, v, m_i, l_i, acc, m_new, m_use, DOT_FP32: tl.constexpr):
    """One online-softmax step: scores ``qk`` (log2 scale) of a key tile with values ``v`` into (m, l, acc)."""
    p = tl.exp2(qk - m_use[:, None])
    alpha = tl.exp2(m_i - m_use)
    l_i = l_i * alpha + tl.sum(p, 1)
    if DOT_FP32:
        acc = acc * alpha[:, None] + tl.dot(p.to(v.dtype).to(tl.float32), v.to(tl.float32))
    else:
        acc = acc * alpha[:, None] + tl.dot(p.to(v.dtype), v)
    return m_new, l_i, acc


@triton.jit
def _attend_keys(
    q, m_i, l_i, acc,
    k_base, v_base, s_k, s_v,
    tile_tbl, allow_tile, qf_local, n_shared, straddle,
    start, end, limit, scale_log2,
    offs_d,
    P: tl.constexpr, BLOCK_N: tl.constexpr, MODE: tl.constexpr, MAX_QF: tl.constexpr, MAX_NS: tl.constexpr,
    DOT_FP32: tl.constexpr,
):
    """Online-softmax update over virtual keys [start, end), BLOCK_N at a time.

    MODE 0: frame keys, every column valid for every row (no masks).
    MODE 1: frame keys, columns beyond ``limit`` invalid, and on straddling tiles a
            per-(query frame, slot) mask for slots >= n_shared.
    MODE 2: text keys: virtual key j is token row j (bases already offset), j < limit.
    """
    for lo in range(start, end, BLOCK_N):
        krow, col_ok, slot = _key_tile(lo + tl.arange(0, BLOCK_N), tile_tbl, limit, P, MODE)
        if MODE == 0:
            k = tl.load(k_base + krow[:, None] * s_k + offs_d[None, :])
            v = tl.load(v_base + krow[:, None] * s_v + offs_d[None, :])
        else:
            k = tl.load(k_base + krow[:, None] * s_k + offs_d[None, :], mask=col_ok[:, None], other=0.0)
            v = tl.load(v_base + krow[:, None] * s_v + offs_d[None, :], mask=col_ok[:, None], other=0.0)
        if DOT_FP32:  # interpreter only: its tl.dot mishandles bfloat16 operands
            qk = tl.dot(q.to(tl.float32), tl.trans(k.to(tl.float32))) * scale_log2
        else:
            qk = tl.dot(q, tl.trans(k)) * scale_log2
        if MODE == 0:
            m_new = tl.maximum(m_i, tl.max(qk, 1))
            m_use = m_new
        else:
            ok = col_ok[None, :] & (qf_local[:, None] >= 0)
            if MODE == 1:
                if straddle:
                    ok = _straddle_allowed(ok, slot, col_ok, qf_local, n_shared, allow_tile, MAX_QF, MAX_NS)
            qk = tl.where(ok, qk, float("-inf"))
            m_new = tl.maximum(m_i, tl.max(qk, 1))
            m_use = tl.where(m_new == float("-inf"), 0.0, m_new)
        m_i, l_i, acc = _softmax_update(qk, v, m_i, l_i, acc, m_new, m_use, DOT_FP32)
    return m_i, l_i, acc


@triton.jit
def _fbs_fwd_kernel(
    Q, K, V, K_text, V_text, Out, tbl, meta, allow,
    scale_log2,
    s_qb, s_qs, s_qh,
    s_kb, s_ks, s_kh,
    s_vb, s_vs, s_vh,
    s_ob, s_os, s_oh,
    num_heads, video_tokens, text_tokens, max_slots,
    MAX_KEYS,  # autotune key only
    P: tl.constexpr, HEAD_DIM: tl.constexpr, MAX_QF: tl.constexpr, MAX_NS: tl.constexpr,
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, HAS_TEXT: tl.constexpr, DOT_FP32: tl.constexpr,
):
    pid_m = tl.program_id(0)
    pid_bh = tl.program_id(1)
    b = (pid_bh // num_heads).to(tl.int64)
    h = (pid_bh % num_heads).to(tl.int64)

    offs_m = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    offs_d = tl.arange(0, HEAD_DIM)
    row_ok = offs_m < video_tokens
    q_ptrs = Q + b * s_qb + h * s_qh + offs_m.to(tl.int64)[:, None] * s_qs + offs_d[None, :]
    q = tl.load(q_ptrs, mask=row_ok[:, None], other=0.0)

    first_frame = (pid_m * BLOCK_M) // P
    qf_local = tl.minimum(offs_m // P - first_frame, MAX_QF - 1)
    n_shared = tl.load(meta + pid_m * 2)
    n_slots = tl.load(meta + pid_m * 2 + 1)
    straddle = n_slots > n_shared
    tile_tbl = tbl + pid_m * max_slots
    allow_tile = allow + pid_m * (MAX_QF * MAX_NS)

    k_base = K + b * s_kb + h * s_kh
    v_base = V + b * s_vb + h * s_vh
    kt_base = K_text + b * s_kb + h * s_kh
    vt_base = V_text + b * s_vb + h * s_vh
    m_i = tl.full([BLOCK_M], float("-inf"), dtype=tl.float32)
    l_i = tl.zeros([BLOCK_M], dtype=tl.float32)
    acc = tl.zeros([BLOCK_M, HEAD_DIM], dtype=tl.float32)

    shared_end = (n_shared * P // BLOCK_N) * BLOCK_N
    frames_end = n_slots * P
    m_i, l_i, acc = _attend_keys(
        q, m_i, l_i, acc, k_base, v_base, s_ks, s_vs, tile_tbl, allow_tile, qf_local, n_shared, straddle,
        0, shared_end, frames_end, scale_log2, offs_d, P, BLOCK_N, 0, MAX_QF, MAX_NS, DOT_FP32,
    )
    m_i, l_i, acc = _attend_keys(
        q, m_i, l_i, acc, k_base, v_base, s_ks, s_vs, tile_tbl, allow_tile, qf_local, n_shared, straddle,
        shared_end, frames_end, frames_end, scale_log2, offs_d, P, BLOCK_N, 1, MAX_QF, MAX_NS, DOT_FP32,
    )
    if HAS_TEXT:
        m_i, l_i, acc = _attend_keys(
            q, m_i, l_i, acc, kt_base, vt_base, s_ks, s_vs,
            tile_tbl, allow_tile, qf_local, n_shared, straddle,
            0, text_tokens, text_tokens, scale_log2, offs_d, P, BLOCK_N, 2, MAX_QF, MAX_NS, DOT_FP32,
        )

    l_i = tl.where(l_i == 0.0, 1.0, l_i)
    out = acc / l_i[:, None]
    o_ptrs = Out + b * s_ob + h * s_oh + offs_m.to(tl.int64)[:, None] * s_os + offs_d[None, :]
    tl.store(o_ptrs, out.to(Out.dtype.element_ty), mask=row_ok[:, None])


_autotuned = None


def _autotuned_kernel():
    global _autotuned
    if _autotuned is None:
        configs = [triton.Config({"BLOCK_N": n}, num_warps=w, num_stages=s) for n, w, s in AUTOTUNE_CONFIGS]
        _autotuned = triton.autotune(configs=configs, key=["P", "HEAD_DIM", "MAX_KEYS"])(_fbs_fwd_kernel)
    return _autotuned


def is_interpreted() -> bool:
    """True when this module's kernel can run on CPU (Triton interpreter)."""
    return runs_interpreted(_fbs_fwd_kernel)


@dataclass(frozen=True)
class TritonPlan:
    block_m: int
    num_tiles: int
    max_slots: int
    max_qf: int
    max_ns: int
    max_keys: int
    table: torch.Tensor  # (num_tiles, max_slots) int32 key frames per query tile
    meta: torch.Tensor  # (num_tiles, 2) int32: shared slots, all slots
    allow: torch.Tensor  # (num_tiles, max_qf, max_ns) int8
    config: tuple[int, int, int] | None  # fixed (BLOCK_N, warps, stages), or None: autotune
    text_backend: str
    wasted_fraction: float  # share of computed (query, video key) pairs that are masked out


def _parse_config(text: str) -> tuple[int, int, int]:
    parts = text.split(",")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"{CONFIG_ENV} must be 'BLOCK_N,num_warps,num_stages', got {text!r}")
    return tuple(int(p) for p in parts)  # type: ignore[return-value]


def _tile_settings(head_dim: int, device: torch.device, block_m: int | None, config):
    """(block_m, config): query tile rows (128 on CUDA, 32 on CPU) and the kernel config (from the environment's
    CONFIG_ENV, a fixed small one on CPU, else None: autotune); refuses sizes the kernel cannot tile."""
    if head_dim < 16 or head_dim & (head_dim - 1):
        raise ValueError(f"the triton method needs head_dim a power of two >= 16, got {head_dim}")
    on_cuda = device.type == "cuda"
    block_m = block_m or (128 if on_cuda else 32)
    if block_m < 16 or block_m & (block_m - 1):
        raise ValueError(f"block_m must be a power of two >= 16, got {block_m}")
    if config is None and os.environ.get(CONFIG_ENV):
        config = _parse_config(os.environ[CONFIG_ENV])
    if config is None and not on_cuda:
        config = (16, 4, 1)
    return block_m, config


def plan_triton(
    frame_mask: np.ndarray,
    tokens_per_frame: int,
    text_tokens: int,
    head_dim: int,
    device: torch.device,
    block_m: int | None = None,
    config: tuple[int, int, int] | None = None,
    text_backend: str = "cudnn",
) -> TritonPlan:
    block_m, config = _tile_settings(head_dim, device, block_m, config)
    num_frames = frame_mask.shape[0]
    p = tokens_per_frame
    video = num_frames * p
    num_tiles = math.ceil(video / block_m)
    tables, metas, allows = [], [], []
    computed_pairs = 0
    attended_pairs = 0
    for t in range(num_tiles):
        first = (t * block_m) // p
        last = (min(video, (t + 1) * block_m) - 1) // p
        sub = frame_mask[first : last + 1]
        shared = np.flatnonzero(sub.all(axis=0))
        others = np.flatnonzero(sub.any(axis=0) & ~sub.all(axis=0))
        tables.append(np.concatenate([shared, others]))
        metas.append((len(shared), len(shared) + len(others)))
        allows.append(sub[:, others])
        rows = np.bincount(np.arange(t * block_m, min(video, (t + 1) * block_m)) // p - first, minlength=len(sub))
        computed_pairs += int(rows.sum()) * (len(shared) + len(others)) * p
        attended_pairs += int((rows * sub.sum(axis=1)).sum()) * p
    max_slots = max(len(tb) for tb in tables)
    max_qf = max(a.shape[0] for a in allows)
    max_ns = max(1, max(a.shape[1] for a in allows))
    table = np.zeros((num_tiles, max_slots), dtype=np.int32)
    allow = np.zeros((num_tiles, max_qf, max_ns), dtype=np.int8)
    for t, (tb, al) in enumerate(zip(tables, allows, strict=False)):
        table[t, : len(tb)] = tb
        allow[t, : al.shape[0], : al.shape[1]] = al
    meta = np.asarray(metas, dtype=np.int32)
    return TritonPlan(
        block_m=block_m,
        num_tiles=num_tiles,
        max_slots=max_slots,
        max_qf=max_qf,
        max_ns=max_ns,
        max_keys=max_slots * p + text_tokens,
        table=torch.from_numpy(table).to(device),
        meta=torch.from_numpy(meta).to(device),
        allow=torch.from_numpy(allow).to(device),
        config=config,
        text_backend=text_backend,
        wasted_fraction=1.0 - attended_pairs / computed_pairs,
    )


def run_triton(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    plan: TritonPlan,
    tokens_per_frame: int,
    text_tokens: int,
    scale: float,
) -> torch.Tensor:
    """q, k, v: ``(B, S, H, D)`` with unit stride in D; returns the output ``(B, S, H, D)``."""
    if q.device.type != "cuda" and not is_interpreted():
        raise RuntimeError(f"the triton method on CPU runs only under the Triton interpreter: {CPU_HINT}")
    q, k, v = (t if t.stride(-1) == 1 else t.contiguous() for t in (q, k, v))
    batch, seq, heads, head_dim = q.shape
    video = seq - text_tokens
    out = torch.empty((batch, seq, heads, head_dim), dtype=q.dtype, device=q.device)
    k_text, v_text = (k[:, video:], v[:, video:]) if text_tokens else (k, v)
    args = (
        q, k, v, k_text, v_text, out, plan.table, plan.meta, plan.allow,
        scale * _LOG2E,
        q.stride(0), q.stride(1), q.stride(2),
        k.stride(0), k.stride(1), k.stride(2),
        v.stride(0), v.stride(1), v.stride(2),
        out.stride(0), out.stride(1), out.stride(2),
        heads, video, text_tokens, plan.max_slots,
        plan.max_keys,
    )
    constants = dict(
        P=tokens_per_frame, HEAD_DIM=head_dim, MAX_QF=plan.max_qf, MAX_NS=plan.max_ns, BLOCK_M=plan.block_m,
        HAS_TEXT=text_tokens > 0, DOT_FP32=q.device.type != "cuda",
    )
    grid = (plan.num_tiles, batch * heads)
    if plan.config is None:
        _autotuned_kernel()[grid](*args, **constants)
    else:
        block_n, warps, stages = plan.config
        _fbs_fwd_kernel[grid](*args, **constants, BLOCK_N=block_n, num_warps=warps, num_stages=stages)
    if text_tokens:
        o_t = dense_attention(q[:, video:].transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, plan.text_backend)
        out[:, video:].copy_(o_t.transpose(1, 2))
    return out
