"""Dummy weights: a model's real architecture with seeded random weights, built without any checkpoint.

A *description* says what to build: the registry entry of a real model (``contracts/models/real-models.json``,
its component names resolved to ``{"class", "config"}``) or a tiny preset's (:func:`presets.description`).
:func:`build_pipeline` turns it into a diffusers pipeline: every component is constructed with its parameters
on the ``meta`` device (buffers such as RoPE tables are computed normally), then each parameter is allocated on
the target device in its dtype and filled from a generator seeded by ``(seed, component, parameter name)``,
so the same seed gives the same weights whatever the build order, and nothing is ever held twice.

Values: weights of norm layers 1 and their biases 0, other biases 0, matrices and convolution kernels
normal with std ``1/sqrt(fan_in)`` (activations keep their scale through the network), other vectors
normal(0, 0.02). The videos are noise-like: only speed and memory mean anything.

Text: ``encoder`` builds the text encoder(s) at their real size with random weights and a stand-in tokenizer
(:class:`StubTokenizer`: deterministic ids, real padded lengths; nothing to download), so text encoding costs
what it costs with the real checkpoint; ``dummy-embeddings`` builds no text encoder and feeds random prompt
embeddings of the real shape (:func:`prompt_inputs`).
"""

from __future__ import annotations

import hashlib
import importlib

import torch

from ..contracts import real_models
from ..errors import ModelLoadError, UsageError

WEIGHTS = ("dummy",)
TEXT_OPTIONS = ("encoder", "dummy-embeddings")
DEFAULT_SEED = 20240601
#: Components that hold parameters, in build order.
MODEL_COMPONENTS = ("transformer", "transformer_2", "vae", "text_encoder", "text_encoder_2")


def describe_real(name: str) -> dict | None:
    """The registry entry of real model ``name`` with its component names replaced by their configs, or None."""
    registry = real_models()
    entry = next((m for m in registry["models"] if m["name"] == name), None)
    if entry is None:
        return None
    components = registry["components"]
    described = dict(entry)
    for role in MODEL_COMPONENTS:
        ref = entry.get(role)
        if isinstance(ref, str):
            if ref not in components:
                raise ModelLoadError(f"model {name}: component {ref} is not in real-models.json's components")
            described[role] = components[ref]
    return described


def real_model_names() -> list[str]:
    return [m["name"] for m in real_models()["models"]]


def _class(dotted: str):
    library, _, name = dotted.partition(".")
    if library not in ("diffusers", "transformers"):
        raise ModelLoadError(f"class {dotted}: only diffusers.* and transformers.* classes are built")
    try:
        return getattr(importlib.import_module(library), name)
    except AttributeError:
        raise ModelLoadError(f"class {dotted} is not in the installed {library}") from None


def instantiate(component: dict):
    """The module of ``component`` (``class``, ``config``, optional ``config_class``), built in the current context."""
    cls = _class(component["class"])
    config = dict(component.get("config", {}))
    if "config_class" in component:
        return cls(_class(component["config_class"])(**config))
    return cls(**config)


def _seed_of(*parts) -> int:
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "little") & ((1 << 63) - 1)


def _keep_fp32(module) -> list[str]:
    keep = list(getattr(module, "_keep_in_fp32_modules", None) or [])
    return [k for k in keep if isinstance(k, str)]


def _fill(tensor: torch.Tensor, *, norm: bool, name: str, generator: torch.Generator) -> None:
    leaf = name.rsplit(".", 1)[-1]
    if leaf == "bias" or tensor.ndim == 0:
        tensor.zero_()
    elif norm:
        tensor.fill_(1.0)
    elif tensor.ndim >= 2:
        tensor.normal_(0.0, tensor[0].numel() ** -0.5, generator=generator)
    else:
        tensor.normal_(0.0, 0.02, generator=generator)


