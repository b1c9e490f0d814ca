"""Command line: ``python -m lvsa_worker generate|serve|backends``.

An installed worker has the same entry as the ``lvsa-worker`` script (pyproject.toml's ``[project.scripts]``).

``generate`` prints exactly one JSON result line on stdout (everything else goes to stderr) and exits
0 when the status is ok, 2 for a bad request (invalid plan, geometry mismatch, bad option), 1 otherwise
(oom, timeout, backend unavailable, runtime error).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from pathlib import Path

from . import __version__
from .contracts import backend_names

# The worker shares its CPU with other processes (the Java runner, VQeval); OpenMP's default busy-wait
# makes CPU inference many times slower when cores are oversubscribed. Must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


# --help text is plain text, written here rather than taken from docstrings (which are reST for the API docs).
_DESCRIPTION = """The Python worker of lvsa-toolkit: runs video diffusion models with the attention plans that
the Java runner writes."""
_EPILOG = """Run a command with --help for its options.
Exit codes: 0 ok, 1 failure (a job failed), 2 bad input or usage."""
_GENERATE_DESCRIPTION = """Run one job and write an mp4.

Prints exactly one JSON result line on stdout; everything else goes to stderr."""
_GENERATE_EPILOG = """Exit codes: 0 the status is ok; 1 failure (oom, timeout, backend unavailable, runtime
error); 2 bad request (invalid plan, geometry mismatch, bad option)."""
_SERVE_DESCRIPTION = """Serve jobs: one JSON generate request per line on stdin, one JSON message per line on
stdout (ready, progress, result, error). The protocol is contracts/worker-protocol/v1/ (JSON Schemas; guide:
contracts/worker-protocol.md)."""
_SERVE_EPILOG = """Exit codes: 0 when stdin closes; 1 start-up failed (unknown device, the --model preload failed);
2 bad usage."""
_BACKENDS_DESCRIPTION = """List the attention backends and whether each can run on the device, as JSON on
stdout (for fbs also which inner kernel it would use)."""
_BACKENDS_EPILOG = "Exit codes: 0 ok; 2 unknown device or bad usage."


def _parser() -> argparse.ArgumentParser:
    script = Path(sys.argv[0]).stem == "lvsa-worker"  # the console script; else python -m lvsa_worker
    plain = argparse.RawDescriptionHelpFormatter  # keeps the line breaks of the texts above
    parser = argparse.ArgumentParser(prog="lvsa-worker" if script else "python -m lvsa_worker",
                                     description=_DESCRIPTION, epilog=_EPILOG, formatter_class=plain)
    parser.add_argument("--version", action="version", version=f"lvsa-worker {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = sub.add_parser("generate", help="run one job and write an mp4", description=_GENERATE_DESCRIPTION,
                         epilog=_GENERATE_EPILOG, formatter_class=plain)
    gen.add_argument("--model", required=True, help="preset (tiny-wan, tiny-wan22, tiny-hv15) or local diffusers folder; "
                     "with --weights dummy also a registry model (contracts/models/real-models.json)")
    gen.add_argument("--plan", required=True, help="attention plan JSON file")
    gen.add_argument("--frames", type=int, required=True, help="video frames (F; latent frames = (F-1)/4+1)")
    gen.add_argument("--height", type=int, required=True)
    gen.add_argument("--width", type=int, required=True)
    gen.add_argument("--steps", type=int, required=True, help="denoising steps (must equal the plan's)")
    gen.add_argument("--seed", type=int, required=True)
    gen.add_argument("--out", required=True, help="mp4 to write (atomically)")
    gen.add_argument("--device", default="auto", help="cpu, cuda[:i], npu[:i] or auto (default)")
    gen.add_argument("--backend", default=None,
                     choices=backend_names(), help="overrides the plan's backend.name (contracts/backends.json)")
    gen.add_argument("--guidance", type=float, default=5.0, help="classifier-free guidance scale (<=1: off)")
    gen.add_argument("--prompt", default=None)
    gen.add_argument("--negative-prompt", default="")
    gen.add_argument("--fps", type=int, default=16)
    gen.add_argument("--dtype", default=None, help="bf16, fp16, fp32 (default: bf16 on cuda/npu, fp32 on cpu)")
    gen.add_argument("--offload", default="none", choices=["none", "model"], help="diffusers model CPU offload")
    _weights_options(gen)
    gen.add_argument("--timeout-s", type=float, default=None, help="give up after this many seconds (checked per step)")
    gen.add_argument("--timed-steps", type=int, default=None,
                     help="run only this many of the --steps steps, spread over the schedule, and estimate the "
                          "rest (speed runs; the video is not a finished generation)")
    gen.add_argument("--memory-cap-gb", type=float, default=None,
                     help="cap the device memory this process may allocate (10^9 bytes), e.g. 80 to act as an 80 GB card")
    gen.add_argument("--sequence-parallel", action="store_true",
                     help="one video over every rank of a torch.distributed.run launch (Ulysses); rank 0 writes the "
                          "video and prints the result, the other ranks print nothing")
    gen.add_argument("--progress-lines", action="store_true",
                     help="also print protocol progress lines (load, denoise steps, decode, write) before the result "
                          "line; under --sequence-parallel rank 0 alone prints them")

    srv = sub.add_parser("serve", help="JSON-lines jobs on stdin (contracts/worker-protocol.md)",
                         description=_SERVE_DESCRIPTION, epilog=_SERVE_EPILOG, formatter_class=plain)
    srv.add_argument("--model", default=None, help="load this model before printing the ready line")
    srv.add_argument("--device", default="auto")
    srv.add_argument("--dtype", default=None)
    srv.add_argument("--offload", default="none", choices=["none", "model"])
    _weights_options(srv, for_jobs=True)
    srv.add_argument("--cache-size", type=int, default=1, help="models kept loaded at once")

    bk = sub.add_parser("backends", help="list attention backends and whether they run on a device",
                        description=_BACKENDS_DESCRIPTION, epilog=_BACKENDS_EPILOG, formatter_class=plain)
    bk.add_argument("--device", default="auto")
    return parser


def _weights_options(parser, for_jobs: bool = False) -> None:
    default = " (the default for jobs that do not name their own, and for --model)" if for_jobs else ""
    parser.add_argument("--weights", default=None, choices=["dummy"],
                        help="dummy: the model's real architecture with seeded random weights, no checkpoint" + default)
    parser.add_argument("--text", default=None, choices=["encoder", "dummy-embeddings"],
                        help="with --weights dummy: random text encoder(s) of the real size (encoder, the default) "
                             "or random prompt embeddings of the real shape (dummy-embeddings)" + default)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.environ["HF_HUB_OFFLINE"] = "1"  # nothing is downloaded at run time
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.INFO,
                        format="[lvsa_worker] %(levelname)s %(message)s")
    if args.command == "serve":
        from .serve import main_serve

        return main_serve(args)
    if args.command == "backends":
        return _backends(args)
    return _generate(args)


def _generate(args) -> int:
    from .errors import UsageError
    from .generate import DEFAULT_PROMPT, JobSpec, failed_request, run_job
    from .models.loading import ModelCache
    from .protocol import ProtocolOut

    out = ProtocolOut.take_stdout()
    try:
        spec = JobSpec(
            model=args.model, plan=args.plan, frames=args.frames, height=args.height, width=args.width,
            steps=args.steps, seed=args.seed, out=args.out, device=args.device, backend=args.backend,
            guidance=args.guidance, prompt=args.prompt if args.prompt is not None else DEFAULT_PROMPT,
            negative_prompt=args.negative_prompt, fps=args.fps, dtype=args.dtype, offload=args.offload,
            timeout_s=args.timeout_s, weights=args.weights, text=args.text, timed_steps=args.timed_steps,
            memory_cap_gb=args.memory_cap_gb,
        )
        spec.check()
    except UsageError as exc:
        out.send({"type": "result", **failed_request(exc)})
        return 2
    sp = None
    if args.sequence_parallel:
        from .errors import WorkerError
        from .parallel import join_launcher_group

        try:
            sp, spec.device = join_launcher_group(spec.device)
        except (ValueError, WorkerError) as exc:
            out.send({"type": "result", **failed_request(UsageError(str(exc)))})
            return 2
    rank = 0 if sp is None else sp.rank
    progress = None
    if args.progress_lines and rank == 0:
        progress = lambda event: out.send({"type": "progress", **event})  # noqa: E731
    result = run_job(spec, ModelCache(), _with_test_kill(progress, rank), sp=sp)
    if sp is not None:
        import torch.distributed as dist

        dist.destroy_process_group()
    if sp is None or sp.rank == 0:
        out.send({"type": "result", **result})
    if result["status"] == "ok":
        return 0
    return 2 if result.get("error_code") in ("bad_request", "plan_invalid", "geometry_mismatch", "unsupported") else 1


KILL_RANK_ENV = "LVSA_TEST_KILL_RANK"


def _with_test_kill(progress, rank: int):
    """Test hook (for the runner's tests of a rank dying mid-job), inert unless ``LVSA_TEST_KILL_RANK`` is set.

    ``LVSA_TEST_KILL_RANK=RANK:STEP:MARKER``: the process of rank ``RANK`` SIGKILLs itself when denoising step
    ``STEP`` (1-based) has finished, unless the file ``MARKER`` exists; it creates ``MARKER`` first, so only the
    first attempt dies and a retry (same environment) runs through. An empty ``MARKER`` kills every attempt."""
    spec = os.environ.get(KILL_RANK_ENV)
    if not spec:
        return progress
    kill_rank, kill_step, marker = spec.split(":", 2)
    if int(kill_rank) != rank:
        return progress

    def hooked(event: dict) -> None:
        if progress is not None:
            progress(event)
        if event.get("phase") != "denoise" or event.get("step", 0) < int(kill_step):
            return
        if marker:
            if os.path.exists(marker):
                return
            Path(marker).touch()
        logging.getLogger("lvsa_worker").warning("%s: rank %d kills itself after step %s (test hook)",
                                                 KILL_RANK_ENV, rank, event.get("step"))
        os.kill(os.getpid(), signal.SIGKILL)

    return hooked


def _backends(args) -> int:
    from . import devices
    from .attention import availability
    from .errors import WorkerError

    try:
        device = devices.resolve_device(args.device)
    except WorkerError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    table = availability(device.type)
    report = {"device": str(device), "backends": {n: (r or "available") for n, r in table.items()}}
    if table.get("fbs") is None:
        from .attention.fbs import inner_status

        report["fbs_inner"] = inner_status(device)  # e.g. "auto: fa4 (flash-attn-4 4.0.0b36 on sm90)"
    print(json.dumps(report, indent=2))
    return 0
