"""torch.profiler over three split-lse calls at 6x (patterns 0 and 1): kernel time by name."""
import json, sys, torch
sys.path.insert(0, "lvsa-runner/worker")
from lvsa_worker.kernels import plan_fbs, fbs_attention
from torch.profiler import profile, ProfilerActivity
plan_doc = json.load(open("contracts/attention-plan/v1/golden/wan2.1-t2v-1.3b_lvsa_481f.json"))
mask = plan_doc["mask"]
for pat in (0, 1):
    rows = mask["patterns"][mask["step_patterns"][pat]]["rows"]
    g = torch.Generator(device="cuda").manual_seed(0)
    S = 121 * 1560
    q, k, v = (torch.randn(1, S, 12, 128, generator=g, device="cuda", dtype=torch.bfloat16) for _ in range(3))
    for streams in (1,):  # the run also timed streams=2, an option that was not kept
        plan = plan_fbs(rows, 1560, 0, 12, 128, "cuda", torch.bfloat16, method="split-lse")
        for _ in range(3):
            fbs_attention(q, k, v, plan)
        torch.cuda.synchronize()
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            for _ in range(3):
                fbs_attention(q, k, v, plan)
            torch.cuda.synchronize()
        print(f"== pattern {pat} streams {streams}")
        print(prof.key_averages().table(sort_by="cuda_time_total", row_limit=12, max_name_column_width=70))
        ev = [e for e in prof.events() if e.device_type.name == "CUDA"]
        big = sorted(ev, key=lambda e: -e.device_time)[:3]
        for e in big:
            print("  longest:", e.name[:60], round(e.device_time / 1e3, 3), "ms")