def materialize(module: torch.nn.Module, key: str, seed: int, device: torch.device, dtype: torch.dtype) -> None:
    """Give every meta parameter of ``module`` storage on ``device`` and seeded values; move its buffers there.

    Parameters named in the class's ``_keep_in_fp32_modules`` stay in float32 (as ``from_pretrained`` keeps
    them) when ``dtype`` is a half type. Tied parameters stay tied. ``device`` meta: storage-free (counting).
    """
    keep = _keep_fp32(module) if dtype in (torch.float16, torch.bfloat16) else []
    made: dict[int, torch.nn.Parameter] = {}
    for prefix, sub in module.named_modules(remove_duplicate=False):
        norm = "norm" in type(sub).__name__.lower()
        for pname, param in list(sub._parameters.items()):
            if param is None:
                continue
            if id(param) not in made:
                full = f"{prefix}.{pname}" if prefix else pname
                as_dtype = torch.float32 if any(k in full.split(".") for k in keep) else dtype
                tensor = torch.empty(param.shape, dtype=as_dtype, device=device)
                if tensor.device.type != "meta":
                    generator = torch.Generator(device=tensor.device).manual_seed(_seed_of(seed, key, full))
                    with torch.no_grad():
                        _fill(tensor, norm=norm, name=full, generator=generator)
                made[id(param)] = torch.nn.Parameter(tensor, requires_grad=False)
                made[id(made[id(param)])] = made[id(param)]  # a module reached twice (shared) sees it done
            sub._parameters[pname] = made[id(param)]
        for bname, buffer in list(sub._buffers.items()):
            if buffer is not None:
                sub._buffers[bname] = buffer.to(device)
    module.eval()


def build_component(component: dict, key: str, seed: int, device, dtype: torch.dtype):
    """One component with dummy weights (``component["dtype"]``, e.g. fp32 for Wan's VAE, overrides ``dtype``)."""
    from accelerate import init_empty_weights

    with init_empty_weights(include_buffers=False):
        module = instantiate(component)
    if hasattr(module, "tie_weights"):  # transformers ties embeddings at init; the meta context re-wraps (unties) them
        module.tie_weights()
    own = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}.get(component.get("dtype"), dtype)
    materialize(module, key, seed, torch.device(device), own)
    return module


def count_parameters(module: torch.nn.Module) -> int:
    """Parameters of ``module``, tied ones counted once."""
    return sum(p.numel() for p in {id(p): p for p in module.parameters()}.values())


class StubTokenizer:
    """Stands in for a model's tokenizer without its vocabulary files: deterministic ids, the real padded length.

    ``kind`` ``words``: one token per whitespace-separated word plus an end token (close to T5/Qwen counts
    for English prompts); ``bytes``: one per UTF-8 byte plus an end token (ByT5). ``template_tokens``: tokens
    that ``apply_chat_template`` puts before the user's text (the pipeline crops them, e.g. 108 for
    HunyuanVideo 1.5's system prompt); 5 more close the template. Padding is on the right with id 0.
    """

    def __init__(self, vocab_size: int, kind: str = "words", template_tokens: int = 0):
        self.vocab_size, self.kind, self.template_tokens = int(vocab_size), kind, int(template_tokens)

    def _ids(self, text: str) -> list[int]:
        pieces = list(text.encode("utf-8")) if self.kind == "bytes" else text.split()
        return [1 + _seed_of("token", piece) % (self.vocab_size - 1) for piece in pieces] + [1]

    def _batch(self, rows: list[list[int]], max_length: int | None, padding, truncation: bool):
        from transformers import BatchEncoding

        if truncation and max_length is not None:
            rows = [row[:max_length] for row in rows]
        width = max_length if padding == "max_length" and max_length is not None else max(len(r) for r in rows)
        ids = torch.zeros(len(rows), width, dtype=torch.long)
        mask = torch.zeros(len(rows), width, dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, :len(row)] = torch.tensor(row, dtype=torch.long)
            mask[i, :len(row)] = 1
        return BatchEncoding({"input_ids": ids, "attention_mask": mask})

    def __call__(self, text, padding="max_length", max_length=None, truncation=True, **_):
        texts = [text] if isinstance(text, str) else list(text)
        return self._batch([self._ids(t) for t in texts], max_length, padding, truncation)

    def apply_chat_template(self, conversations, padding="max_length", max_length=None, truncation=True, **_):
        rows = []
        for conversation in conversations:
            user = " ".join(m["content"] for m in conversation if m.get("role") == "user")
            head = [1 + i % (self.vocab_size - 1) for i in range(self.template_tokens)]
            rows.append(head + self._ids(user) + [2, 3, 4, 5, 6])
        return self._batch(rows, max_length, padding, truncation)


