package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * A ping-pong reversal starts where the motion turns back, however slow the motion. Next to the turn a frame is only
 * a few frames from its mirror image, so the first frames that return crisply come later, the slower the scene (35
 * to 43 frames late on the slow cat and ballet clips of the spliced real set): the reversal is walked back to its
 * turn along its own line.
 */
class PingPongOnsetTest {

    private static List<ReplayFinder.Line> lines(float[][] d) {
        int[] rows = new int[d.length];
        Arrays.setAll(rows, i -> i);
        StructureMatrix m = StructureMatrix.of(d, Descriptors.GW, Descriptors.GH, rows, 1);
        return new ReplayFinder(m, 8, 24, 3).find();
    }

    @Property(tries = 25)
    void aReversalStartsRightAfterItsTurn(
            @ForAll @IntRange(min = 80, max = 140) int turn,
            @ForAll @DoubleRange(min = 0.8, max = 3.0) double speed,
            @ForAll long seed) {
        // new content up to the turn, then played backwards to the end; at the slowest speed here the first
        // crisp returns come about 35 frames after the turn, at the fastest about 6 (below 0.8 the walk is too
        // slow for any return)
        float[][] d = Descriptors.sequence(turn + 80, i -> i <= turn ? i : 2 * turn - i, speed, 0.2, seed);
        List<ReplayFinder.Line> found = lines(d);
        assertThat(found).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(RepeatEvent.Kind.PINGPONG);
            assertThat(l.lagOrSum()).isBetween(2 * turn - 1, 2 * turn + 1);
            assertThat(l.start()).isBetween(turn + 1, turn + 2);
            assertThat(l.end()).isEqualTo(turn + 79);
        });
    }
}
