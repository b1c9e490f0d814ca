"""Lead-finding: does cuDNN offer an SDPA engine faster than the one PyTorch's cuDNN path picks, at the
shapes split-lse issues (dense 2x, the 6x anchor call, a 6x window call)? Times every plan cudnn-frontend
lists (heur modes A, B, FALLBACK), CUDA events, median of 5 after 2 warm-ups."""
import math, statistics, sys, time, traceback
import torch
import cudnn

print("cudnn-frontend", cudnn.__version__, "backend", cudnn.backend_version(), flush=True)
handle = cudnn.create_handle()
cudnn.set_stream(handle=handle, stream=torch.cuda.current_stream().cuda_stream)
scale = 1 / math.sqrt(128)


def timed(fn, n=5):
    for _ in range(2):
        fn()
    ts = []
    for _ in range(n):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record(); fn(); b.record(); torch.cuda.synchronize(); ts.append(a.elapsed_time(b))
    return statistics.median(ts)


SHAPES = [("dense-2x", 1, 63960, 63960), ("anchor-6x", 1, 188760, 23400), ("window-6x", 9, 1560, 10920)]
for label, B, Sq, Sk in SHAPES:
    H = 12
    flops = 4 * B * H * Sq * Sk * 128
    g0 = torch.Generator(device="cuda").manual_seed(0)
    q = torch.randn(B, Sq, H, 128, device="cuda", dtype=torch.bfloat16, generator=g0).transpose(1, 2)
    k = torch.randn(B, Sk, H, 128, device="cuda", dtype=torch.bfloat16, generator=g0).transpose(1, 2)
    v = torch.randn(B, Sk, H, 128, device="cuda", dtype=torch.bfloat16, generator=g0).transpose(1, 2)
    ref = lambda: torch.ops.aten._scaled_dot_product_cudnn_attention(q, k, v, None, True, 0.0, False, False, scale=scale)
    ms = timed(ref)
    ref_o = ref()[0]
    print(f"{label}: torch cudnn path {ms:.3f} ms {flops / ms / 1e9:.0f} TFLOP/s", flush=True)
    o = torch.empty(B, Sq, H, 128, device="cuda", dtype=torch.bfloat16).transpose(1, 2)
    stats = torch.empty(B, H, Sq, 1, device="cuda", dtype=torch.float32)
    try:
        g = cudnn.pygraph(io_data_type=cudnn.data_type.BFLOAT16, intermediate_data_type=cudnn.data_type.FLOAT,
                          compute_data_type=cudnn.data_type.FLOAT, handle=handle)
        qg, kg, vg = g.tensor_like(q), g.tensor_like(k), g.tensor_like(v)
        og, sg = g.sdpa(name="sdpa", q=qg, k=kg, v=vg, generate_stats=True, attn_scale=scale)
        og.set_output(True).set_dim(list(o.shape)).set_stride(list(o.stride()))
        sg.set_output(True).set_data_type(cudnn.data_type.FLOAT).set_dim(list(stats.shape)).set_stride(list(stats.stride()))
        g.validate(); g.build_operation_graph()
        g.create_execution_plans([cudnn.heur_mode.A, cudnn.heur_mode.B, cudnn.heur_mode.FALLBACK])
        try:
            g.check_support()
        except Exception as exc:
            print("  check_support:", exc, flush=True)
        n = g.get_execution_plan_count()
        print(f"  {n} plans", flush=True)
    except Exception:
        traceback.print_exc(); continue
    started = time.time()
    for i in range(min(n, 24)):
        if time.time() - started > 45:
            print("  time budget for this shape used up"); break
        try:
            name = g.get_plan_name_at_index(i)
        except Exception as exc:
            name = f"? ({exc})"
        try:
            t0 = time.time()
            g.build_plan_at_index(i)
            build_s = time.time() - t0
            ws = torch.empty(max(g.get_workspace_size(), 1), device="cuda", dtype=torch.uint8)
            pack = {qg: q, kg: k, vg: v, og: o, sg: stats}
            ms = timed(lambda: g.execute(pack, ws, handle=handle))
            err = ((o.float() - ref_o.float()).norm() / ref_o.float().norm()).item()
            print(f"  plan {i:2d} {name[:90]}: {ms:.3f} ms {flops / ms / 1e9:.0f} TFLOP/s (build {build_s:.1f} s, "
                  f"rel diff to torch {err:.1e})", flush=True)
        except Exception as exc:
            print(f"  plan {i:2d} {name[:90]}: failed: {type(exc).__name__}: {str(exc)[:160]}", flush=True)
