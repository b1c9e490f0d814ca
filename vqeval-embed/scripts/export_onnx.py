"""Export a DINOv2 or CLIP image encoder to ONNX for ``vqeval --embedder``, with its sidecar JSON.

Run with the worker's environment (it has torch and transformers; the ONNX exporter also needs the
``onnx`` package: ``.venv/bin/pip install onnx``)::

    .venv/bin/python vqeval-embed/scripts/export_onnx.py dino  WEIGHTS_DIR  models/dinov2-small.onnx
    .venv/bin/python vqeval-embed/scripts/export_onnx.py clip  WEIGHTS_DIR  models/clip-vit-b32.onnx

WEIGHTS_DIR is a local Hugging Face folder (config.json plus weights), e.g. a copy of
facebook/dinov2-small or openai/clip-vit-base-patch32; nothing is downloaded. Without weights,
``--random tiny`` builds a small random-weight model of the same architecture (smoke tests) and
``--random full`` one of the real size (DINOv2-S/14, CLIP ViT-B/32: timing); their features mean nothing.

DINO is exported with free height and width and ``"crop": false`` (VBench resizes the shorter side to 224
and does not crop); CLIP takes 224x224 centre crops. The output is the image feature VBench uses: DINO's
class token (``pooler_output``), CLIP's projected image embedding (``image_embeds``).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

IMAGENET = ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
CLIP_STATS = ([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])


def build(kind: str, weights: str | None, random: str | None = None):
    import torch
    from transformers import (CLIPVisionConfig, CLIPVisionModelWithProjection, Dinov2Config,
                              Dinov2Model)

    torch.manual_seed(0)
    if kind == "dino":
        if weights:
            model = Dinov2Model.from_pretrained(weights, local_files_only=True)
        elif random == "full":  # DINOv2-S/14's shape
            model = Dinov2Model(Dinov2Config(hidden_size=384, num_hidden_layers=12, num_attention_heads=6,
                                             intermediate_size=1536, patch_size=14, image_size=518))
        else:
            model = Dinov2Model(Dinov2Config(hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
                                             intermediate_size=128, patch_size=14, image_size=224))
        pick = "pooler_output"
    else:
        if weights:
            model = CLIPVisionModelWithProjection.from_pretrained(weights, local_files_only=True)
        elif random == "full":  # CLIP ViT-B/32's shape
            model = CLIPVisionModelWithProjection(CLIPVisionConfig(
                hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
                patch_size=32, image_size=224, projection_dim=512))
        else:
            model = CLIPVisionModelWithProjection(CLIPVisionConfig(
                hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128,
                patch_size=32, image_size=224, projection_dim=32))
        pick = "image_embeds"

    class Features(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, pixels):
            return getattr(self.inner(pixel_values=pixels), pick)

    return Features(model.eval())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("kind", choices=["dino", "clip"])
    p.add_argument("weights", nargs="?", help="local Hugging Face folder (omit with --random-tiny)")
    p.add_argument("out", help="the .onnx file to write (its sidecar goes beside it as OUT.json)")
    p.add_argument("--random", choices=["tiny", "full"],
                   help="random weights instead of WEIGHTS_DIR: tiny (smoke tests) or full size (timing)")
    a = p.parse_args(argv)
    if bool(a.weights) == bool(a.random):
        p.error("give WEIGHTS_DIR or --random, not both or neither")
    if a.weights and not Path(a.weights, "config.json").is_file():
        p.error(f"{a.weights}: not a Hugging Face model folder (no config.json)")
    try:
        import onnx  # noqa: F401  (the exporter needs it)
    except ImportError:
        p.error("the ONNX exporter needs the onnx package: .venv/bin/pip install onnx")
    import torch

    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    model = build(a.kind, a.weights, a.random)
    free = {0: "batch", 2: "height", 3: "width"} if a.kind == "dino" else {0: "batch"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (torch.zeros(1, 3, 224, 224),), str(out), input_names=["pixels"],
                          output_names=["features"], dynamic_axes={"pixels": free, "features": {0: "batch"}},
                          opset_version=17, dynamo=False)
    mean, std = IMAGENET if a.kind == "dino" else CLIP_STATS
    sidecar = {"kind": a.kind, "size": 224, "crop": a.kind == "clip", "mean": mean, "std": std}
    Path(str(out) + ".json").write_text(json.dumps(sidecar, indent=2) + "\n")
    print(f"wrote {out} and {out}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
