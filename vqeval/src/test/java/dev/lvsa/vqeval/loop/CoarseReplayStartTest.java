package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A clip longer than the matrix holds is searched on every k-th frame, so the replay a line reveals begins on a matrix
 * row: up to k - 1 frames after the first replayed frame (a 4-minute clip at step 4 started its replay at frame 1440
 * for a cut at 1436, the 7-minute one at step 7 at 1442). The start is then placed on every frame, the way the matrix
 * places it at step 1: within one frame of the cut (the first frame after a cut is averaged with the last one before
 * it, so it may match a little worse).
 */
class CoarseReplayStartTest {

    @Property(tries = 30)
    void aReplayFoundOnEveryKthFrameStartsAtItsCut(
            @ForAll @IntRange(min = 2, max = 9) int step,
            @ForAll @IntRange(min = 400, max = 700) int cut,
            @ForAll long seed) {
        int frames = cut + 300;
        // new content up to the cut, then the opening again from its first frame
        float[][] d = Descriptors.sequence(frames, i -> i < cut ? i : i - cut, 1.5, 0.2, seed);
        int[] rows = new int[LoopAnalyzer.ceilDiv(frames, step)];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = k * step;
        }
        StructureMatrix sm = StructureMatrix.of(d, Descriptors.GW, Descriptors.GH, rows, 1);
        List<ReplayFinder.Line> lines = new ReplayFinder(
                        sm, Math.max(2, LoopAnalyzer.ceilDiv(8, step)), LoopAnalyzer.ceilDiv(24, step), 2)
                .find();
        assertThat(lines).singleElement().satisfies(line -> {
            int coarse = sm.frame(line.start());
            int end = sm.frame(line.end());
            assertThat(coarse).isBetween(cut, cut + step); // what the matrix alone gives
            int start = LoopAnalyzer.placeOnEveryFrame(sm, line.lagOrSum() * step, step, coarse, end)
                    .start();
            assertThat(start).isBetween(cut, cut + 1);
        });
    }

    @Property(tries = 10)
    void atStepOneTheMatrixStartStands(@ForAll @IntRange(min = 30, max = 600) int start, @ForAll long seed) {
        float[][] d = Descriptors.sequence(700, i -> i, 1.5, 0.2, seed);
        int[] rows = new int[700];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = k;
        }
        StructureMatrix sm = StructureMatrix.of(d, Descriptors.GW, Descriptors.GH, rows, 1);
        assertThat(LoopAnalyzer.placeOnEveryFrame(sm, 20, 1, start, 699).start())
                .isEqualTo(start);
    }
}
