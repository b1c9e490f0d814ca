"""Split-lse's varlen window call with its partial query tiles split off (``query_tails="split"``), on CPU.

FA4 cannot run here; a stand-in computes each variable-length sequence with plain attention (test_fbs_inner's
``reference_fa4_module``). The frames hold 24 queries and the tile is 16 rows, so every window sequence has a full
tile in the main call and an 8-row tail (a folded segment: a longer tail) that goes to the tail call. Each case
checks the attention against masked dense attention, and the plan against its promise: every query row of a window
runs exactly once in the main call or as a tail, and each tail row's partials cover its window exactly once.
"""

import math

import pytest
import torch
from fbs_cases import LVSA_LIKE_T10, LVSA_LIKE_T12, MIXED_T4, WINDOW_ONLY_T6
from test_fbs_frame_order import back_to_natural, in_frame_order
from test_fbs_inner import VARLEN_ROWS, reference_fa4_module

from lvsa_worker.kernels import masked_reference_attention, sdpa_ops, split_lse
from lvsa_worker.kernels.rows import anchor_window_form, validate_rows
from lvsa_worker.kernels.varlen_tails import plan_window_part

P, D, HEADS, TILE = 24, 16, 2, 16
CASES = {"lvsa_t10": LVSA_LIKE_T10, "lvsa_t12": LVSA_LIKE_T12, "window_only_t6": WINDOW_ONLY_T6, "mixed_t4": MIXED_T4,
         "varlen_rows": VARLEN_ROWS}


@pytest.fixture
def fa4_stand_in(monkeypatch):
    calls = []
    monkeypatch.setattr(sdpa_ops, "fa4_module", lambda: reference_fa4_module(calls))
    monkeypatch.setattr(split_lse, "attention_with_lse", lambda q, k, v, scale, backend: sdpa_ops._fa4(q, k, v, scale, True))
    monkeypatch.setattr(split_lse, "dense_attention", lambda q, k, v, scale, backend: sdpa_ops._fa4(q, k, v, scale, False)[0])
    return calls


def plan_for(rows, input_order="natural", merge="torch", tile=TILE, query_tails="split"):
    form = anchor_window_form(validate_rows(rows))
    return split_lse.plan_split_lse(form, P, 0, torch.device("cpu"), window_mode="varlen", backend="fa4", merge=merge,
                                    input_order=input_order, query_tails=query_tails, query_tile=tile)


def run(rows, plan, seed=0):
    gen = torch.Generator().manual_seed(seed)
    q, k, v = (torch.randn(2, len(rows) * P, HEADS, D, generator=gen) for _ in range(3))
    order = plan.frame_order or tuple(range(len(rows)))
    out = split_lse.run_split_lse(*(in_frame_order(t, order, P) for t in (q, k, v)), plan, P, 0, 1 / math.sqrt(D))
    return back_to_natural(out, order, P), masked_reference_attention(q, k, v, rows, P, 0)


