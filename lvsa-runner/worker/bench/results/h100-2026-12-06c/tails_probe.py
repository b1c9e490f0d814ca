"""Probe: FA4 varlen window call at Wan 6x shapes; full items vs main (used_q multiple of 128) + tail sequences."""
import statistics, torch
from flash_attn.cute import flash_attn_varlen_func as fv

H, D, P, T, A, W = 12, 128, 1560, 121, 15, 7
N = T - A
dev = "cuda"
q = torch.randn(T * P, H, D, device=dev, dtype=torch.bfloat16)
k = torch.randn_like(q); v = torch.randn_like(q)
start = [min(max(c - 3, 0), N - W) for c in range(N)]

def seqs(items):
    q0, qn, k0, kn = (torch.tensor(c, dtype=torch.int32) for c in zip(*items))
    return dict(cu_seqlens_q=torch.cat([q0, q0[-1:] + qn[-1:]]).to(dev), seqused_q=qn.to(dev),
                cu_seqlens_k=torch.cat([k0, k0[-1:] + kn[-1:]]).to(dev), seqused_k=kn.to(dev),
                max_seqlen_q=int(qn.max()), max_seqlen_k=int(kn.max()))

full = seqs([((A + c) * P, P, (A + start[c]) * P, W * P) for c in range(N)])
used = P // 128 * 128
tail = P - used
main = seqs([((A + c) * P, used, (A + start[c]) * P, W * P) for c in range(N)])
# tails: per key frame j, attendee frames' tail rows (copied into one buffer), keys = frame j
rows, items, off = [], [], 0
for j in range(N):
    att = [c for c in range(N) if start[c] <= j < start[c] + W]
    r = [(A + c) * P + used + t for c in att for t in range(tail)]
    items.append((off, len(r), (A + j) * P, P)); rows += r; off += len(r)
tidx = torch.tensor(rows, device=dev)
tails = seqs(items)
print("tail rows", len(rows), "sequences", len(items), "max rows", max(i[1] for i in items))

def timed(fn, n=20, w=3):
    for _ in range(w): fn()
    ts = []
    for _ in range(n):
        a, b = torch.cuda.Event(True), torch.cuda.Event(True)
        a.record(); fn(); b.record(); torch.cuda.synchronize(); ts.append(a.elapsed_time(b))
    return statistics.median(ts)

s = D ** -0.5
f_full = lambda: fv(q, k, v, softmax_scale=s, return_lse=True, **full)
f_main = lambda: fv(q, k, v, softmax_scale=s, return_lse=True, **main)
qt = q.index_select(0, tidx)
f_tailcall = lambda: fv(qt, k, v, softmax_scale=s, return_lse=True, **tails)
f_gather = lambda: q.index_select(0, tidx)
def f_both():
    fv(q, k, v, softmax_scale=s, return_lse=True, **main)
    fv(q.index_select(0, tidx), k, v, softmax_scale=s, return_lse=True, **tails)
for rep in range(2):
    r = {n: timed(f) for n, f in [("full", f_full), ("main", f_main), ("tailcall", f_tailcall), ("gather", f_gather), ("main+gather+tail", f_both)]}
    print("rep", rep, " ".join(f"{n}={t:.3f}ms" for n, t in r.items()), f"ratio full/(both)={r['full']/r['main+gather+tail']:.4f}")
# correctness of tails for one frame against full
o_f, l_f = f_full()
o_m, l_m = f_main()
o_t, l_t = f_tailcall()
print("main rows equal full:", torch.allclose(o_m[A*P:A*P+used].float(), o_f[A*P:A*P+used].float(), atol=1e-2))
# merge the tail partials per original row and compare with the full call's rows
pos = {}
for i, r in enumerate(rows): pos.setdefault(r, []).append(i)
orig = sorted(pos); m = max(len(x) for x in pos.values())
idx = torch.tensor([pos[r] + [len(rows)] * (m - len(pos[r])) for r in orig], device=dev)  # pad -> sentinel
lt = torch.cat([l_t, torch.full((H, 1), float("-inf"), device=dev)], 1)[:, idx]  # (H, R, m)
ot = torch.cat([o_t, torch.zeros(1, H, D, device=dev, dtype=o_t.dtype)], 0)[idx]  # (R, m, H, D)
mx = lt.amax(-1, keepdim=True); w = torch.exp(lt - mx); den = w.sum(-1)
o = torch.einsum("hrm,rmhd->rhd", w, ot.float()) / den.transpose(0, 1)[..., None]
lse = (mx.squeeze(-1) + torch.log(den))
oi = torch.tensor(orig, device=dev)
print("tail merged max abs err vs full:", (o - o_f[oi].float()).abs().max().item(), "lse err", (lse - l_f[:, oi]).abs().max().item())
def f_merge():
    lt = torch.cat([l_t, torch.full((H, 1), float("-inf"), device=dev)], 1)[:, idx]
    ot = torch.cat([o_t, torch.zeros(1, H, D, device=dev, dtype=o_t.dtype)], 0)[idx]
    mx = lt.amax(-1, keepdim=True); w = torch.exp(lt - mx); den = w.sum(-1)
    return torch.einsum("hrm,rmhd->rhd", w, ot.float()) / den.transpose(0, 1)[..., None]
print("torch merge ms", timed(f_merge))
