"""Per-kernel durations inside one split-lse call at 6x (pattern 1): anchor call, each window segment, merges."""
import json, sys, torch
sys.path.insert(0, "lvsa-runner/worker")
from lvsa_worker.kernels import plan_fbs, fbs_attention
from torch.profiler import profile, ProfilerActivity
doc = json.load(open("contracts/attention-plan/v1/golden/wan2.1-t2v-1.3b_lvsa_481f.json"))
mask = doc["mask"]
P, H, D = 1560, 12, 128
for pat in (1,):
    rows = mask["patterns"][mask["step_patterns"][pat]]["rows"]
    g = torch.Generator(device="cuda").manual_seed(0)
    S = 121 * P
    q, k, v = (torch.randn(1, S, H, D, generator=g, device="cuda", dtype=torch.bfloat16) for _ in range(3))
    for mode in ("strided", "gather"):
        plan = plan_fbs(rows, P, 0, H, D, "cuda", torch.bfloat16, method="split-lse", window_mode=mode)
        impl = plan.impl
        for _ in range(3):
            fbs_attention(q, k, v, plan)
        torch.cuda.synchronize()
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            fbs_attention(q, k, v, plan)
            torch.cuda.synchronize()
        ev = sorted([e for e in prof.events() if e.device_type.name == "CUDA"], key=lambda e: e.time_range.start)
        attn = [e for e in ev if "sdpa" in e.name]
        other = [e for e in ev if "sdpa" not in e.name]
        n_anchor = len(impl.anchors) * P
        print(f"== pattern {pat} window_mode {mode}: {len(attn)} cuDNN calls, total kernel time "
              f"{sum(e.device_time for e in ev) / 1e3:.2f} ms, span {(ev[-1].time_range.end - ev[0].time_range.start) / 1e3:.2f} ms")
        a = attn[0]
        fl = 4 * S * n_anchor * D * H
        print(f"  anchor call: {a.device_time / 1e3:.3f} ms {fl / a.device_time / 1e6:.0f} TFLOP/s")
        tot_w, tot_fl = 0, 0
        for seg, e in zip(impl.segments, attn[1:]):
            fl = 4 * seg.count * P * seg.length * P * D * H
            tot_w += e.device_time; tot_fl += fl
            print(f"  seg first={seg.first_frame:3d} count={seg.count} fold={seg.fold} delta={seg.delta}: "
                  f"{e.device_time / 1e3:.3f} ms {fl / e.device_time / 1e6:.0f} TFLOP/s")
        print(f"  windows: {tot_w / 1e3:.2f} ms {tot_fl / tot_w / 1e6:.0f} TFLOP/s; other kernels "
              f"{sum(e.device_time for e in other) / 1e3:.2f} ms ({len(other)})")
        gaps = sum(max(0, ev[i + 1].time_range.start - ev[i].time_range.end) for i in range(len(ev) - 1))
        print(f"  idle gaps between kernels: {gaps / 1e3:.2f} ms")
