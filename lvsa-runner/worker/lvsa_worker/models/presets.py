"""Tiny random-weight presets: ``tiny-wan``, ``tiny-wan22`` (two experts), ``tiny-hv15``.

Their geometry (resolution, VAE factors, patch, horizon, joint text tokens) and attention head count are
the ones in ``contracts/models/tiny-models.json`` (the runner checks ``devices_per_job`` against the heads);
the rest of the architectures (layers, widths) are ours and kept small enough that 65 frames at 64x96 with 4 steps take seconds on a CPU.
Weights come from a fixed seed, so a preset is the same model on every machine.

They are driven with prompt embeddings derived from the prompt text (a seeded normal draw keyed by a hash
of the text), so no text encoder is needed.
"""

from __future__ import annotations

import hashlib

import torch

from ..contracts import tiny_model_specs
from ..errors import ModelLoadError

PRESETS = ("tiny-wan", "tiny-wan22", "tiny-hv15")
WEIGHT_SEED = 20240601

WAN_TEXT_DIM = 32
WAN_TEXT_TOKENS = 8  # cross-attention context length (not part of self-attention)

HV_TEXT_DIM = 32
HV_TEXT_2_DIM = 16
HV_IMAGE_DIM = 16
HV_MLLM_TOKENS = 8
HV_BYT5_TOKENS = 4
HV_IMAGE_TOKENS = 4  # the pipeline's zero image embedding for text-to-video (all padding)


def _wan_transformer(seed: int, heads: int | None = None):
    """A tiny Wan transformer; ``heads`` defaults to tiny-wan's ``attention_heads`` in the contract."""
    from diffusers import WanTransformer3DModel

    heads = heads if heads is not None else tiny_model_specs()["tiny-wan"]["attention_heads"]
    torch.manual_seed(seed)
    return WanTransformer3DModel(
        patch_size=(1, 2, 2), num_attention_heads=heads, attention_head_dim=32, in_channels=16, out_channels=16,
        text_dim=WAN_TEXT_DIM, freq_dim=32, ffn_dim=64, num_layers=2, cross_attn_norm=True,
        qk_norm="rms_norm_across_heads", rope_max_seq_len=1024,
    )


def _wan_pipeline(spec: dict):
    from diffusers import AutoencoderKLWan, UniPCMultistepScheduler, WanPipeline

    torch.manual_seed(WEIGHT_SEED)
    vae = AutoencoderKLWan(
        base_dim=4, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
        temperal_downsample=[False, True, True],
        scale_factor_temporal=spec["temporal_factor"], scale_factor_spatial=spec["spatial_factor"],
    )
    scheduler = UniPCMultistepScheduler(
        prediction_type="flow_prediction", use_flow_sigmas=True, num_train_timesteps=1000, flow_shift=3.0
    )
    experts = spec.get("experts", 1)
    transformer = _wan_transformer(WEIGHT_SEED + 1, spec["attention_heads"])
    transformer_2 = _wan_transformer(WEIGHT_SEED + 2, spec["attention_heads"]) if experts == 2 else None
    return WanPipeline(
        tokenizer=None, text_encoder=None, vae=vae, scheduler=scheduler, transformer=transformer,
        transformer_2=transformer_2, boundary_ratio=spec.get("boundary_ratio") if experts == 2 else None,
    )


