package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * The repeat model on descriptor sequences (no video): replays at any lag as lines in the recurrence plot,
 * ping-pong as lines across it, freezes cut where they drift, duplicate cadence told from stutter.
 */
class RepeatModelTest {

    private static final LoopParameters P = LoopParameters.defaults();

    private static List<ReplayFinder.Line> lines(float[][] d) {
        int[] rows = new int[d.length];
        Arrays.setAll(rows, i -> i);
        StructureMatrix m = StructureMatrix.of(d, Descriptors.GW, Descriptors.GH, rows, 1);
        return new ReplayFinder(m, 8, 24, 3).find();
    }

    private static FreezeFinder freezes(float[][] d) {
        float[][] grey = new float[d.length][];
        for (int i = 0; i < d.length; i++) {
            grey[i] = Arrays.copyOf(d[i], Descriptors.GW * Descriptors.GH);
        }
        return new FreezeFinder(grey, P.identicalLevel(), P.softFreezeLevel(), 24, 72);
    }

    @Property(tries = 15)
    void aLoopIsOneReplayFromItsFirstRepeatWithItsPeriod(
            @ForAll @IntRange(min = 10, max = 60) int period, @ForAll long seed) {
        float[][] d = Descriptors.sequence(200, i -> i % period, 3.0, 0.2, seed);
        List<ReplayFinder.Line> found = lines(d);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).kind()).isEqualTo(RepeatEvent.Kind.REPLAY);
        assertThat(found.get(0).lagOrSum()).isEqualTo(period);
        assertThat(found.get(0).start()).isBetween(period - 1, period + 2);
        assertThat(found.get(0).end()).isEqualTo(199);
    }

    @Property(tries = 15)
    void aSingleLateReplayOfTheOpeningIsFoundAtAnyLag(
            @ForAll @IntRange(min = 150, max = 260) int onset, @ForAll long seed) {
        // new content up to the onset, then the opening again until the end (lags of 80-95% of the clip)
        float[][] d = Descriptors.sequence(300, i -> i < onset ? i : i - onset, 3.0, 0.2, seed);
        List<ReplayFinder.Line> found = lines(d);
        assertThat(found).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(RepeatEvent.Kind.REPLAY);
            assertThat(l.lagOrSum()).isEqualTo(onset);
            assertThat(l.start()).isBetween(onset, onset + 2);
        });
    }

    @Property(tries = 15)
    void aReplayWhoseLagStretchesNamesTheFrameItStartsFrom(
            @ForAll @IntRange(min = 150, max = 200) int onset,
            @ForAll @DoubleRange(min = 0.9, max = 0.97) double rate,
            @ForAll long seed) {
        // from the onset the opening plays again from its frame 2, a little slower than it first did, so the lag
        // grows along the replay (as on a real 2x generation): its first frame's source is frame 2, not
        // "onset minus the dominant lag", which would lie before the video began
        float[][] d = Descriptors.sequence(
                300, i -> i < onset ? i : 2 + (int) Math.round((i - onset) * rate), 3.0, 0.2, seed);
        List<ReplayFinder.Line> found = lines(d);
        assertThat(found).singleElement().satisfies(l -> {
            RepeatEvent e = l.replay(l.start(), l.end(), l.lagOrSum(), 1, 1, "structure");
            assertThat(e.kind()).isEqualTo(RepeatEvent.Kind.REPLAY);
            assertThat(e.start()).isBetween(onset - 1, onset + 2);
            assertThat(e.sourceStart())
                    .as("%s onset %d rate %.3f", e, onset, rate)
                    .isBetween(1, 4);
            assertThat(e.lag()).isBetween(onset - 2, 300 - 2 - (int) Math.round((299 - onset) * rate));
        });
    }

    @Property(tries = 15)
    void aLoopUnderAWanderingObjectKeepsItsPeriod(@ForAll @IntRange(min = 20, max = 60) int period, @ForAll long seed) {
        // the loop's frames come back, the object wandering over them never does: every replay differs a
        // little from its source, and the more the longer the lag, so no frame returns crisply
        float[][] d = withWanderer(Descriptors.sequence(200, i -> i % period, 3.0, 0.2, seed), 0.9, seed + 1);
        List<ReplayFinder.Line> found = lines(d);
        assertThat(found).isNotEmpty();
        assertThat(found).allSatisfy(l -> {
            assertThat(l.kind()).isEqualTo(RepeatEvent.Kind.REPLAY);
            assertThat(l.lagOrSum()).isEqualTo(period);
        });
        assertThat(found.get(0).start()).isBetween(period - 1, period + 4);
    }

    @Test
    void aWanderingObjectAloneIsNoReplay() {
        assertThat(lines(withWanderer(Descriptors.sequence(200, i -> 0, 0, 0.2, 7), 0.9, 8)))
                .isEmpty();
    }

    /** {@code d} with a random walk of {@code step} per frame added: something in the picture that never returns. */
    private static float[][] withWanderer(float[][] d, double step, long seed) {
        float[][] w = Descriptors.sequence(d.length, i -> i, step, 0, seed);
        for (int i = 0; i < d.length; i++) {
            for (int k = 0; k < d[i].length; k++) {
                d[i][k] += w[i][k] - w[0][k];
            }
        }
        return d;
    }

    @Test
    void aReplayUnderABorderAndABrightnessChangeIsStillAReplay() {
        float[][] d = Descriptors.sequence(240, i -> i < 170 ? i : i - 170, 3.0, 0.2, 3);
        for (int i = 170; i < 240; i++) {
            for (int y = 0; y < Descriptors.GH; y++) {
                for (int x = 0; x < Descriptors.GW; x++) {
                    boolean border = x == 0 || y == 0 || x == Descriptors.GW - 1 || y == Descriptors.GH - 1;
                    d[i][y * Descriptors.GW + x] = border ? 200 : d[i][y * Descriptors.GW + x] * 1.2f + 15;
                }
            }
        }
        assertThat(lines(d))
                .singleElement()
                .satisfies(l -> assertThat(l.lagOrSum()).isEqualTo(170));
    }

    @Test
    void motionThatNeverReturnsHasNoEvent() {
        assertThat(lines(Descriptors.sequence(300, i -> i, 3.0, 0.2, 4))).isEmpty();
        assertThat(lines(Descriptors.panning(200, 0.2, 0.3, 4))).isEmpty();
    }

    @Test
    void forthAndBackIsAPingPongBeforeItIsALoop() {
        // 30 frames forth, 30 back, repeated: reversal first, then a replay with the full period of 60
        float[][] d = Descriptors.sequence(200, i -> 30 - Math.abs(i % 60 - 30), 3.0, 0.2, 5);
        List<ReplayFinder.Line> found = lines(d);
        assertThat(found)
                .extracting(ReplayFinder.Line::kind)
                .contains(RepeatEvent.Kind.PINGPONG, RepeatEvent.Kind.REPLAY);
        assertThat(found.stream()
                        .filter(l -> l.kind() == RepeatEvent.Kind.REPLAY)
                        .findFirst()
                        .orElseThrow()
                        .lagOrSum())
                .isEqualTo(60);
    }

    /** 200 frames of one still picture (with sensor noise) in which every {@code every}-th cell is offset by {@code offset(i)}. */
    private static float[][] stillWithChangingCells(
            int every, java.util.function.IntToDoubleFunction offset, long seed) {
        float[][] d = Descriptors.sequence(200, i -> 0, 3.0, 0.2, seed);
        int cells = Descriptors.GW * Descriptors.GH;
        for (int i = 0; i < d.length; i++) {
            for (int c = 0; c < cells; c += every) {
                d[i][c] += (float) offset.applyAsDouble(i);
            }
        }
        return d;
    }

    @Property(tries = 20)
    void aFreezeIsFoundWhereItStarts(@ForAll @IntRange(min = 20, max = 90) int onset, @ForAll long seed) {
        float[][] d = Descriptors.sequence(140, i -> Math.min(i, onset), 3.0, 0.3, seed);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)[0]).isBetween(onset - 1, onset + 1);
        assertThat(runs.get(0)[1]).isEqualTo(139);
    }

    @Test
    void aShimmeringStillIsAFreeze() {
        // a fixed picture in which 8% of the cells wobble by +-12 grey levels every frame
        float[][] d = Descriptors.sequence(200, i -> Math.min(i, 50), 3.0, 0.3, 9);
        Descriptors.shimmer(d, 50, 12, 9);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).isNotEmpty();
        assertThat(runs.get(0)[0]).isBetween(45, 55);
        assertThat(runs.get(runs.size() - 1)[1]).isEqualTo(199);
    }

    @Property(tries = 15)
    void aShimmeringStillAfterSlowMotionIsFoundAtItsOnset(
            @ForAll @IntRange(min = 60, max = 100) int onset, @ForAll long seed) {
        // the picture moves one walk step every 4 frames (over 3 s it gets about 10 grey levels away: slow, but
        // clearly more than it moves once still), then holds still while 1 cell in 12 wobbles by +-12 levels
        float[][] d = shimmerAfterSlowMotion(onset, seed);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).isNotEmpty();
        // within 4 frames, the synthetic set's goal (frames of the onset's own walk step show the same picture)
        assertThat(runs.get(0)[0]).isBetween(onset - 4, onset + 4);
        assertThat(runs.get(runs.size() - 1)[1]).isEqualTo(199);
    }

    @Test
    void oneNoisyFrameDoesNotEndTheWalkBackToAShimmeringStillsStart() {
        // a draw of the property above (onset 71): the picture is still from frame 68 (the walk step of 68-71),
        // the soft still starts there, a pixel-exact stretch at 76; walking back from 76, frame 75 lies a little
        // farther from it than the still's own frames by noise alone, which used to put the onset at 76
        assertThat(freezes(shimmerAfterSlowMotion(71, -2273)).find().get(0)[0]).isBetween(67, 75);
    }

    private static float[][] shimmerAfterSlowMotion(int onset, long seed) {
        float[][] d = Descriptors.sequence(200, i -> Math.min(i, onset) / 4.0, 3.0, 0.3, seed);
        Descriptors.shimmer(d, onset, 12, seed);
        return d;
    }

    @Test
    void aStillThatCreepsSlowlyIsOneFreezeFromItsStart() {
        // after frame 40 the picture creeps by 0.002 cells per frame (about 1.3 pixels a second at 832x480):
        // never a big step, never truly still
        float[][] moving = Descriptors.sequence(40, i -> i, 3.0, 0.2, 10);
        float[][] creep = Descriptors.panning(160, 0.002, 0.2, 10);
        float[][] d = new float[200][];
        System.arraycopy(moving, 0, d, 0, 40);
        System.arraycopy(creep, 0, d, 40, 160);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).isNotEmpty();
        // where a creep "starts" is loose by nature; what matters is that it is found from near the stop (not
        // frames later by sliding the start, as a run that advances its start would) and runs to the end
        assertThat(runs.get(0)[0]).isBetween(38, 56);
        assertThat(runs.get(runs.size() - 1)[1]).isEqualTo(199);
    }

    @Property(tries = 15)
    void aStillFromTheFirstFrameWhoseEdgesCreepIsOneFreezeFromTheStart(
            @ForAll @DoubleRange(min = 0.2, max = 0.4) double levelsPerFrame, @ForAll long seed) {
        // a still picture in which 1 cell in 10 keeps creeping (ink spreading at a blob's edge) for the first 48
        // frames, by 10-19 grey levels in all: those cells pass the hard test's 4 levels within 10-20 frames, so no
        // hard stretch holds a second until the creep stops, while the picture as a whole moves by 1-2 levels
        float[][] d = stillWithChangingCells(10, i -> levelsPerFrame * Math.min(i, 48), seed);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsExactly(0, 199);
    }

    @Property(tries = 10)
    void aStillFromTheFirstFrameThatCreepsFartherButSettlesIsOneFreezeFromTheStart(
            @ForAll @DoubleRange(min = 10, max = 16) double creep, @ForAll long seed) {
        // a third of the cells creep by 10-16 grey levels over the first 40 frames, then hold (the ink clip cropped to
        // portrait, where the creeping blobs fill more of the picture): the picture as a whole moves by 3.3-5.3
        // levels, more than half the soft level, but it has stopped leaving its first frame within the first half
        // of the three seconds, so it is a still from the start, not one from where the creep ends (frame 40)
        float[][] d = stillWithChangingCells(3, i -> creep * Math.min(i, 40) / 40.0, seed);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)[0]).isLessThanOrEqualTo(12);
        assertThat(runs.get(0)[1]).isEqualTo(199);
    }

    @Property(tries = 10)
    void anOpeningThatKeepsDriftingWithinTheSoftLevelIsNotAStill(
            @ForAll @DoubleRange(min = 0.2, max = 0.24) double levelsPerFrame, @ForAll long seed) {
        // a third of the cells drift steadily (a slow change of light over part of the picture): within the soft
        // level of the first frame for three seconds (4.8-5.8 levels), too fast for the hard test, and twice as far
        // from it at the end of those seconds as half-way: still going, so no still opens the clip
        float[][] d = stillWithChangingCells(3, i -> levelsPerFrame * i, seed);
        assertThat(freezes(d).find()).isEmpty();
    }

    @Property(tries = 10)
    void slowMotionAfterMotionThatKeepsGoingFartherIsNotAStill(
            @ForAll @DoubleRange(min = 0.2, max = 0.24) double levelsPerFrame, @ForAll long seed) {
        // every cell drifts at a quarter of a grey level a frame for 50 frames (12.5 levels: motion), then a third of
        // them keep drifting steadily (a dancer turning slowly, as a heavy encode shows it): within the soft level of
        // frame 50 for three seconds, right after motion, but twice as far from it at the end of those seconds as
        // half-way, and at a third of the pace before, not a collapse into a crawl (MotionCollapseTest): still moving
        float[][] d = Descriptors.sequence(200, i -> 0, 3.0, 0.2, seed);
        java.util.Random rnd = new java.util.Random(seed);
        int cells = Descriptors.GW * Descriptors.GH;
        double[] sign = new double[cells];
        Arrays.setAll(sign, c -> rnd.nextBoolean() ? 1 : -1);
        for (int i = 0; i < d.length; i++) {
            for (int c = 0; c < cells; c++) {
                double drift = 0.25 * Math.min(i, 50) + (c % 3 == 0 ? levelsPerFrame * Math.max(0, i - 50) : 0);
                d[i][c] += (float) (sign[c] * drift);
            }
        }
        assertThat(freezes(d).find()).isEmpty();
    }

    @Property(tries = 10)
    void anOpeningWhosePartChangesByItsOwnContrastIsMotionNotACreep(
            @ForAll @DoubleRange(min = 28, max = 60) double contrast, @ForAll long seed) {
        // 1 cell in 12 (a small subject) changes by 28-60 grey levels over the first 40 frames, then all holds
        // still: the picture as a whole moves by 2-5 levels, as little as a creeping still, but a part of it moved
        // by its own contrast, so the still starts where that motion ends, not at the first frame
        float[][] d = stillWithChangingCells(12, i -> contrast * Math.min(i, 40) / 40.0, seed);
        List<int[]> runs = freezes(d).find();
        assertThat(runs).isNotEmpty();
        assertThat(runs.get(0)[0]).isBetween(30, 44);
    }

    @Test
    void aHardStillCutByNoiseAFewFramesInStartsWhereTheMotionEnded() {
        // two draws of the property above that CI met: the hard stretch anchored in the motion's last frames held
        // into the still until noise carried a cell past the hard level (frame 46, 55), too short for a still, and
        // the next began there; the frames before it are as still as the rest, so the still reaches back to them
        for (double[] draw : new double[][] {{31.89, -173}, {53.94, -146}}) {
            float[][] d = stillWithChangingCells(12, i -> draw[0] * Math.min(i, 40) / 40.0, (long) draw[1]);
            assertThat(freezes(d).find().get(0)[0]).isBetween(37, 41);
        }
    }

    @Property(tries = 10)
    void slowMotionFromTheFirstFrameIsNotAFreeze(
            @ForAll @DoubleRange(min = 0.016, max = 0.05) @Scale(3) double cellsPerFrame,
            @ForAll @DoubleRange(min = 0.5, max = 1.0) double contrast,
            @ForAll long seed) {
        // a slow pan of a low-contrast scene (0.4-1.3 pixels a frame at 832x480) stays within the soft level of
        // its first frame for about a second, not three: slow motion, not a still
        float[][] d = Descriptors.panning(160, cellsPerFrame, 0.3, seed);
        for (float[] f : d) {
            for (int c = 0; c < f.length; c++) {
                f[c] *= (float) contrast;
            }
        }
        assertThat(freezes(d).find()).isEmpty();
    }

    @Property(tries = 10)
    void slowMotionIsNotAFreeze(@ForAll @DoubleRange(min = 0.1, max = 0.3) double cellsPerFrame, @ForAll long seed) {
        assertThat(freezes(Descriptors.panning(160, cellsPerFrame, 0.3, seed)).find())
                .isEmpty();
    }

    @Test
    void everyThirdFrameRepeatedIsACadenceNotStutter() {
        float[][] d = Descriptors.sequence(150, i -> i - i / 3, 3.0, 0.0, 6);
        FreezeFinder f = freezes(d);
        DuplicateFrames.Outcome o =
                DuplicateFrames.analyse(f, new boolean[d.length], P.identicalLevel(), P.stutterRelative(), 24);
        assertThat(o.cadence()).isNotNull();
        assertThat(o.cadence().periodFrames()).isEqualTo(3);
        assertThat(o.cadence().duplicatesPerPeriod()).isEqualTo(1);
        assertThat(o.cadence().likelySourceFps()).isEqualTo(16.0);
        assertThat(o.stutterRatio()).isZero();
    }

    @Test
    void irregularDuplicatesAreStutter() {
        java.util.Random rnd = new java.util.Random(7);
        int[] time = new int[150];
        for (int i = 1; i < time.length; i++) {
            time[i] = time[i - 1] + (rnd.nextDouble() < 0.2 ? 0 : 1);
        }
        float[][] d = Descriptors.sequence(150, i -> time[i], 3.0, 0.0, 7);
        DuplicateFrames.Outcome o =
                DuplicateFrames.analyse(freezes(d), new boolean[d.length], P.identicalLevel(), P.stutterRelative(), 24);
        assertThat(o.cadence()).isNull();
        assertThat(o.stutterRatio()).isBetween(0.1, 0.3);
    }
}
