package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A still whose residual motion cycles (the dense Wan 4x clip: a near-static dog whose shimmer comes back every 76
 * frames, 1.98 grey levels at that lag against 2.1 a few lags around it) reports its period; a still that only
 * shimmers, holds a frame-rate cadence, pumps with a codec's groups of pictures, drifts, or has a rhythm and a few
 * odd frames at a regular interval reports none. Each still:
 * one random picture of grey cells plus per-frame noise of about 2 grey levels, as the dog's.
 */
class StillCycleTest {

    private static final int CELLS = 576; // the analysis grid, 32 x 18

    @Property(tries = 25)
    void aShimmerThatComesBackEveryPFramesHasPeriodP(
            @ForAll @IntRange(min = 8, max = 90) int period, @ForAll long seed) {
        Random rnd = new Random(seed);
        float[][] phase = patterns(period, 0.7, rnd);
        int frames = 3 * period + 40;
        float[][] grey = still(frames, t -> t, rnd);
        for (int t = 0; t < frames; t++) {
            add(grey[t], phase[t % period]);
        }
        StillCycle.Cycle c = StillCycle.find(finder(grey), 0, frames - 1, 8, 1000);
        assertThat(c).isNotNull();
        assertThat(c.period()).isEqualTo(period);
        assertThat(c.consistency()).isGreaterThanOrEqualTo(StillCycle.CONSISTENT);
    }

    @Property(tries = 10)
    void aStillThatOnlyShimmersHasNoCycle(@ForAll @IntRange(min = 60, max = 500) int frames, @ForAll long seed) {
        float[][] grey = still(frames, t -> t, new Random(seed));
        assertThat(StillCycle.find(finder(grey), 0, frames - 1, 8, 1000)).isNull();
    }

    @Property(tries = 10)
    void aFrameRateCadenceIsNoCycle(@ForAll @IntRange(min = 2, max = 5) int every, @ForAll long seed) {
        // 16 fps published at 24: every third frame shown twice (here every 2nd to 5th)
        float[][] grey = still(400, t -> t - t / every, new Random(seed));
        assertThat(StillCycle.find(finder(grey), 0, 399, 8, 1000)).isNull();
    }

    @Property(tries = 10)
    void groupsOfPicturesAreNoCycle(@ForAll @IntRange(min = 8, max = 60) int gop, @ForAll long seed) {
        // each group of pictures re-codes the still with its own error, shared by the group's frames
        Random rnd = new Random(seed);
        float[][] group = patterns(400 / gop + 1, 1.5, rnd);
        float[][] grey = still(400, t -> t, rnd);
        for (int t = 0; t < 400; t++) {
            add(grey[t], group[t / gop]);
        }
        assertThat(StillCycle.find(finder(grey), 0, 399, 8, 1000)).isNull();
    }

    @Property(tries = 10)
    void aSlowDriftIsNoCycle(@ForAll long seed) {
        Random rnd = new Random(seed);
        float[][] grey = still(400, t -> t, rnd);
        float[] target = patterns(1, 20, rnd)[0];
        for (int t = 0; t < 400; t++) {
            for (int c = 0; c < CELLS; c++) {
                grey[t][c] += target[c] * t / 400f;
            }
        }
        assertThat(StillCycle.find(finder(grey), 0, 399, 8, 1000)).isNull();
    }

    @Property(tries = 10)
    void aRhythmWithFewOddFramesIsNoCycle(@ForAll @IntRange(min = 16, max = 48) int every, @ForAll long seed) {
        // a clean still (grain 0.1) with a 4-frame rhythm (a Wan VAE's or a B-pyramid's) whose frames sampled for
        // the spatial statistics, one every `every`, reach the analysis size by another path and stand half a grey
        // level apart (the spliced ocean still, 2026-12-06): the profile dips at `every` and on the rhythm every
        // 4th lag sits low, which against the neighbours' median read as a cycle held on 86% of the frames
        Random rnd = new Random(seed);
        float[][] grey = still(400, t -> t, rnd);
        float[][] rhythm = patterns(4, 0.3, rnd);
        float[] offset = patterns(1, 0.7, rnd)[0];
        for (int t = 0; t < 400; t++) {
            for (int c = 0; c < CELLS; c++) {
                grey[t][c] -= 0.95f * (grey[t][c] - grey[0][c]); // grain 2 -> 0.1
            }
            add(grey[t], rhythm[t % 4]);
            if (t % every == every / 2) {
                add(grey[t], offset);
            }
        }
        assertThat(StillCycle.find(finder(grey), 0, 399, 8, 1000)).isNull();
    }

    /** A still: one random picture, and for each frame the noise of frame {@code source(t)}. */
    private static float[][] still(int frames, IntUnaryOperator source, Random rnd) {
        float[] base = new float[CELLS];
        for (int c = 0; c < CELLS; c++) {
            base[c] = 40 + 170 * rnd.nextFloat();
        }
        float[][] noise = patterns(frames, 2.0, rnd);
        float[][] grey = new float[frames][];
        for (int t = 0; t < frames; t++) {
            grey[t] = base.clone();
            add(grey[t], noise[source.applyAsInt(t)]);
        }
        return grey;
    }

    private static float[][] patterns(int count, double sigma, Random rnd) {
        float[][] p = new float[count][CELLS];
        for (float[] row : p) {
            for (int c = 0; c < CELLS; c++) {
                row[c] = (float) (sigma * rnd.nextGaussian());
            }
        }
        return p;
    }

    private static void add(float[] to, float[] what) {
        for (int c = 0; c < CELLS; c++) {
            to[c] += what[c];
        }
    }

    private static StillCycle.FrameDistance finder(float[][] grey) {
        return new FreezeFinder(grey, 4.0, 6.0, 8, 72)::meanDiff;
    }
}