def _hv15_pipeline(spec: dict):
    from diffusers import (
        AutoencoderKLHunyuanVideo15,
        ClassifierFreeGuidance,
        FlowMatchEulerDiscreteScheduler,
        HunyuanVideo15Pipeline,
        HunyuanVideo15Transformer3DModel,
    )

    torch.manual_seed(WEIGHT_SEED)
    latent_channels = 4
    vae = AutoencoderKLHunyuanVideo15(
        in_channels=3, out_channels=3, latent_channels=latent_channels, block_out_channels=(8, 8, 8, 8, 8),
        layers_per_block=1, spatial_compression_ratio=spec["spatial_factor"],
        temporal_compression_ratio=spec["temporal_factor"],
    )
    torch.manual_seed(WEIGHT_SEED + 1)
    patch_t, patch_h, patch_w = spec["patch"]
    if patch_h != patch_w:
        raise ModelLoadError(f"tiny-hv15: HunyuanVideo 1.5 needs a square spatial patch, got {spec['patch']}")
    transformer = HunyuanVideo15Transformer3DModel(
        in_channels=2 * latent_channels + 1, out_channels=latent_channels,
        num_attention_heads=spec["attention_heads"], attention_head_dim=32, num_layers=2, num_refiner_layers=1,
        mlp_ratio=2.0, patch_size=patch_h,
        patch_size_t=patch_t, text_embed_dim=HV_TEXT_DIM, text_embed_2_dim=HV_TEXT_2_DIM,
        image_embed_dim=HV_IMAGE_DIM, rope_theta=256.0, rope_axes_dim=(8, 12, 12),
        target_size=spec["height"], task_type="t2v",
    )
    pipe = HunyuanVideo15Pipeline(
        text_encoder=None, tokenizer=None, transformer=transformer, vae=vae,
        scheduler=FlowMatchEulerDiscreteScheduler(shift=5.0), text_encoder_2=None, tokenizer_2=None,
        guider=ClassifierFreeGuidance(guidance_scale=5.0),
    )
    pipe.vision_num_semantic_tokens = HV_IMAGE_TOKENS
    joint_text = HV_IMAGE_TOKENS + HV_BYT5_TOKENS + HV_MLLM_TOKENS
    if joint_text != spec["text_tokens"]:
        raise ModelLoadError(f"tiny-hv15 builds {joint_text} joint text tokens but the contract says {spec['text_tokens']}")
    return pipe


def build(name: str):
    """The diffusers pipeline of preset ``name`` (on CPU, float32) and its tiny-models.json entry."""
    specs = tiny_model_specs()
    if name not in specs:
        raise ModelLoadError(f"model {name}: not a preset ({', '.join(PRESETS)}) and not a folder")
    spec = specs[name]
    if spec["family"] == "wan":
        pipe = _wan_pipeline(spec)
    elif spec["family"] == "hunyuanvideo15":
        pipe = _hv15_pipeline(spec)
    else:
        raise ModelLoadError(f"model {name}: family {spec['family']} has no tiny preset here")
    return pipe, spec


def _seed_of(text: str, salt: str) -> int:
    digest = hashlib.sha256(f"{salt}\x00{text}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "little") & ((1 << 63) - 1)


def _draw(text: str, salt: str, shape: tuple[int, ...]) -> torch.Tensor:
    generator = torch.Generator().manual_seed(_seed_of(text, salt))
    return torch.randn(*shape, generator=generator)


def _valid_count(text: str, salt: str, tokens: int) -> int:
    """How many of ``tokens`` text tokens are real for this text: 1 .. tokens, from its hash."""
    return 1 + _seed_of(text, salt + "-len") % tokens


def wan_prompt_embeds(text: str) -> torch.Tensor:
    """``(1, 8, 32)`` stand-in for the text encoder's output."""
    return _draw(text, "wan", (1, WAN_TEXT_TOKENS, WAN_TEXT_DIM))


def hv15_prompt_inputs(text: str) -> dict[str, torch.Tensor]:
    """Stand-ins for HunyuanVideo 1.5's two text encoders: embeddings and padding masks (real tokens first)."""
    real_mllm = _valid_count(text, "hv-mllm", HV_MLLM_TOKENS)
    real_byt5 = _valid_count(text, "hv-byt5", HV_BYT5_TOKENS)
    mask = (torch.arange(HV_MLLM_TOKENS) < real_mllm).long()[None]
    mask_2 = (torch.arange(HV_BYT5_TOKENS) < real_byt5).long()[None]
    return {
        "embeds": _draw(text, "hv-mllm", (1, HV_MLLM_TOKENS, HV_TEXT_DIM)) * mask[..., None],
        "mask": mask,
        "embeds_2": _draw(text, "hv-byt5", (1, HV_BYT5_TOKENS, HV_TEXT_2_DIM)) * mask_2[..., None],
        "mask_2": mask_2,
    }
