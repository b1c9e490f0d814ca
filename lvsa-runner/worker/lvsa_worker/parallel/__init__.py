"""Context (sequence) parallelism: one video's tokens spread over several ranks (Ulysses).

* :mod:`.ulysses`: the process group (:class:`SequenceParallel`), the head-count check, and
  :class:`UlyssesBackend`, which wraps any attention backend so that it runs on all tokens for the local heads.
* :mod:`.blocks`: shards a Wan or HunyuanVideo 1.5 block stack over the ranks (hooks; processors unchanged).
"""

from .ulysses import (
    DIST_BACKENDS,
    SequenceParallel,
    UlyssesBackend,
    UlyssesPrepared,
    check_degree,
    dist_backend_for,
    join_launcher_group,
)

__all__ = [
    "DIST_BACKENDS",
    "SequenceParallel",
    "UlyssesBackend",
    "UlyssesPrepared",
    "check_degree",
    "dist_backend_for",
    "join_launcher_group",
]
