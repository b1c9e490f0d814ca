"""``flashinfer``: FlashInfer's block-sparse attention with frame-sized blocks (CUDA only).

* No text tokens (Wan): ``BlockSparseAttentionWrapper`` with ``R = C = tokens_per_frame``: a BSR matrix
  whose ``T x T`` blocks are the plan's frame mask.
* Joint text tokens (HunyuanVideo 1.5): ``VariableBlockSparseAttentionWrapper`` with blocks
  ``[P] * T + [text]`` on the query side and ``[P] * T + [real text] (+ [padding])`` on the key side; the
  padding column is never attended. Because the number of real text tokens can differ between the
  conditional and unconditional pass, that wrapper is planned per (step pattern, real-text count).

``plan`` runs at step start (or, for a new real-text count, at the first layer of that forward); ``run``
per layer and per batch item. FlashInfer is imported lazily; without it the backend is unavailable with
the hint ``pip install lvsa-worker[flashinfer]``. Not exercised on CPU: verified on the GPU machine only.
"""

from __future__ import annotations

import inspect

import torch

from .base import AttentionBackend, Prepared, TextKeys, zero_padded_text_queries
from .registry import register

WORKSPACE_BYTES = 128 << 20
_WORKSPACES: dict[torch.device, torch.Tensor] = {}


def _workspace(device: torch.device) -> torch.Tensor:
    if device not in _WORKSPACES:
        _WORKSPACES[device] = torch.empty(WORKSPACE_BYTES, dtype=torch.uint8, device=device)
    return _WORKSPACES[device]


def _call_plan(wrapper, *args, **kwargs):
    """Call ``wrapper.plan`` passing only the keyword arguments this FlashInfer version accepts.

    The dtype arguments matter (the default is float16), so when the signature cannot be read (a wrapper
    taking ``**kwargs``) everything is passed rather than silently dropped.
    """
    parameters = inspect.signature(wrapper.plan).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return wrapper.plan(*args, **kwargs)
    missing = [name for name in ("q_data_type", "kv_data_type") if name in kwargs and name not in parameters]
    if missing:
        raise RuntimeError(f"this FlashInfer's plan() takes no {', '.join(missing)}; it is too old for bf16 here")
    return wrapper.plan(*args, **{k: v for k, v in kwargs.items() if k in parameters})


