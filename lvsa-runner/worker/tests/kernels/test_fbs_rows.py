"""Rows: validation, the anchors-plus-window decomposition split-lse relies on, pair counts."""

import pytest
import torch
from fbs_cases import ALL_CASES, EDGES_T5, LVSA_LIKE_T10, LVSA_LIKE_T12, MIXED_T4, USER_T8, WINDOW_ONLY_T6

from lvsa_worker.kernels import token_mask
from lvsa_worker.kernels.rows import WindowSegment, anchor_window_form, attended_pairs, validate_rows

BAD_ROWS = [
    ([], "rows is empty"),
    ("0-2", "must be a list"),
    ([[[0, 1]], []], r"rows\[1\] must be a non-empty list"),
    ([[[0, 1]], [[0, 2]]], r"rows\[1\] has interval \[0, 2\] outside \[0, 1\]"),
    ([[[1, 0]], [[0, 1]]], r"rows\[0\] has interval \[1, 0\] outside .* or reversed"),
    ([[[0, 1], [1, 1]], [[0, 1]]], r"rows\[0\] intervals must be sorted and disjoint"),
    ([[[1, 1], [0, 0]], [[0, 1]]], r"rows\[0\] intervals must be sorted and disjoint"),
    ([[[0, 1, 2]], [[0, 1]]], r"rows\[0\] has \[0, 1, 2\]: each interval must be \[first, last\]"),
    ([[[0, 1.0]], [[0, 1]]], "interval end must be an integer, got 1.0"),
    ([[[True, 1]], [[0, 1]]], "interval start must be an integer, got True"),
]


@pytest.mark.parametrize("rows, message", BAD_ROWS)
def test_bad_rows_are_refused_with_the_values_quoted(rows, message):
    with pytest.raises(ValueError, match=message):
        validate_rows(rows)


def test_adjacent_intervals_mean_their_union():
    assert validate_rows([[[0, 0], [1, 2]], [[2, 2]], [[0, 2]]]) == ((0, 1, 2), (2,), (0, 1, 2))


def test_lvsa_like_t10_splits_into_its_anchors_and_windows():
    form = anchor_window_form(validate_rows(LVSA_LIKE_T10))
    assert form.anchors == (0, 4, 8)
    assert form.non_anchors == (1, 2, 3, 5, 6, 7, 9)
    assert form.window_start == (0, 0, 0, 1, 2, 3, 3, 4, 4, 4)
    assert set(form.window_length) == {3}
    # runs of equal step: shared windows (delta 0) and windows sliding by one frame (delta 1)
    assert form.segments == (
        WindowSegment(0, 3, 0, 0, 3),
        WindowSegment(3, 3, 1, 1, 3),
        WindowSegment(6, 2, 3, 1, 3),
        WindowSegment(8, 2, 4, 0, 3),
    )


def test_lvsa_like_t12_windows():
    form = anchor_window_form(validate_rows(LVSA_LIKE_T12))
    assert form.anchors == (0, 5, 10)
    assert form.window_start == (0, 0, 0, 1, 2, 2, 3, 4, 5, 5, 5, 5)
    assert [(s.first_frame, s.count, s.delta) for s in form.segments] == [(0, 3, 0), (3, 2, 1), (5, 4, 1), (9, 3, 0)]


def test_a_pure_sliding_window_has_no_anchors():
    form = anchor_window_form(validate_rows(WINDOW_ONLY_T6))
    assert form.anchors == ()
    assert form.window_start == (0, 0, 1, 2, 3, 3)


def test_rows_without_window_are_anchor_only():
    form = anchor_window_form(validate_rows(MIXED_T4))
    assert form.anchors == (0,)
    assert form.window_length == (0, 1, 1, 0)
    assert form.anchor_only_frames == (0, 3)


@pytest.mark.parametrize("rows, frame", [(EDGES_T5, 2), (USER_T8, 0)])
def test_irregular_rows_are_not_anchor_window_form(rows, frame):
    reason = anchor_window_form(validate_rows(rows))
    assert isinstance(reason, str) and f"query frame {frame}'s" in reason


@pytest.mark.parametrize("name", sorted(ALL_CASES))
@pytest.mark.parametrize("tokens_per_frame, text_tokens", [(3, 0), (5, 4)])
def test_attended_pairs_count_the_token_mask(name, tokens_per_frame, text_tokens):
    rows = ALL_CASES[name]
    mask = token_mask(rows, tokens_per_frame, text_tokens)
    assert attended_pairs(validate_rows(rows), tokens_per_frame, text_tokens) == int(mask.sum())


def test_token_mask_spells_out_the_contract():
    # 2 frames of 2 tokens + 1 text token; frame 0 attends frame 0, frame 1 attends both
    mask = token_mask([[[0, 0]], [[0, 1]]], 2, 1)
    expected = torch.tensor(
        [
            [1, 1, 0, 0, 1],
            [1, 1, 0, 0, 1],
            [1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1],
        ],
        dtype=torch.bool,
    )
    assert torch.equal(mask, expected)
