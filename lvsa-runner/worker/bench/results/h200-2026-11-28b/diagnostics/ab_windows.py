"""Warm-state A/B, interleaved: anchor-shaped call vs a 9-item window call with overlapping strided K/V vs
the same windows copied contiguous. CUDA events, medians of 30."""
import math, statistics, torch
P, H, D, T = 1560, 12, 128, 121
scale = 1 / math.sqrt(D)
g = torch.Generator(device="cuda").manual_seed(0)
q, k, v = (torch.randn(1, T * P, H, D, generator=g, device="cuda", dtype=torch.bfloat16) for _ in range(3))
def call(qq, kk, vv):
    return torch.ops.aten._scaled_dot_product_cudnn_attention(qq, kk, vv, None, True, 0.0, False, False, scale=scale)
anchor = lambda: call(q.transpose(1, 2), k[:, : 15 * P].transpose(1, 2), v[:, : 15 * P].transpose(1, 2))
count, L, s0 = 9, 7, 20
qw = q[0, 30 * P: (30 + count) * P].unflatten(0, (count, P)).transpose(1, 2)
def strided(x):
    s_s, s_h = x.stride(1), x.stride(2)
    return x.as_strided((count, H, L * P, D), (P * s_s, s_h, s_s, 1), x.storage_offset() + s0 * P * s_s)
ks, vs = strided(k), strided(v)
kc, vc = ks.transpose(1, 2).contiguous().transpose(1, 2), vs.transpose(1, 2).contiguous().transpose(1, 2)
cases = {"anchor": (anchor, 4 * T * P * 15 * P * D * H),
         "window strided": (lambda: call(qw, ks, vs), 4 * count * P * L * P * D * H),
         "window contiguous": (lambda: call(qw, kc, vc), 4 * count * P * L * P * D * H)}
o1, o2 = call(qw, ks, vs)[0], call(qw, kc, vc)[0]
print("strided == contiguous:", torch.equal(o1, o2))
for _ in range(20):
    anchor()
torch.cuda.synchronize()
times = {name: [] for name in cases}
for it in range(30):
    for name, (fn, fl) in cases.items():
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record(); fn(); b.record(); torch.cuda.synchronize(); times[name].append(a.elapsed_time(b))
for name, (fn, fl) in cases.items():
    ms = statistics.median(times[name])
    print(f"{name:18} {ms:8.3f} ms {fl / ms / 1e9:6.0f} TFLOP/s (min {min(times[name]):.3f})")
