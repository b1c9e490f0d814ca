package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Stills of one to three seconds, which only the hard test can see (the soft one asks for three seconds): a picture
 * held after motion is a freeze from its first held frame, even when the motion's last frame lies close to it and a
 * codec keyframe re-renders it; and a shot held for a moment before the edit cuts away to a moving shot is editing (a
 * drama's held reaction), not a freeze.
 */
class ShortStillTest {

    private static final LoopParameters P = LoopParameters.defaults();
    private static final int HARD_MIN = 24;
    private static final int SOFT_MIN = 72;

    @Property(tries = 15)
    void aStillReachedByASmallLastStepStartsAtItsFirstHeldFrame(
            @ForAll @IntRange(min = 40, max = 90) int onset,
            @ForAll @IntRange(min = 8, max = 14) int keyframe,
            @ForAll long seed) {
        // a step a frame, then the picture held to the end (under the soft minimum). The motion's last frame differs
        // from the held picture only in a third of its cells, by 1.8 grey levels; a keyframe a few frames into the
        // still re-renders the same cells 2.6 levels the other way. Each change alone is within the hard level, both
        // together are not, so a stretch anchored on the motion's last frame is cut at the keyframe, short of the
        // minimum; the still itself holds from its first frame
        int frames = onset + SOFT_MIN - 10;
        float[][] grey = Descriptors.greyWalk(frames, i -> Math.min(i, onset), seed);
        Random rnd = new Random(seed + 1);
        for (int k = 0; k < grey[0].length; k++) {
            if (rnd.nextDouble() < 1.0 / 3) {
                grey[onset - 1][k] = grey[onset][k] - 1.8f;
                for (int i = onset + keyframe; i < frames; i++) {
                    grey[i][k] += 2.6f;
                }
            } else {
                grey[onset - 1][k] = grey[onset][k];
            }
        }
        assertThat(finder(grey).find()).singleElement().satisfies(r -> {
            assertThat(r[0]).as("onset %d, keyframe %d", onset, keyframe).isBetween(onset - 1, onset + 1);
            assertThat(r[1]).isEqualTo(frames - 1);
        });
    }

    @Property(tries = 15)
    void aShotHeldForAMomentBeforeACutIsNotAFreeze(
            @ForAll @IntRange(min = 40, max = 90) int held,
            @ForAll @IntRange(min = 25, max = 60) int length,
            @ForAll long seed) {
        // a step a frame, the picture held for one to two and a half seconds, then a cut to another moving shot
        assertThat(finder(heldThenCut(held, held + length, 100, true, seed)).find())
                .isEmpty();
    }

    @Property(tries = 15)
    void aHeldShotDoesNotHideAStillShotAfterItsCut(
            @ForAll @IntRange(min = 40, max = 90) int held,
            @ForAll @IntRange(min = 25, max = 60) int length,
            @ForAll long seed) {
        // the same, but the next shot holds still to the end: the held shot does not hide that freeze
        int cut = held + length;
        float[][] grey = heldThenCut(held, cut, 60, false, seed);
        assertThat(finder(grey).find()).singleElement().satisfies(r -> {
            assertThat(r[0]).as("held %d, cut %d", held, cut).isBetween(held - 1, cut);
            assertThat(r[1]).isEqualTo(grey.length - 1);
        });
    }

    /**
     * A step a frame, the picture held from {@code held}, then from {@code cut} another shot for {@code after} frames,
     * moving a step a frame or holding still.
     */
    private static float[][] heldThenCut(int held, int cut, int after, boolean nextMoves, long seed) {
        int frames = cut + after;
        float[][] grey = Descriptors.greyWalk(frames, i -> Math.min(i, held), seed);
        float[][] next = Descriptors.greyWalk(frames, i -> nextMoves ? i : 0, seed + 1);
        System.arraycopy(next, cut, grey, cut, after);
        return grey;
    }

    private static FreezeFinder finder(float[][] grey) {
        return new FreezeFinder(grey, P.identicalLevel(), P.softFreezeLevel(), HARD_MIN, SOFT_MIN);
    }
}
