"""Tiny random-weight presets: ``tiny-wan``, ``tiny-wan22`` (two experts), ``tiny-hv15``.

Their geometry (resolution, VAE factors, patch, horizon, joint text tokens) is the one in
``contracts/models/tiny-models.json`` and is checked against it when built; the architectures (layers,
heads, widths) are ours and kept small enough that 65 frames at 64x96 with 4 steps take seconds on a CPU.
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


# Tiny text encoders, built only for ``--weights dummy --text encoder`` (the plain presets take hashed embeddings).
TINY_VOCAB = 1000
HV_TEMPLATE_TOKENS = 4  # stand-in for HunyuanVideo 1.5's 108 system-prompt tokens, cropped by the pipeline


def description(spec: dict) -> dict:
    """Preset ``spec`` (its tiny-models.json entry) as a model description of the same form as a real model's
    entry in real-models.json with components resolved (see :mod:`.dummy`): what to build, nothing built."""
    if spec["family"] == "wan":
        return _wan_description(spec)
    if spec["family"] != "hunyuanvideo15":
        raise ModelLoadError(f"model {spec['name']}: family {spec['family']} has no tiny preset here")
    return _hunyuan_description(spec)


def _wan_description(spec: dict) -> dict:
    """A tiny Wan 2.1 / 2.2 preset's components (two transformer experts when ``experts`` is 2)."""
    transformer = {"class": "diffusers.WanTransformer3DModel", "config": dict(
        patch_size=(1, 2, 2), num_attention_heads=spec["attention_heads"], attention_head_dim=32,
        in_channels=16, out_channels=16,
        text_dim=WAN_TEXT_DIM, freq_dim=32, ffn_dim=64, num_layers=2, cross_attn_norm=True,
        qk_norm="rms_norm_across_heads", rope_max_seq_len=1024)}
    experts = spec.get("experts", 1)
    return {**spec, "pipeline": {"class": "diffusers.WanPipeline", "max_sequence_length": WAN_TEXT_TOKENS},
            "transformer": transformer, "transformer_2": transformer if experts == 2 else None,
            "vae": {"class": "diffusers.AutoencoderKLWan", "config": dict(
                base_dim=4, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                temperal_downsample=[False, True, True], scale_factor_temporal=spec["temporal_factor"],
                scale_factor_spatial=spec["spatial_factor"])},
            "text_encoder": {"class": "transformers.UMT5EncoderModel", "config_class": "transformers.UMT5Config",
                             "config": dict(vocab_size=TINY_VOCAB, d_model=WAN_TEXT_DIM, d_kv=16, d_ff=64,
                                            num_layers=2, num_heads=2, feed_forward_proj="gated-gelu",
                                            tie_word_embeddings=False)},
            "tokenizer": {"vocab_size": TINY_VOCAB, "kind": "words"},
            "scheduler": {"class": "diffusers.UniPCMultistepScheduler", "config": dict(
                prediction_type="flow_prediction", use_flow_sigmas=True, num_train_timesteps=1000,
                flow_shift=3.0)}}


