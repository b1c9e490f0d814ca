package dev.lvsa.baselines.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Properties of the LVSA pattern that must hold for every geometry and knob setting. */
class LvsaPropertiesTest {

    /**
     * Per-query budget: with window expansion, every query frame attends exactly
     * {@code |anchors| + min(2W+1, T - |anchors|)} key frames, at every step.
     */
    @Property(tries = 300)
    void every_query_attends_the_anchors_plus_a_full_window(
            @ForAll @IntRange(min = 1, max = 160) int t,
            @ForAll @IntRange(min = 0, max = 8) int w,
            @ForAll @IntRange(min = 0, max = 4) int nFirst,
            @ForAll @IntRange(min = 1, max = 40) int reference,
            @ForAll @DoubleRange(min = 0.3, max = 2.0) double scale,
            @ForAll @IntRange(min = 0, max = 60) int step) {
        LvsaResolved r = Lvsa.resolve(new LvsaParams(w, nFirst, null, true, scale, true), t, reference);
        BitSet anchors = Lvsa.anchors(t, r.nFirst(), r.kfi(), r.offsetAt(step));
        int a = anchors.cardinality();
        long expected = a + Math.min(2L * r.window() + 1, t - a);
        FrameMask m = Lvsa.mask(r, step);
        for (int q = 0; q < t; q++) {
            assertThat(m.rowCount(q)).as("query %d of T=%d", q, t).isEqualTo(expected);
            BitSet row = m.row(q);
            BitSet missing = (BitSet) anchors.clone();
            missing.andNot(row);
            assertThat(missing.isEmpty()).as("query %d attends every anchor", q).isTrue();
            assertThat(row.get(q)).as("query %d attends itself", q).isTrue();
        }
    }

    /** Rotation: over any kfi consecutive steps every frame is an anchor at least once. */
    @Property(tries = 200)
    void rotation_makes_every_frame_an_anchor_within_kfi_steps(
            @ForAll @IntRange(min = 1, max = 160) int t,
            @ForAll @IntRange(min = 0, max = 4) int nFirst,
            @ForAll @IntRange(min = 1, max = 40) int kfi,
            @ForAll @IntRange(min = 0, max = 100) int start) {
        LvsaResolved r = Lvsa.resolve(new LvsaParams(3, nFirst, kfi, true, 1.0, true), t, 21);
        BitSet seen = new BitSet(t);
        for (int s = start; s < start + r.kfi(); s++) {
            seen.or(Lvsa.mask(r, s).anchors());
        }
        assertThat(seen.cardinality()).isEqualTo(t);
    }

    /** The number of periodic anchors is ceil(T/kfi) at every offset (the modular wrap). */
    @Property(tries = 200)
    void periodic_anchor_count_does_not_depend_on_the_offset(
            @ForAll @IntRange(min = 1, max = 200) int t,
            @ForAll @IntRange(min = 1, max = 50) int kfi,
            @ForAll @IntRange(min = 0, max = 49) int offset) {
        assertThat(Lvsa.periodicAnchors(t, kfi, offset % kfi).cardinality()).isEqualTo((t + kfi - 1) / kfi);
    }

    /** The shifted window always has width min(2W+1, T) and contains the query. */
    @Property(tries = 300)
    void the_shifted_window_keeps_its_width(
            @ForAll @IntRange(min = 1, max = 200) int t,
            @ForAll @IntRange(min = 0, max = 20) int w,
            @ForAll @IntRange(min = 0, max = 199) int f) {
        int q = f % t;
        int[] b = Lvsa.shiftedWindow(q, w, t);
        assertThat(b[1] - b[0] + 1).isEqualTo((int) Math.min(2L * w + 1, t));
        assertThat(b[0]).isBetween(0, q);
        assertThat(b[1]).isBetween(q, t - 1);
    }

    /** A larger sparsity scale never gives a sparser automatic pattern (never a larger kfi). */
    @Property(tries = 200)
    void a_larger_budget_never_raises_kfi(
            @ForAll @IntRange(min = 1, max = 200) int t,
            @ForAll @IntRange(min = 1, max = 40) int reference,
            @ForAll @DoubleRange(min = 0.3, max = 1.0) double scale) {
        assertThat(Lvsa.autoKfi(t, 3, 1, reference, scale + 0.5))
                .isLessThanOrEqualTo(Lvsa.autoKfi(t, 3, 1, reference, scale));
    }
}
