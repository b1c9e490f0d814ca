"""What each rank runs in the sequence-parallel tests (a module of its own so spawned ranks can import it).

:func:`launch` starts ``world`` CPU processes joined by a gloo group (file rendezvous, no port to race for)
and runs ``fn(sp, *args)`` in each; an exception in any rank fails the calling test with its traceback.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
import uuid

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

CPU = torch.device("cpu")
TIMEOUT_S = 180
FP32 = dict(atol=2e-5, rtol=1e-5)  # float32: sharding changes only how heads are batched into kernels


def _entry(rank: int, world: int, rendezvous: str, fn, args, report_dir: str) -> None:
    """One rank. Its outcome is a file (``rank<r>.ok`` or ``rank<r>.err`` with the traceback) and it leaves with
    ``os._exit``: with TRITON_INTERPRET=1 (set by tests/kernels) a C++ destructor at interpreter exit aborted a
    finished rank now and then, which hid the rank's real outcome behind a SIGABRT."""
    torch.set_num_threads(1)  # CI has 2 cores for all ranks
    outcome = os.path.join(report_dir, f"rank{rank}")
    try:
        dist.init_process_group("gloo", init_method=f"file://{rendezvous}", rank=rank, world_size=world)
        from lvsa_worker.parallel import SequenceParallel

        fn(SequenceParallel.current(), *args)
        dist.destroy_process_group()
    except BaseException:  # noqa: BLE001 - reported to the parent through the file
        with open(outcome + ".err", "w", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
        sys.stderr.flush()
        os._exit(1)
    open(outcome + ".ok", "w").close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def launch(fn, world: int, tmp_path, *args) -> None:
    """Run ``fn(sp, *args)`` on ``world`` gloo ranks; fails with every failed rank's traceback."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # a fresh file per launch: a FileStore file left by an earlier group would make the next one wait forever
    tag = uuid.uuid4().hex
    rendezvous = tmp_path / f"rendezvous-{tag}"
    report_dir = tmp_path / f"ranks-{tag}"
    report_dir.mkdir()
    context = mp.start_processes(_entry, args=(world, str(rendezvous), fn, args, str(report_dir)), nprocs=world,
                                 join=False, start_method="spawn")
    deadline = time.monotonic() + TIMEOUT_S
    finished = False
    try:
        while not finished:
            finished = context.join(timeout=1)
            if not finished and time.monotonic() > deadline:
                break
    except Exception:  # noqa: BLE001 - a rank exited non-zero: its traceback file says why
        pass
    for process in context.processes:
        if process.is_alive():
            process.terminate()
    errors = [(r, (report_dir / f"rank{r}.err").read_text()) for r in range(world)
              if (report_dir / f"rank{r}.err").exists()]
    if errors:
        raise AssertionError("\n".join(f"rank {r} of {world} failed in {fn.__name__}:\n{text}" for r, text in errors))
    missing = [r for r in range(world) if not (report_dir / f"rank{r}.ok").exists()]
    if missing:
        raise AssertionError(f"ranks {missing} of {world} did not finish {fn.__name__} within {TIMEOUT_S} s "
                             "(a collective waiting for a rank that never joins it?) or died without a report")


# ---- attention: sharded == single process ------------------------------------------------------------------

def attention_cases():
    """(name, layout, frame masks, text-mask rows or None): golden plans and sizes the degree does not divide."""
    import plan_docs
    from golden_files import golden_plan_files

    from lvsa_worker.attention import TokenLayout
    from lvsa_worker.plan import FrameMask, load_plan

    cases = []
    golden = {path.name: path for path in golden_plan_files()}
    for name in ("tiny-wan_dense_33f.json", "tiny-wan_lvsa_65f.json", "tiny-hv15_lvsa_65f.json"):
        plan = load_plan(golden[name])
        g = plan.geometry
        masks = list({plan.mask_for_step(s).key: plan.mask_for_step(s) for s in range(plan.steps)}.values())[:2]
        text = None
        if g.text_tokens:  # per-item prefixes of real text, the rest padding (HunyuanVideo 1.5's layout)
            text = [[1] * (g.text_tokens - 5) + [0] * 5, [1] * 3 + [0] * (g.text_tokens - 3)]
        cases.append((name, TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens), masks, text))
    rows = tuple(tuple(tuple(iv) for iv in row) for row in plan_docs.band_rows(5, 1, anchors=(0,)))
    band = FrameMask("band", 5, rows)
    cases.append(("35-video-tokens", TokenLayout(5, 7, 0), [band], None))
    cases.append(("35-video-tokens-scattered-text", TokenLayout(5, 7, 3), [band], [[1, 0, 1], [0, 1, 1]]))
    return cases


def check_attention(sp, heads: int = 6, head_dim: int = 8) -> None:
    from lvsa_worker.attention import TextKeys, resolve
    from lvsa_worker.parallel import UlyssesBackend

    for name, layout, masks, text_rows in attention_cases():
        assert masks, name
        text = None if text_rows is None else TextKeys.from_mask(torch.tensor(text_rows))
        scattered = text is not None and text.prefix_lengths is None
        backends = ["reference", "sdpa-gather"] + ([] if scattered else ["fbs"])
        g = torch.Generator().manual_seed(7)
        shape = (2, layout.sequence_tokens, heads, head_dim)
        q, k, v = (torch.randn(*shape, generator=g) for _ in range(3))
        nv, v_local = layout.video_tokens, sp.local_tokens(layout.video_tokens)
        local = [torch.cat([sp.shard(t[:, :nv]), t[:, nv:]], dim=1) for t in (q, k, v)]
        for backend_name in backends:
            inner = resolve(backend_name, "cpu", False)
            wrapped = UlyssesBackend(inner, sp, heads)
            for mask in masks:
                kwargs = dict(device=CPU, dtype=torch.float32, num_heads=heads, head_dim=head_dim)
                whole_prep = inner.prepare(mask, layout, **kwargs)
                expected = inner.run(whole_prep, q, k, v, text=text)
                prep = wrapped.prepare(mask, layout, **kwargs)
                actual = wrapped.run(prep, *local, text=text)
                where = f"{name} {backend_name} pattern {mask.key} rank {sp.rank}/{sp.degree}"
                assert actual.shape == (2, v_local + layout.text_tokens, heads, head_dim), where
                start = sp.rank * v_local
                real = max(0, min(v_local, nv - start))
                torch.testing.assert_close(actual[:, :real], expected[:, start:start + real], **FP32,
                                           msg=lambda m, where=where: f"{where}: {m}")
                assert not actual[:, real:v_local].any(), f"{where}: padding rows must stay zero"
                torch.testing.assert_close(actual[:, v_local:], expected[:, nv:], **FP32,
                                           msg=lambda m, where=where: f"{where} (text): {m}")
                assert prep.frame_density == whole_prep.frame_density, where


# ---- a whole tiny transformer forward -------------------------------------------------------------------------

_HV_PIPE = {}


def model_case(family: str):
    """(transformer, plan, forward inputs, adapter module) for ``wan`` (tiny Wan, 7 latent frames of 3 x 5 tokens:
    105 video tokens, which 2 ranks do not divide) or ``hv15`` (tiny HunyuanVideo 1.5, 7 frames of 4 x 6 tokens
    and 16 joint text tokens, part of them padding); the plan is an anchored band, as LVSA's rows look."""
    import plan_docs

    from lvsa_worker.models import hunyuan15, presets, wan
    from lvsa_worker.plan import parse_plan

    t = 7
    g = torch.Generator().manual_seed(11)
    if family == "wan":
        model = presets._wan_transformer(7).eval()
        doc = plan_docs.frame_blocks("tiny-wan", 25, 1, [plan_docs.band_rows(t, 1, anchors=(0,))], [0])
        doc["geometry"].update(height=48, width=80, frame_grid=[3, 5], tokens_per_frame=15)
        inputs = dict(hidden_states=torch.randn(1, 16, t, 6, 10, generator=g), timestep=torch.tensor([700.0]),
                      encoder_hidden_states=presets.wan_prompt_embeds("a boat"), return_dict=False)
        return model, parse_plan(doc), inputs, wan
    if "pipe" not in _HV_PIPE:
        _HV_PIPE["pipe"] = presets.build("tiny-hv15")[0]
    model = _HV_PIPE["pipe"].transformer
    doc = plan_docs.frame_blocks("tiny-hv15", 25, 1, [plan_docs.band_rows(t, 1, anchors=(0,))], [0])
    text = presets.hv15_prompt_inputs("a lighthouse in a storm")
    inputs = dict(hidden_states=torch.randn(1, 9, t, 4, 6, generator=g), timestep=torch.tensor([600.0]),
                  encoder_hidden_states=text["embeds"], encoder_attention_mask=text["mask"],
                  encoder_hidden_states_2=text["embeds_2"], encoder_attention_mask_2=text["mask_2"],
                  image_embeds=torch.zeros(1, presets.HV_IMAGE_TOKENS, presets.HV_IMAGE_DIM), return_dict=False)
    return model, parse_plan(doc), inputs, hunyuan15


def forward(family: str, backend_name: str, sp=None):
    """The transformer's output under the plan: one process when ``sp`` is None, else sharded over ``sp``."""
    from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
    from lvsa_worker.parallel import UlyssesBackend
    from lvsa_worker.parallel.blocks import shard_blocks

    model, plan, inputs, adapter = model_case(family)
    g = plan.geometry
    heads = model.config.num_attention_heads
    backend = resolve(backend_name, "cpu", False)
    if sp is not None:
        backend = UlyssesBackend(backend, sp, heads)
    runtime = AttentionRuntime(plan, backend, TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
                               device=CPU, dtype=torch.float32, num_heads=heads,
                               head_dim=model.config.attention_head_dim)
    runtime.begin_step(0)
    restore = adapter.install([model], runtime)
    remove = shard_blocks([model], sp) if sp is not None else (lambda: None)
    try:
        with torch.no_grad():
            out = model(**inputs)[0]
    finally:
        remove()
        restore()
    blocks = getattr(model, "blocks", None) or model.transformer_blocks
    assert runtime.records[0].attention_calls == len(blocks)
    return out


def sharded_forwards(sp, cases: list, out_dir: str) -> None:
    """Every (family, backend) of ``cases`` sharded over ``sp``; every rank saves its output."""
    for family, backend_name in cases:
        out = forward(family, backend_name, sp)
        torch.save(out, os.path.join(out_dir, f"{family}-{backend_name}-rank{sp.rank}.pt"))


# ---- a whole generation job (the pipeline, every denoising step, the VAE) ---------------------------------

def golden_job(model: str, plan_name: str, out_dir: str, **overrides):
    from golden_files import golden_plan_files

    from lvsa_worker.generate import JobSpec
    from lvsa_worker.plan import load_plan

    path = {p.name: p for p in golden_plan_files()}[plan_name]
    g = load_plan(path).geometry
    fields = dict(model=model, plan=str(path), frames=g.video_frames, height=g.height, width=g.width,
                  steps=load_plan(path).steps, seed=3, out=os.path.join(out_dir, f"{path.stem}.mp4"), device="cpu")
    fields.update(overrides)
    return JobSpec(**fields)


def run_recorded(spec, sp, out_dir: str) -> dict:
    """run_job, keeping the float frames the pipeline returned (before uint8 and mp4) as ``<video stem>-frames.pt``."""
    from lvsa_worker import generate
    from lvsa_worker.models.loading import ModelCache

    original = generate.to_uint8

    def record(frames):
        stem = os.path.splitext(os.path.basename(spec.out))[0]
        torch.save(torch.from_numpy(frames.copy()), os.path.join(out_dir, f"{stem}-frames.pt"))
        return original(frames)

    generate.to_uint8 = record
    try:
        return generate.run_job(spec, ModelCache(capacity=1), sp=sp)
    finally:
        generate.to_uint8 = original


def sharded_jobs(sp, jobs: list, out_dir: str) -> None:
    """Each (model, golden plan) job on every rank of ``sp``; rank 0 records the frames and the results."""
    import json

    rank_dir = os.path.join(out_dir, f"rank{sp.rank}")
    os.makedirs(rank_dir, exist_ok=True)
    results = {}
    for model, plan_name in jobs:
        results[plan_name] = run_recorded(golden_job(model, plan_name, rank_dir), sp, rank_dir)
    with open(os.path.join(rank_dir, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle)
