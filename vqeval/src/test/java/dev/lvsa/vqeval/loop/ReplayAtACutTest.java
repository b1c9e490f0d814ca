package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A late replay that opens with a cut back to the opening but returns crisply only a second later (as the NTK
 * porcupine's does once cropped to portrait and re-encoded at crf 45): the replay starts at the cut, where a viewer
 * sees the opening come back, not where its frames first match crisply.
 */
class ReplayAtACutTest {

    @Property(tries = 15)
    void aReplayThatOpensWithACutStartsAtTheCut(@ForAll @IntRange(min = 170, max = 230) int onset, @ForAll long seed) {
        // a slow opening (a quarter step a frame for 2 s, then a step a frame), a cut to another scene at frame 130,
        // and from the onset a cut back to the opening, its first second holding one of the opening's look-alike poses
        // under a heavy blur (the same on every frame, as an encode's): those frames return weakly, and their best
        // match stays put while the lag grows
        Random rnd = new Random(seed + 1);
        float[] blur = new float[Descriptors.DIM];
        for (int k = 0; k < blur.length; k++) {
            blur[k] = (float) (rnd.nextGaussian() * 8);
        }
        float[][] d = Descriptors.sequence(
                300, i -> i < onset ? opening(i) : i - onset < 24 ? 3 : opening(i - onset), 3.0, 0.2, seed);
        float[][] other = Descriptors.sequence(300, i -> i, 3.0, 0.2, seed + 2);
        for (int i = 130; i < onset; i++) {
            d[i] = other[i];
        }
        for (int i = onset; i < onset + 24; i++) {
            for (int k = 0; k < d[i].length; k++) {
                d[i][k] += blur[k];
            }
        }
        int[] rows = new int[d.length];
        Arrays.setAll(rows, i -> i);
        StructureMatrix m = StructureMatrix.of(d, Descriptors.GW, Descriptors.GH, rows, 1);
        List<ReplayFinder.Line> found = new ReplayFinder(m, 8, 24, 4).find();
        assertThat(found).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(RepeatEvent.Kind.REPLAY);
            assertThat(l.start()).as("onset %d", onset).isBetween(onset - 1, onset + 2);
            assertThat(l.lagOrSum()).isEqualTo(onset);
            assertThat(l.end()).isEqualTo(299);
        });
    }

    /** The walk step shown at frame i of the opening: slow for 2 s, then a step a frame. */
    private static double opening(int i) {
        return i < 48 ? i / 4.0 : i - 36;
    }
}
