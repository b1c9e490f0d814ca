package dev.lvsa.baselines.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LVSA.md's conformance table: with W=3, n_first=1 and a reference of 21 latent frames (Wan), at rotation offset 0,
 * the automatic key-frame interval and the frame density of the mask. The figures are computed by the code under
 * test; the table is the spec.
 */
class LvsaSpecConformanceTest {

    @ParameterizedTest(name = "T={0} latent ({1} video frames): kfi {2}, density {3}")
    @CsvSource({
        "21,  81,  1, 1.000",
        "41,  161, 3, 0.512",
        "81,  321, 6, 0.259",
        "121, 481, 9, 0.174",
    })
    void the_spec_table(int latentFrames, int videoFrames, int kfi, String density) {
        assertThat((videoFrames - 1) / 4 + 1).isEqualTo(latentFrames);
        LvsaResolved r = Lvsa.resolve(LvsaParams.defaults(), latentFrames, 21);
        assertThat(r.kfi()).isEqualTo(kfi);
        assertThat(r.window()).isEqualTo(3);
        assertThat(r.nFirst()).isEqualTo(1);
        assertThat(r.rescaled()).isFalse();
        FrameMask step0 = Lvsa.mask(r, 0);
        assertThat(String.format("%.3f", step0.density())).isEqualTo(density);
    }

    @Test
    void anchors_wrap_modulo_T_so_their_number_is_the_same_for_every_offset() {
        // T=10, kfi=4: ceil(10/4)=3 periodic anchors at every offset
        assertThat(Lvsa.periodicAnchors(10, 4, 0)).isEqualTo(bits(0, 4, 8));
        assertThat(Lvsa.periodicAnchors(10, 4, 3)).isEqualTo(bits(3, 7, 1)); // 11 mod 10 = 1
        assertThat(Lvsa.anchors(10, 2, 4, 3)).isEqualTo(bits(0, 1, 3, 7));
    }

    @Test
    void rotation_offset_is_step_mod_kfi() {
        LvsaResolved r = Lvsa.resolve(LvsaParams.defaults(), 81, 21);
        assertThat(r.kfi()).isEqualTo(6);
        assertThat(r.offsetAt(0)).isZero();
        assertThat(r.offsetAt(7)).isEqualTo(1);
        assertThat(r.offsetAt(49)).isEqualTo(1);
        LvsaResolved fixed = Lvsa.resolve(LvsaParams.defaults().withRotate(false), 81, 21);
        assertThat(fixed.offsetAt(7)).isZero();
    }

    @Test
    void the_window_is_shifted_not_clipped_at_the_ends() {
        assertThat(Lvsa.shiftedWindow(0, 3, 41)).containsExactly(0, 6);
        assertThat(Lvsa.shiftedWindow(20, 3, 41)).containsExactly(17, 23);
        assertThat(Lvsa.shiftedWindow(40, 3, 41)).containsExactly(34, 40);
        assertThat(Lvsa.shiftedWindow(2, 3, 5)).containsExactly(0, 4); // narrower video than the window
    }

    @Test
    void the_window_grows_left_then_right_past_anchors() {
        // T=20, anchors {0, 5, 10, 15}; query 7, W=2: shifted [5,9] holds anchor 5 -> 4 non-anchors, target 5;
        // grow left: 4 (non-anchor) -> 5 reached.
        BitSet anchors = bits(0, 5, 10, 15);
        assertThat(Lvsa.window(7, 2, 20, anchors, true)).containsExactly(4, 9);
        // query 12, W=2: [10,14] holds anchor 10 -> 4; grow left to 9 -> 5.
        assertThat(Lvsa.window(12, 2, 20, anchors, true)).containsExactly(9, 14);
        // without expansion the shifted window stays
        assertThat(Lvsa.window(7, 2, 20, anchors, false)).containsExactly(5, 9);
        // at the left end growth goes right only: [0,4] holds anchor 0; 5 is an anchor too, so it ends at 6
        assertThat(Lvsa.window(0, 2, 20, anchors, true)).containsExactly(0, 6);
    }

    @Test
    void automatic_kfi_takes_the_sparser_of_strict_and_fallback() {
        // HunyuanVideo 1.5 at 1.5x: T=49, reference 33. G = 26; strict: ceil(49/k) >= 26 only for k=1;
        // fallback = ceil(max(49-7, 33-7) / (33-7)) = ceil(42/26) = 2.
        assertThat(Lvsa.autoKfi(49, 3, 1, 33, 1.0)).isEqualTo(2);
        // at or below the budget: dense
        assertThat(Lvsa.autoKfi(33, 3, 1, 33, 1.0)).isEqualTo(1);
        // sparsity_scale below 1 makes the training horizon itself sparse: B = floor(33*0.5) = 16
        assertThat(Lvsa.autoKfi(33, 3, 1, 33, 0.5)).isGreaterThan(1);
    }

    @Test
    void window_and_leading_anchors_are_rescaled_when_they_would_cover_everything_beyond_the_reference() {
        // T=9 > reference 7 and 2W+1+n_first = 7+2 = 9 >= T: W = max(7/2, 1) = 3, n_first = max(7/4, 1) = 1
        LvsaResolved r = Lvsa.resolve(LvsaParams.defaults().withNFirst(2), 9, 7);
        assertThat(r.rescaled()).isTrue();
        assertThat(r.window()).isEqualTo(3);
        assertThat(r.nFirst()).isEqualTo(1);
        // not beyond the reference: untouched
        LvsaResolved atRef = Lvsa.resolve(LvsaParams.defaults().withNFirst(2), 7, 7);
        assertThat(atRef.rescaled()).isFalse();
        assertThat(atRef.nFirst()).isEqualTo(2);
    }

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