@pytest.mark.parametrize("merge", ["torch", "triton"])
@pytest.mark.parametrize("input_order", ["natural", "compact"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_split_tails_give_the_masked_reference(fa4_stand_in, case, input_order, merge):
    plan = plan_for(CASES[case], input_order, merge)
    got, expected = run(CASES[case], plan)
    torch.testing.assert_close(got, expected, atol=2e-5, rtol=1e-4)
    # two variable-length calls per batch item: the full tiles, then the tails
    assert sum("varlen" in c for c in fa4_stand_in) == 2 * plan.varlen.calls == 4


def test_a_tile_longer_than_every_sequence_sends_every_window_row_to_the_tail_call(fa4_stand_in):
    plan = plan_for(LVSA_LIKE_T10, tile=4096)
    assert plan.varlen.main is None and plan.varlen.tails is not None
    got, expected = run(LVSA_LIKE_T10, plan)
    torch.testing.assert_close(got, expected, atol=2e-5, rtol=1e-4)


def test_rows_that_fill_whole_tiles_leave_no_tail_call(fa4_stand_in):
    plan = plan_for(LVSA_LIKE_T10, tile=8)  # 24 rows = 3 tiles of 8
    assert plan.varlen.tails is None and plan.varlen.calls == 1
    got, expected = run(LVSA_LIKE_T10, plan)
    torch.testing.assert_close(got, expected, atol=2e-5, rtol=1e-4)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_window_row_runs_once_and_each_tail_covers_its_window_once(case):
    whole = plan_for(CASES[case], query_tails="whole").varlen.main
    part = plan_for(CASES[case]).varlen
    windows = {}  # query row -> its key rows, from the whole-tile plan
    for q0, qn, k0, kn in zip(whole.cu_q[:-1].tolist(), whole.used_q.tolist(), whole.cu_k[:-1].tolist(),
                              whole.used_k.tolist(), strict=True):
        windows.update({row: set(range(k0, k0 + kn)) for row in range(q0, q0 + qn)})
    main_rows = []
    for q0, qn, k0, kn in zip(part.main.cu_q[:-1].tolist(), part.main.used_q.tolist(), part.main.cu_k[:-1].tolist(),
                              part.main.used_k.tolist(), strict=True):
        assert qn % TILE == 0  # full tiles only
        for row in range(q0, q0 + qn):
            assert set(range(k0, k0 + kn)) == windows[row]
            main_rows.append(row)
    tails = part.tails
    tail_rows = tails.rows.tolist()
    assert sorted(main_rows + tail_rows) == sorted(windows)  # each window row once, in one call or the other
    gathered = tails.gather.tolist()
    seq_keys = [set(range(k0, k0 + kn)) for k0, kn in zip(tails.windows.cu_k[:-1].tolist(), tails.windows.used_k.tolist(),
                                                           strict=True)]
    seq_of = [i for i, (q0, qn) in enumerate(zip(tails.windows.cu_q[:-1].tolist(), tails.windows.used_q.tolist(),
                                                  strict=True)) for _ in range(qn)]
    for row, parts in zip(tail_rows, tails.parts.tolist(), strict=True):
        parts = [p for p in parts if p < len(gathered)]
        assert all(gathered[p] == row for p in parts)
        covered = [key for p in parts for key in seq_keys[seq_of[p]]]
        assert len(covered) == len(set(covered)) and set(covered) == windows[row]


def test_the_tail_call_holds_one_sequence_per_key_interval_of_sliding_windows():
    # three windows of 3 frames (P keys each) sliding a frame at a time, tails of 8 rows: intervals are frames
    items = [(0, 24, 0, 72), (24, 24, 24, 72), (48, 24, 48, 72)]
    part = plan_window_part(items, "split", TILE, torch.device("cpu"))
    assert part.main.used_q.tolist() == [16, 16, 16]
    assert part.tails.windows.cu_k[:-1].tolist() == [0, 24, 48, 72, 96]  # key frames 0-4
    assert part.tails.windows.used_q.tolist() == [8, 16, 24, 16, 8]  # tails of the windows covering each frame
    assert part.tails.parts.shape == (24, 3)


@pytest.mark.parametrize("options, message", [
    (dict(window_mode="strided"), r"query_tails must be one of \('whole', 'split'\) \('split' with window_mode "
                                  r"'varlen' only\), got 'split' with window_mode 'strided'"),
    (dict(query_tails="halves"), "query_tails must be one of"),
    (dict(query_tile=0), r"query_tile must be a positive integer \(query rows per tile\), got 0"),
])
def test_impossible_tail_options_are_refused(options, message):
    args = dict(window_mode="varlen", backend="fa4", query_tails="split") | options
    with pytest.raises(ValueError, match=message):
        split_lse.plan_split_lse(anchor_window_form(validate_rows(LVSA_LIKE_T10)), P, 0, torch.device("cpu"), **args)
