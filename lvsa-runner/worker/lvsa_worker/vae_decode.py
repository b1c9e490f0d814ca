"""The VAE decode of a job, untiled when it fits and tiled when it does not, the choice recorded.

Long horizons make the decoder's activations the largest tensors of a job (HunyuanVideo 1.5's VAE at 257
frames; any model under a memory cap). The worker first decodes the whole latent video at once (fastest,
exactly what the pipeline does); if that runs out of device memory it frees the cache and decodes again with
the VAE's own spatial tiling (diffusers' ``enable_tiling``), then turns tiling off again. The result's
``vae_decode`` says which ran: ``untiled``, ``tiled`` (the VAE came tiled) or ``tiled after out of memory``;
the decode phase's peak memory includes the failed attempt's.
"""

from __future__ import annotations

from collections.abc import Callable

from . import devices

UNTILED, TILED, TILED_AFTER_OOM = "untiled", "tiled", "tiled after out of memory"


def guard(vae, device, record: Callable[[str], None]) -> Callable[[], None]:
    """Wrap ``vae.decode`` for one job; returns the undo."""
    original = vae.decode

    def decode(*args, **kwargs):
        if getattr(vae, "use_tiling", False) or not hasattr(vae, "enable_tiling"):
            record(TILED if getattr(vae, "use_tiling", False) else UNTILED)
            return original(*args, **kwargs)
        try:
            out = original(*args, **kwargs)
            record(UNTILED)
            return out
        except Exception as exc:  # noqa: BLE001 - only out-of-memory is retried
            if not devices.is_out_of_memory(exc):
                raise
        # out of the except block: the failed attempt's frames (and their tensors) are released
        devices.empty_cache(device)
        vae.enable_tiling()
        try:
            out = original(*args, **kwargs)
        finally:
            vae.disable_tiling()
        record(TILED_AFTER_OOM)
        return out

    vae.decode = decode

    def undo() -> None:
        if vae.__dict__.get("decode") is decode:
            del vae.decode

    return undo
