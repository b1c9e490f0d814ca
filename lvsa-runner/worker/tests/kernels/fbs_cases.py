"""Frame patterns the kernel tests run on, written out as interval literals.

The LVSA-like rows were written by hand from the anchors and windows named in their
comments (they are not produced by an implementation of the LVSA rule: the Java
planner owns that rule, and golden plans from it are tested in test_fbs_golden.py).
"""

# T=10. Anchors {0, 4, 8}; non-anchor frames 1 2 3 5 6 7 9; windows of 3 non-anchor frames.
# Window starts (in non-anchor order) per query frame: 0 0 0 1 2 3 3 4 4 4.
LVSA_LIKE_T10 = [
    [[0, 4], [8, 8]],
    [[0, 4], [8, 8]],
    [[0, 4], [8, 8]],
    [[0, 0], [2, 5], [8, 8]],
    [[0, 0], [3, 6], [8, 8]],
    [[0, 0], [4, 8]],
    [[0, 0], [4, 8]],
    [[0, 0], [4, 4], [6, 9]],
    [[0, 0], [4, 4], [6, 9]],
    [[0, 0], [4, 4], [6, 9]],
]

# T=12. Anchors {0, 5, 10}; non-anchor frames 1 2 3 4 6 7 8 9 11; windows of 4.
# Window starts per query frame: 0 0 0 1 2 2 3 4 5 5 5 5.
LVSA_LIKE_T12 = (
    [[[0, 5], [10, 10]]] * 3
    + [[[0, 0], [2, 6], [10, 10]]]
    + [[[0, 0], [3, 7], [10, 10]]] * 2
    + [[[0, 0], [4, 8], [10, 10]]]
    + [[[0, 0], [5, 10]]]
    + [[[0, 0], [5, 5], [7, 11]]] * 4
)

# T=6. A sliding window of 3 frames, shifted at the edges: no frame is shared by all rows.
WINDOW_ONLY_T6 = [[[0, 2]], [[0, 2]], [[1, 3]], [[2, 4]], [[3, 5]], [[3, 5]]]

# T=4. Anchor {0}; rows 0 and 3 have no window, rows 1 and 2 one frame each.
MIXED_T4 = [[[0, 0]], [[0, 1]], [[0, 0], [2, 2]], [[0, 0]]]

# T=3. Every row attends every frame.
FULL_T3 = [[[0, 2]]] * 3

# T=5. Rows at the sequence edges; not anchors + contiguous windows (row 2 skips 1..3).
EDGES_T5 = [[[0, 0]], [[4, 4]], [[0, 0], [4, 4]], [[0, 4]], [[2, 2]]]

# T=8. An irregular user pattern.
USER_T8 = [
    [[0, 1], [5, 5]],
    [[1, 3]],
    [[0, 0], [2, 2], [7, 7]],
    [[3, 6]],
    [[4, 4]],
    [[0, 7]],
    [[6, 7]],
    [[1, 1], [3, 3], [5, 5], [7, 7]],
]

SPLITTABLE = {
    "lvsa_t10": LVSA_LIKE_T10,
    "lvsa_t12": LVSA_LIKE_T12,
    "window_only_t6": WINDOW_ONLY_T6,
    "mixed_t4": MIXED_T4,
    "full_t3": FULL_T3,
}
IRREGULAR = {"edges_t5": EDGES_T5, "user_t8": USER_T8}
ALL_CASES = {**SPLITTABLE, **IRREGULAR}
