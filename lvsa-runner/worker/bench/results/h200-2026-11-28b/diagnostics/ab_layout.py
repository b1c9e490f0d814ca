"""Interleaved A/B in warm state: do overlapping strided window K/V cost less in head-major (BHSD) memory than in
token-major (BSHD) memory? Also the anchor call with head-major K/V. CUDA events, medians of 30."""
import math, statistics, torch
P, H, D, T = 1560, 12, 128, 121
scale = 1 / math.sqrt(D)
g = torch.Generator(device="cuda").manual_seed(0)
q, k, v = (torch.randn(1, T * P, H, D, generator=g, device="cuda", dtype=torch.bfloat16) for _ in range(3))
kh, vh = (x.transpose(1, 2).contiguous() for x in (k, v))  # (1, H, S, D) head-major copies
def call(qq, kk, vv):
    return torch.ops.aten._scaled_dot_product_cudnn_attention(qq, kk, vv, None, True, 0.0, False, False, scale=scale)
count, L, s0 = 9, 7, 20
qw = q[0, 30 * P: (30 + count) * P].unflatten(0, (count, P)).transpose(1, 2)
def win_bshd(x):  # x (1, S, H, D)
    s_s, s_h = x.stride(1), x.stride(2)
    return x.as_strided((count, H, L * P, D), (P * s_s, s_h, s_s, 1), x.storage_offset() + s0 * P * s_s)
def win_bhsd(x):  # x (1, H, S, D)
    s_h, s_s = x.stride(1), x.stride(2)
    return x.as_strided((count, H, L * P, D), (P * s_s, s_h, s_s, 1), x.storage_offset() + s0 * P * s_s)
kb, vb = win_bshd(k), win_bshd(v)
khw, vhw = win_bhsd(kh), win_bhsd(vh)
kc, vc = kb.transpose(1, 2).contiguous().transpose(1, 2), vb.transpose(1, 2).contiguous().transpose(1, 2)
fa, fw = 4 * T * P * 15 * P * D * H, 4 * count * P * L * P * D * H
cases = {
    "anchor K/V BSHD": (lambda: call(q.transpose(1, 2), k[:, :15 * P].transpose(1, 2), v[:, :15 * P].transpose(1, 2)), fa),
    "anchor K/V BHSD": (lambda: call(q.transpose(1, 2), kh[:, :, :15 * P], vh[:, :, :15 * P]), fa),
    "window strided BSHD": (lambda: call(qw, kb, vb), fw),
    "window strided BHSD": (lambda: call(qw, khw, vhw), fw),
    "window contiguous": (lambda: call(qw, kc, vc), fw),
}
ref = call(qw, kc, vc)[0]
print("strided BHSD == contiguous:", torch.equal(call(qw, khw, vhw)[0], ref), " strided BSHD == contiguous:",
      torch.equal(call(qw, kb, vb)[0], ref))
for _ in range(20):
    cases["anchor K/V BSHD"][0]()
torch.cuda.synchronize()
times = {name: [] for name in cases}
for it in range(30):
    for name, (fn, fl) in cases.items():
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record(); fn(); b.record(); torch.cuda.synchronize(); times[name].append(a.elapsed_time(b))
for name, (fn, fl) in cases.items():
    ms = statistics.median(times[name])
    print(f"{name:22} {ms:8.3f} ms {fl / ms / 1e9:6.0f} TFLOP/s (min {min(times[name]):.3f})")
# back to back: 20 window calls in a row per variant, one event pair
for name in ("window strided BSHD", "window strided BHSD", "window contiguous"):
    fn, fl = cases[name]
    a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    a.record()
    for _ in range(20):
        fn()
    b.record(); torch.cuda.synchronize()
    ms = a.elapsed_time(b) / 20
    print(f"{name:22} back-to-back {ms:8.3f} ms {fl / ms / 1e9:6.0f} TFLOP/s")
