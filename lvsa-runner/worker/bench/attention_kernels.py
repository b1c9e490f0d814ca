"""The kernels attention_bench.py times: one ``prepare(name, case)`` per kernel name, returning a closure.

Ours come from ``lvsa_worker.kernels``; dense SDPA, dense FA4 and FlashInfer's wrappers are the rivals.
Every kernel of ours names its inner dense kernel explicitly (``inner``: cudnn, fa2, fa4), so a bench line
never depends on what ``auto`` would pick; ``info["inner"]`` records it.
"""

from __future__ import annotations

import math
import time

from .attention_rows import log


class Case:
    """Inputs of one (shape, pattern): q, k, v (B, S, H, D) and the rows."""

    def __init__(self, label, rows, rows_source, p, heads, dim, text, device, dtype, seed=0):
        import torch

        self.label, self.rows, self.rows_source = label, rows, rows_source
        self.T, self.P, self.H, self.D, self.text = len(rows), p, heads, dim, text
        self.S = self.T * p + text
        self.device, self.dtype = device, dtype
        gen = torch.Generator(device=device).manual_seed(seed)
        self.q, self.k, self.v = (
            torch.randn(1, self.S, heads, dim, generator=gen, device=device, dtype=dtype) for _ in range(3)
        )


def prepare(name: str, case: Case, overrides: dict | None = None):
    """Returns (run, to_bshd, info): run() does one call; to_bshd(out) gives (B, S, H, D).

    ``overrides``: extra plan_fbs options per bench kernel name (used by --check to keep compiles few)."""
    from lvsa_worker.kernels import fbs_attention, plan_fbs
    from lvsa_worker.kernels.inner import InnerKernelUnavailable, resolve_inner
    from lvsa_worker.kernels.sdpa_ops import dense_attention

    q, k, v = case.q, case.k, case.v
    scale = 1.0 / math.sqrt(case.D)
    if name in DENSE_INNER:
        try:
            choice = resolve_inner(DENSE_INNER[name], case.device)
        except InnerKernelUnavailable as err:
            raise Unavailable(str(err)) from None
        inner = choice.name
        run = lambda: dense_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, inner)  # noqa: E731
        where = "FA4 flash_attn_func" if inner == "fa4" else f"SDPA {inner}"
        return run, lambda o: o.transpose(1, 2), {"dense": True, "variant": f"{where}, mask ignored", "inner": inner}
    if name.startswith("flashinfer"):
        return prepare_flashinfer(name, case)
    if name == "cudnn-bsa":
        from .cudnn_bsa import prepare_cudnn_bsa

        return prepare_cudnn_bsa(case, Unavailable)
    method, options = OURS[name]
    options = {**options, **(overrides or {}).get(name, {})}
    try:
        plan = plan_fbs(case.rows, case.P, case.text, case.H, case.D, case.device, case.dtype, method=method, **options)
    except InnerKernelUnavailable as err:
        raise Unavailable(str(err)) from None
    info = {"variant": describe_plan(plan), "flops": plan.flops(), "inner": plan.inner}
    to_bshd = lambda o: o  # noqa: E731
    if plan.frame_order is not None:
        # the step's permutation, done once per step by the model adapter: here once, outside the timed calls
        import torch

        from lvsa_worker.attention.base import frames_in_order

        order = torch.tensor(plan.frame_order, dtype=torch.int64, device=case.device)
        q, k, v = (frames_in_order(t, order, 1, case.T) for t in (q, k, v))
        to_bshd = lambda o: frames_in_order(o, order.argsort(), 1, case.T)  # noqa: E731
    return (lambda: fbs_attention(q, k, v, plan)), to_bshd, info | {"plan": plan}


#: Dense rivals: bench name -> inner kernel (the mask is ignored).
DENSE_INNER = {"dense-cudnn": "cudnn", "dense-fa2": "fa2", "dense-fa4": "fa4"}
#: Our kernels: bench name -> (plan_fbs method, options); the inner kernel is always named.
OURS = {
    "gather": ("gather", {"inner": "cudnn"}),
    "split-lse": ("split-lse", {"window_mode": "strided", "inner": "cudnn"}),
    "split-lse-gather": ("split-lse", {"window_mode": "gather", "inner": "cudnn"}),
    "split-lse-fa2": ("split-lse", {"window_mode": "strided", "inner": "fa2"}),
    "split-lse-fa4": ("split-lse", {"window_mode": "strided", "inner": "fa4"}),
    "split-lse-fa4-varlen": ("split-lse", {"window_mode": "varlen", "inner": "fa4"}),
    # frames handed over in split-lse's compact order (a model adapter permutes them once per step): no copy
    "split-lse-fa4-ordered": ("split-lse", {"window_mode": "strided", "inner": "fa4", "frames_reorderable": True}),
    "split-lse-fa4-ordered-varlen": ("split-lse", {"window_mode": "varlen", "inner": "fa4", "frames_reorderable": True}),
    "split-lse-fa4-ordered-overlap": ("split-lse", {"window_mode": "varlen", "inner": "fa4", "frames_reorderable": True,
                                                     "overlap": "on"}),
    "split-lse-fa4-ordered-tails": ("split-lse", {"window_mode": "varlen", "inner": "fa4", "frames_reorderable": True,
                                                   "query_tails": "split"}),
    "split-lse-ordered": ("split-lse", {"window_mode": "strided", "inner": "cudnn", "frames_reorderable": True}),
    "triton": ("triton", {}),
    "flex": ("flex", {}),
    "flex-allpartial": ("flex-allpartial", {}),
    "flex-flash": ("flex", {"flex_backend": "flash"}),
    "fa4-bsr": ("fa4-bsr", {"lookup": "divide"}),
    "fa4-bsr-table": ("fa4-bsr", {"lookup": "token-table"}),
}