def build_pipeline(desc: dict, *, seed: int, text: str, device, dtype: torch.dtype):
    """The pipeline of ``desc`` with dummy weights on ``device`` (``text``: one of :data:`TEXT_OPTIONS`)."""
    if text not in TEXT_OPTIONS:
        raise UsageError(f"text {text!r} is not one of {', '.join(TEXT_OPTIONS)}")
    name = desc["name"]
    parts = {}
    roles = ["transformer", "transformer_2", "vae"]
    if text == "encoder":
        roles += ["text_encoder", "text_encoder_2"]
    for role in roles:
        if desc.get(role) is not None:
            parts[role] = build_component(desc[role], f"{name}/{role}", seed, device, dtype)
    scheduler = _class(desc["scheduler"]["class"])(**desc["scheduler"].get("config", {}))
    settings = dict(desc.get("pipeline", {}))
    pipeline_class = settings.pop("class")

    def tokenizer(role: str, template_tokens: int = 0):
        if role not in parts:
            return None
        spec = desc[role.replace("text_encoder", "tokenizer")]
        return StubTokenizer(spec["vocab_size"], spec.get("kind", "words"), template_tokens)

    if desc["family"] == "wan":
        experts = int(desc.get("experts", 1))
        pipe = _class(pipeline_class)(
            tokenizer=tokenizer("text_encoder"), text_encoder=parts.get("text_encoder"), vae=parts["vae"],
            scheduler=scheduler, transformer=parts["transformer"], transformer_2=parts.get("transformer_2"),
            boundary_ratio=desc.get("boundary_ratio") if experts == 2 else None,
        )
    elif desc["family"] == "hunyuanvideo15":
        from diffusers import ClassifierFreeGuidance

        template = int(settings.get("prompt_template_encode_start_idx", 0))
        pipe = _class(pipeline_class)(
            text_encoder=parts.get("text_encoder"), tokenizer=tokenizer("text_encoder", template),
            transformer=parts["transformer"], vae=parts["vae"], scheduler=scheduler,
            text_encoder_2=parts.get("text_encoder_2"), tokenizer_2=tokenizer("text_encoder_2"),
            guider=ClassifierFreeGuidance(guidance_scale=float(settings.pop("guidance_scale", 6.0))),
        )
        for attribute in ("tokenizer_max_length", "tokenizer_2_max_length", "vision_num_semantic_tokens",
                          "prompt_template_encode_start_idx"):
            if attribute in settings:
                setattr(pipe, attribute, int(settings[attribute]))
    else:
        raise ModelLoadError(f"model {name}: family {desc['family']} has no dummy builder")
    return pipe


def _draw(text: str, salt: str, shape: tuple[int, ...]) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(_seed_of(salt, text)))


def _padded(text: str, salt: str, tokens: int, dim: int, real: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(1, tokens, dim) embeddings whose first ``real`` rows are random and the rest zero, and the mask."""
    mask = (torch.arange(tokens) < min(real, tokens)).long()[None]
    return _draw(text, salt, (1, tokens, dim)) * mask[..., None], mask


def prompt_inputs(pipe, family: str, text: str, max_sequence_length: int | None = None) -> dict:
    """Random prompt embeddings of the shape the model's text encoders give (``dummy-embeddings``).

    Wan: ``(1, max_sequence_length, text_dim)``, zero after the prompt's tokens, as WanPipeline pads them.
    HunyuanVideo 1.5: the MLLM ``(1, tokenizer_max_length, text_embed_dim)`` and ByT5
    ``(1, tokenizer_2_max_length, text_embed_2_dim)`` embeddings with their masks (ByT5 all padding unless the
    prompt quotes text, as the pipeline does).
    """
    real = len(text.split()) + 1
    config = pipe.transformer.config
    if family == "wan":
        embeds, _ = _padded(text, "dummy-wan", int(max_sequence_length), int(config.text_dim), real)
        return {"prompt_embeds": embeds}
    embeds, mask = _padded(text, "dummy-hv-mllm", int(pipe.tokenizer_max_length), int(config.text_embed_dim), real)
    glyph = '"' in text or "\u201c" in text
    embeds_2, mask_2 = _padded(text, "dummy-hv-byt5", int(pipe.tokenizer_2_max_length), int(config.text_embed_2_dim),
                               len(text.encode("utf-8")) + 1 if glyph else 0)
    return {"prompt_embeds": embeds, "prompt_embeds_mask": mask, "prompt_embeds_2": embeds_2,
            "prompt_embeds_mask_2": mask_2}
