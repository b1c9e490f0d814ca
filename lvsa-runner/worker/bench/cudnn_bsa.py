"""Rival ``cudnn-bsa``: the block-sparse attention of ``nvidia-cudnn-frontend`` (``cudnn.block_sparse_attention``,
CuTe-DSL kernels; 64-token blocks on Hopper), with frames padded so that no block straddles two frames.

Its KV blocks can be shorter than a block (``block_sizes``: the valid keys of each block), so each frame is
padded to a whole number of blocks (1560 tokens -> 1600) and the last block of a frame is declared short: no
mask function is needed. Query rows of the padding are computed and dropped. Every call copies q, k, v into the
padded layout and the output back (timed with the kernel: a model's q, k, v are not padded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: cuDNN's Hopper block size.
BLOCK = 64


@dataclass(frozen=True)
class PaddedLayout:
    """Frames (and the text, as one more segment) padded to whole blocks."""

    padded_len: int  # tokens of the padded sequence
    segment_starts: list[int]  # padded start of each frame, then of the text
    block_sizes: np.ndarray  # int32 (num blocks,): valid keys of each block
    block_lists: list[list[int]]  # per query block: the key blocks it attends
    token_index: np.ndarray  # int64 (S,): padded position of each original token


def padded_layout(rows, p: int, text: int, block: int = BLOCK) -> PaddedLayout:
    """The padded layout of ``rows`` (frame intervals per query frame), frames of ``p`` tokens, ``text`` text tokens."""
    lengths = [p] * len(rows) + ([text] if text else [])
    blocks_of = [-(-n // block) for n in lengths]
    first_block = np.concatenate([[0], np.cumsum(blocks_of)]).astype(int)
    sizes, token_index = [], []
    for seg, n in enumerate(lengths):
        sizes += [block] * (blocks_of[seg] - 1) + [n - block * (blocks_of[seg] - 1)]
        token_index.append(first_block[seg] * block + np.arange(n))
    text_blocks = list(range(first_block[len(rows)], first_block[-1])) if text else []
    every = list(range(first_block[-1]))
    lists = []
    for f, intervals in enumerate(rows):
        keys = [b for a, z in intervals for g in range(a, z + 1) for b in range(first_block[g], first_block[g + 1])]
        lists += [keys + text_blocks] * blocks_of[f]
    if text:
        lists += [every] * blocks_of[-1]
    return PaddedLayout(int(first_block[-1]) * block, [int(s) * block for s in first_block[:-1]],
                        np.asarray(sizes, dtype=np.int32), lists, np.concatenate(token_index))


def prepare_cudnn_bsa(case, unavailable):
    """(run, to_bshd, info) for attention_kernels.prepare; ``unavailable`` is its Unavailable exception."""
    import torch

    try:
        import cudnn
        from cudnn.block_sparse_attention import block_sparse_attention_forward
    except Exception as err:  # noqa: BLE001 - ImportError, or the frontend failing to load libcudnn
        raise unavailable(f"cudnn.block_sparse_attention not importable ({type(err).__name__}: {err}); "
                          "pip install nvidia-cudnn-frontend>=1.32") from None
    layout = padded_layout(case.rows, case.P, case.text)
    B, H, D, device = case.q.shape[0], case.H, case.D, case.device
    cap = max(len(keys) for keys in layout.block_lists)
    index = np.zeros((len(layout.block_lists), cap), dtype=np.int32)
    for m, keys in enumerate(layout.block_lists):
        index[m, : len(keys)] = keys
    nums = torch.tensor([len(keys) for keys in layout.block_lists], dtype=torch.int32, device=device)
    q2k_index = torch.from_numpy(index).to(device)[None, None].expand(B, H, -1, -1).contiguous()
    q2k_nums = nums[None, None].expand(B, H, -1).contiguous()
    block_sizes = torch.from_numpy(layout.block_sizes).to(device)
    where = torch.from_numpy(layout.token_index).to(device)
    padded = [torch.zeros(B, layout.padded_len, H, D, device=device, dtype=case.dtype) for _ in range(3)]

    def run():
        for buf, t in zip(padded, (case.q, case.k, case.v), strict=False):
            buf.index_copy_(1, where, t)
        result = block_sparse_attention_forward(
            *padded, q2k_index, block_sizes=block_sizes, q2k_block_nums=q2k_nums, sparse_block_size=BLOCK,
            layout="bshd", softmax_scale=1.0 / D ** 0.5,
        )
        return result["o_tensor"].index_select(1, where)

    from lvsa_worker.kernels.rows import attended_pairs, validate_rows

    padded_frame = -(-case.P // BLOCK) * BLOCK
    pairs = attended_pairs(validate_rows(case.rows), case.P, case.text)
    info = {"variant": f"cudnn-frontend {cudnn.__version__} block_sparse_attention_forward blk{BLOCK}, frames padded "
                       f"{case.P}->{padded_frame} tokens (pad copies timed)", "flops": 4 * pairs * D * H}
    return run, (lambda o: o), info
