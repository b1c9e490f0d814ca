"""Frame-block-sparse attention kernels for video DiT self-attention (LVSA and other frame patterns).

Public entry points: :func:`plan_fbs` (once per denoising step) and :func:`fbs_attention`
(every layer), in :mod:`.frame_block_sparse`; :func:`masked_reference_attention` is the
float32 reference they are tested against. Imports only torch, triton and numpy.
"""

from .frame_block_sparse import AUTO_OPTIONS, AUTO_PREFERENCE, METHODS, FbsPlan, fbs_attention, plan_fbs
from .reference import masked_reference_attention, token_mask

__all__ = [
    "AUTO_OPTIONS",
    "AUTO_PREFERENCE",
    "METHODS",
    "FbsPlan",
    "fbs_attention",
    "plan_fbs",
    "masked_reference_attention",
    "token_mask",
]
