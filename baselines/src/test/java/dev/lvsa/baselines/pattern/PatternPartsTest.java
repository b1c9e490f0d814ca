package dev.lvsa.baselines.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The composable parts, each on a small example one can check by eye. */
class PatternPartsTest {
    private static final PatternContext T8 = new PatternContext(8, 4);

    @Test
    void clipped_and_shifted_windows_differ_only_at_the_ends() {
        FrameMask clip = new LocalWindow(1, LocalWindow.Mode.CLIP).mask(T8, 0);
        FrameMask shift = new LocalWindow(1, LocalWindow.Mode.SHIFT).mask(T8, 0);
        assertThat(clip.intervals(0)).containsExactly(new int[] {0, 1});
        assertThat(shift.intervals(0)).containsExactly(new int[] {0, 2});
        assertThat(clip.intervals(4)).containsExactly(new int[] {3, 5});
        assertThat(shift.intervals(4)).containsExactly(new int[] {3, 5});
        assertThat(shift.intervals(7)).containsExactly(new int[] {5, 7});
    }

    @Test
    void union_and_intersection_combine_rows() {
        FramePattern window = new LocalWindow(1, LocalWindow.Mode.CLIP);
        FramePattern first = new FirstFrames(2);
        FrameMask u = new Union(List.of(window, first)).mask(T8, 0);
        assertThat(u.intervals(5)).containsExactly(new int[] {0, 1}, new int[] {4, 6});
        FrameMask i = new Intersection(List.of(window, first)).mask(T8, 0);
        assertThat(i.intervals(1)).containsExactly(new int[] {0, 1});
        assertThat(i.rowCount(5)).isZero();
        assertThat(new Intersection(List.of(new AllFrames(), window)).mask(T8, 0))
                .isEqualTo(window.mask(T8, 0));
    }

    @Test
    void periodic_anchors_rotate_with_the_step_only_when_asked() {
        PeriodicAnchors fixed = new PeriodicAnchors(3, false, 0);
        PeriodicAnchors rotating = new PeriodicAnchors(3, true, 0);
        assertThat(fixed.mask(T8, 1).anchors()).isEqualTo(fixed.mask(T8, 0).anchors());
        assertThat(rotating.mask(T8, 1).anchors()).isEqualTo(LvsaSpecConformanceTest.bits(1, 4, 7));
        assertThat(rotating.mask(T8, 3)).isEqualTo(rotating.mask(T8, 0));
    }

    @Test
    void lvsa_with_kfi_1_is_dense() {
        // kfi=1: every frame is an anchor
        LvsaPattern dense = new LvsaPattern(new LvsaParams(0, 1, 1, true, 1.0, true));
        assertThat(dense.mask(T8, 0).isFull()).isTrue();
    }

    @Test
    void masks_convert_to_intervals_and_back() {
        FrameMask m = new Union(List.of(new LocalWindow(1, LocalWindow.Mode.SHIFT), new PeriodicAnchors(3, true, 0)))
                .mask(T8, 2);
        List<List<int[]>> rows = new java.util.ArrayList<>();
        for (int q = 0; q < 8; q++) {
            rows.add(m.intervals(q));
        }
        assertThat(FrameMask.fromIntervals(8, rows)).isEqualTo(m);
    }
}