def describe_plan(plan) -> str:
    impl = plan.impl
    if plan.method == "split-lse":
        if impl.full:
            return f"full mask: one dense call, inner={impl.backend}"
        strided = sum(1 for s in impl.segments if not s.fold)
        return (f"window={impl.window_mode} inner={impl.backend} merge={'triton' if impl.use_triton_merge else 'torch'} "
                f"anchors={len(impl.anchors)} segments={len(impl.segments)} ({strided} batched-window)"
                + (" frames=compact order" if impl.frame_order is not None else "")
                + (" overlap=two streams" if impl.overlap else ""))
    if plan.method == "gather":
        return f"chunks={len(impl.chunks)} inner={impl.backend}"
    if plan.method == "triton":
        cfg = impl.config or "autotune"
        return f"BLOCK_M={impl.block_m} config={cfg} masked-waste={impl.wasted_fraction:.2%} max_slots={impl.max_slots}"
    if plan.method.startswith("flex"):
        backend = "FLASH (FA4)" if impl.kernel_options else "triton"
        return f"backend={backend} blocks full={impl.full_blocks} partial={impl.partial_blocks}"
    if plan.method == "fa4-bsr":
        return (f"FA4 block_sparse_tensors {impl.block_size}x{impl.block_size} lookup={impl.lookup} "
                f"blocks full={impl.full_blocks} partial={impl.partial_blocks}")
    return plan.method


def prepare_flashinfer(name: str, case: Case):
    import inspect

    import torch

    try:
        import flashinfer
        import flashinfer.sparse as fis
    except ImportError as err:
        raise Unavailable(f"flashinfer not importable ({err}); pip install flashinfer-python") from None
    if case.q.shape[0] != 1:
        raise Unavailable("bench runs flashinfer with B=1 only")
    T, P, H, D, text = case.T, case.P, case.H, case.D, case.text
    workspace = torch.empty(128 * 1024 * 1024, dtype=torch.uint8, device=case.device)
    frames = [[f for a, b in row for f in range(a, b + 1)] for row in case.rows]
    started = time.perf_counter()
    log(f"flashinfer {flashinfer.__version__}: {name} plan (JIT compile may take minutes on first use) ...")
    if name == "flashinfer-bsr":
        if text % P:
            raise Unavailable(f"text_tokens={text} is not a multiple of the block size P={P}")
        nb_text = text // P
        rows = [fr + list(range(T, T + nb_text)) for fr in frames] + [list(range(T + nb_text))] * nb_text
        indptr = torch.tensor([0] + list(_cumsum(len(r) for r in rows)), dtype=torch.int32, device=case.device)
        indices = torch.tensor([f for r in rows for f in r], dtype=torch.int32, device=case.device)
        wrapper = fis.BlockSparseAttentionWrapper(workspace)
        kwargs = dict(q_data_type=case.dtype, kv_data_type=case.dtype, o_data_type=case.dtype)
        params = inspect.signature(wrapper.plan).parameters
        wrapper.plan(indptr, indices, case.S, case.S, P, P, H, H, D, **{k: v for k, v in kwargs.items() if k in params})
        q, k, v = case.q[0], case.k[0], case.v[0]  # (S, H, D): NHD, no copy
        run = lambda: wrapper.run(q, k, v)  # noqa: E731
        to_bshd = lambda o: o.unsqueeze(0)  # noqa: E731
        variant = f"BlockSparseAttentionWrapper R=C={P}"
    else:
        nb = T + (1 if text else 0)
        mask = torch.zeros(nb, nb, dtype=torch.bool)
        for f, fr in enumerate(frames):
            mask[f, fr] = True
        mask[:, T:] = True
        mask[T:, :] = True
        sizes = torch.tensor([P] * T + ([text] if text else []), dtype=torch.int32)
        wrapper = fis.VariableBlockSparseAttentionWrapper(workspace)
        wrapper.plan(
            mask.expand(H, nb, nb).contiguous().to(case.device), sizes.expand(H, nb).contiguous().to(case.device),
            sizes.expand(H, nb).contiguous().to(case.device), H, H, D, q_data_type=case.dtype,
        )
        # its run() wants (H, S, D); arranged once here, outside the timed calls (its best case)
        q, k, v = (t[0].transpose(0, 1).contiguous() for t in (case.q, case.k, case.v))
        run = lambda: wrapper.run(q, k, v)  # noqa: E731
        to_bshd = lambda o: o.transpose(0, 1).unsqueeze(0)  # noqa: E731
        variant = "VariableBlockSparseAttentionWrapper, frame blocks, HND inputs"
    torch.cuda.synchronize()
    log(f"flashinfer {name} plan done in {time.perf_counter() - started:.1f} s")
    attended = sum(len(fr) for fr in frames) * P * P + T * P * text + text * case.S  # (query, key) pairs
    return run, to_bshd, {"variant": f"flashinfer {flashinfer.__version__} {variant}", "flops": 4 * attended * D * H}


def _cumsum(values):
    total = 0
    for value in values:
        total += value
        yield total


class Unavailable(Exception):
    """The kernel cannot run here (missing package, unsupported shape): reported as skipped."""