def bsr_from_frames(matrix: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """``(indptr, indices)`` int32 of a boolean ``(T, T)`` frame matrix in BSR (CSR over blocks) form."""
    counts = matrix.sum(dim=1)
    indptr = torch.zeros(matrix.shape[0] + 1, dtype=torch.int32)
    indptr[1:] = torch.cumsum(counts, dim=0)
    indices = matrix.nonzero(as_tuple=True)[1].to(torch.int32)  # row-major: sorted per row
    return indptr, indices


def variable_blocks(frames: torch.Tensor, tokens_per_frame: int, text_tokens: int, real_text: int):
    """Block mask ``(MB, NB)`` and block sizes for the variable-block wrapper.

    Query blocks: ``T`` frames of ``P`` tokens, then all text tokens. Key blocks: ``T`` frames, the
    ``real_text`` real text tokens, then (if any) the padding, which no query attends.
    """
    t = frames.shape[0]
    pad = text_tokens - real_text
    rows = [tokens_per_frame] * t + [text_tokens]
    cols = [tokens_per_frame] * t + ([real_text] if real_text else []) + ([pad] if pad else [])
    mask = torch.zeros(len(rows), len(cols), dtype=torch.bool)
    mask[:t, :t] = frames
    if real_text:
        mask[:, t] = True  # every query attends the real text
    mask[t, :t] = True  # text queries attend every video frame
    return mask, rows, cols


class FlashInferPrepared(Prepared):
    def __init__(self, layout, frames: torch.Tensor, device, dtype, num_heads, head_dim):
        self.layout = layout
        self.frames = frames  # (T, T) bool, host
        self.device, self.dtype = device, dtype
        self.num_heads, self.head_dim = num_heads, head_dim
        t = layout.latent_frames
        self.frame_density = float(frames.sum().item()) / float(t * t)
        self.wrappers: dict[int, object] = {}  # real-text count -> planned wrapper


class FlashInferBackend(AttentionBackend):
    name = "flashinfer"
    devices = ("cuda",)
    supports_score_transform = False
    install_hint = "pip install lvsa-worker[flashinfer]"

    def unavailable_reason(self, device_type):
        reason = super().unavailable_reason(device_type)
        if reason:
            return reason
        try:
            import flashinfer  # noqa: F401
        except ImportError as exc:
            return f"backend flashinfer needs the flashinfer package ({exc}); install it with: {self.install_hint}"
        return None

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None):
        frames = torch.from_numpy(mask.as_matrix())
        prepared = FlashInferPrepared(layout, frames, device, dtype, num_heads, head_dim)
        if layout.text_tokens == 0:
            prepared.wrappers[0] = self._plan_bsr(prepared)
        return prepared

    def _plan_bsr(self, prep: FlashInferPrepared):
        import flashinfer

        t, p = prep.layout.latent_frames, prep.layout.tokens_per_frame
        indptr, indices = bsr_from_frames(prep.frames)
        wrapper = flashinfer.BlockSparseAttentionWrapper(_workspace(prep.device))
        _call_plan(
            wrapper,
            indptr.to(prep.device), indices.to(prep.device),
            t * p, t * p, p, p, prep.num_heads, prep.num_heads, prep.head_dim,
            q_data_type=prep.dtype, kv_data_type=prep.dtype, o_data_type=prep.dtype,
        )
        return wrapper

    def _plan_variable(self, prep: FlashInferPrepared, real_text: int):
        import flashinfer

        h = prep.num_heads
        layout = prep.layout
        mask, rows, cols = variable_blocks(prep.frames, layout.tokens_per_frame, layout.text_tokens, real_text)
        block_row = torch.tensor(rows, dtype=torch.int32)[None].expand(h, -1).contiguous()
        block_col = torch.tensor(cols, dtype=torch.int32)[None].expand(h, -1).contiguous()
        wrapper = flashinfer.VariableBlockSparseAttentionWrapper(_workspace(prep.device))
        _call_plan(
            wrapper,
            mask[None].expand(h, -1, -1).contiguous().to(prep.device),
            block_row.to(prep.device), block_col.to(prep.device),
            h, h, prep.head_dim,
            q_data_type=prep.dtype, kv_data_type=prep.dtype,
        )
        return wrapper

    def run(self, prepared: FlashInferPrepared, q, k, v, text: TextKeys | None = None, scale=None):
        layout = prepared.layout
        layout.check(q, k, v)
        if scale is not None and abs(scale - q.shape[-1] ** -0.5) > 1e-12:
            raise ValueError("backend flashinfer runs with the default softmax scale 1/sqrt(head_dim) only")
        b = q.shape[0]
        out = torch.empty(q.shape, dtype=q.dtype, device=q.device)
        if layout.text_tokens == 0:
            wrapper = prepared.wrappers[0]
            for i in range(b):
                out[i] = wrapper.run(q[i], k[i], v[i])
            return out
        if text is not None and text.prefix_lengths is None:
            raise ValueError("backend flashinfer needs the real text tokens to come first (a prefix)")
        for i in range(b):
            real = layout.text_tokens if text is None else text.prefix_lengths[i]
            wrapper = prepared.wrappers.get(real)
            if wrapper is None:
                wrapper = prepared.wrappers[real] = self._plan_variable(prepared, real)
            # The variable-block wrapper takes and returns (H, L, D).
            o = wrapper.run(q[i].transpose(0, 1).contiguous(), k[i].transpose(0, 1).contiguous(),
                            v[i].transpose(0, 1).contiguous())
            out[i] = o.transpose(0, 1)
        return zero_padded_text_queries(out, layout, text)


register(FlashInferBackend())