def _hunyuan_description(spec: dict) -> dict:
    """A tiny HunyuanVideo 1.5 preset's components (Qwen and ByT5-like text encoders, joint text tokens)."""
    latent_channels = 4
    patch_t, patch_h, patch_w = spec["patch"]
    if patch_h != patch_w:
        raise ModelLoadError(f"{spec['name']}: HunyuanVideo 1.5 needs a square spatial patch, got {spec['patch']}")
    joint_text = HV_IMAGE_TOKENS + HV_BYT5_TOKENS + HV_MLLM_TOKENS
    if joint_text != spec["text_tokens"]:
        raise ModelLoadError(f"{spec['name']} builds {joint_text} joint text tokens but the contract says "
                             f"{spec['text_tokens']}")
    return {**spec,
            "pipeline": {"class": "diffusers.HunyuanVideo15Pipeline", "tokenizer_max_length": HV_MLLM_TOKENS,
                         "tokenizer_2_max_length": HV_BYT5_TOKENS, "vision_num_semantic_tokens": HV_IMAGE_TOKENS,
                         "prompt_template_encode_start_idx": HV_TEMPLATE_TOKENS, "guidance_scale": 5.0},
            "transformer": {"class": "diffusers.HunyuanVideo15Transformer3DModel", "config": dict(
                in_channels=2 * latent_channels + 1, out_channels=latent_channels,
                num_attention_heads=spec["attention_heads"],
                attention_head_dim=32, num_layers=2, num_refiner_layers=1, mlp_ratio=2.0, patch_size=patch_h,
                patch_size_t=patch_t, text_embed_dim=HV_TEXT_DIM, text_embed_2_dim=HV_TEXT_2_DIM,
                image_embed_dim=HV_IMAGE_DIM, rope_theta=256.0, rope_axes_dim=(8, 12, 12),
                target_size=spec["height"], task_type="t2v")},
            "vae": {"class": "diffusers.AutoencoderKLHunyuanVideo15", "config": dict(
                in_channels=3, out_channels=3, latent_channels=latent_channels, block_out_channels=(8, 8, 8, 8, 8),
                layers_per_block=1, spatial_compression_ratio=spec["spatial_factor"],
                temporal_compression_ratio=spec["temporal_factor"])},
            "text_encoder": {"class": "transformers.Qwen2_5_VLTextModel",
                             "config_class": "transformers.Qwen2_5_VLTextConfig", "config": dict(
                                 vocab_size=TINY_VOCAB, hidden_size=HV_TEXT_DIM, intermediate_size=64,
                                 num_hidden_layers=3, num_attention_heads=2, num_key_value_heads=1, bos_token_id=None,
                                 eos_token_id=None,
                                 rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]})},
            "tokenizer": {"vocab_size": TINY_VOCAB, "kind": "words"},
            "text_encoder_2": {"class": "transformers.T5EncoderModel", "config_class": "transformers.T5Config",
                               "config": dict(vocab_size=384, d_model=HV_TEXT_2_DIM, d_kv=8, d_ff=32, num_layers=1,
                                              num_heads=2, feed_forward_proj="gated-gelu",
                                              tie_word_embeddings=False)},
            "tokenizer_2": {"vocab_size": 384, "kind": "bytes"},
            "scheduler": {"class": "diffusers.FlowMatchEulerDiscreteScheduler", "config": {"shift": 5.0}}}


def _seeded(component: dict, seed: int):
    from .dummy import instantiate

    torch.manual_seed(seed)
    return instantiate(component)


def _wan_transformer(seed: int):
    """tiny-wan's transformer under global seed ``seed`` (the adapter tests build one directly)."""
    return _seeded(description(spec_of("tiny-wan"))["transformer"], seed)


def _preset_pipeline(desc: dict):
    """The plain preset: each module initialised by its own default init under a fixed global seed, no text
    encoder (prompts become hashed embeddings)."""
    from .dummy import _class

    vae = _seeded(desc["vae"], WEIGHT_SEED)
    transformer = _seeded(desc["transformer"], WEIGHT_SEED + 1)
    scheduler = _class(desc["scheduler"]["class"])(**desc["scheduler"]["config"])
    if desc["family"] == "wan":
        from diffusers import WanPipeline

        experts = desc.get("experts", 1)
        transformer_2 = _seeded(desc["transformer_2"], WEIGHT_SEED + 2) if experts == 2 else None
        return WanPipeline(
            tokenizer=None, text_encoder=None, vae=vae, scheduler=scheduler, transformer=transformer,
            transformer_2=transformer_2, boundary_ratio=desc.get("boundary_ratio") if experts == 2 else None,
        )
    from diffusers import ClassifierFreeGuidance, HunyuanVideo15Pipeline

    settings = desc["pipeline"]
    pipe = HunyuanVideo15Pipeline(
        text_encoder=None, tokenizer=None, transformer=transformer, vae=vae, scheduler=scheduler,
        text_encoder_2=None, tokenizer_2=None, guider=ClassifierFreeGuidance(guidance_scale=settings["guidance_scale"]),
    )
    pipe.vision_num_semantic_tokens = settings["vision_num_semantic_tokens"]
    return pipe


def spec_of(name: str) -> dict:
    specs = tiny_model_specs()
    if name not in specs:
        raise ModelLoadError(f"model {name}: not a preset ({', '.join(PRESETS)}) and not a folder")
    return specs[name]


def build(name: str):
    """The diffusers pipeline of preset ``name`` (on CPU, float32) and its tiny-models.json entry."""
    spec = spec_of(name)
    return _preset_pipeline(description(spec)), spec


def _seed_of(text: str, salt: str) -> int:
    digest = hashlib.sha256(f"{salt}\x00{text}".encode()).digest()
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
