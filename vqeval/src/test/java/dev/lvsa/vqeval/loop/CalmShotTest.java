package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A calm shot is not a freeze for being calm: a talking head that speaks and gestures from its cut on keeps one pace
 * (the RIFLEx page's clean talking head), while the "slower motion" failures slow down into their near-still within
 * the shot. A cut is not motion. A picture held after motion stays a freeze from where it is held.
 */
class CalmShotTest {

    private static final LoopParameters P = LoopParameters.defaults();
    private static final int FRAMES = 260;

    @Property(tries = 15)
    void aCalmShotFromItsCutOnIsNotAFreeze(@ForAll @IntRange(min = 30, max = 120) int cut, @ForAll long seed) {
        // a step a frame, then a cut to a calm scene: a fifth of its cells swing by 8 grey levels every 14 frames (its
        // picture stays within the soft level of every frame and never leaves it)
        float[][] grey = Descriptors.greyWalk(FRAMES, i -> i, seed);
        float[][] calm = Descriptors.greyWalk(FRAMES, i -> 0, seed + 1);
        Descriptors.wobble(calm, 0, 0.2, 8, 14, seed + 2);
        System.arraycopy(calm, cut, grey, cut, FRAMES - cut);
        assertThat(finder(grey).find()).isEmpty();
    }

    @Property(tries = 15)
    void aShotThatSlowsDownIntoACalmPictureIsAFreezeFromWhereItSlowed(
            @ForAll @IntRange(min = 30, max = 80) int cut,
            @ForAll @IntRange(min = 10, max = 14) int moving,
            @ForAll long seed) {
        // after the cut the new shot moves a step a frame for half a second, then stops into the calm picture: within
        // the shot it moved less than the soft test asks of the motion before a still (a quarter of the cells swinging
        // by 10 levels take the picture too far from its first frame), but its pace collapsed
        int slowed = cut + moving;
        float[][] grey = Descriptors.greyWalk(FRAMES, i -> i, seed);
        float[][] shot = Descriptors.greyWalk(FRAMES, i -> i < cut ? 0 : i < slowed ? i - cut : moving, seed + 1);
        Descriptors.wobble(shot, slowed, 0.25, 10, 16, seed + 2);
        System.arraycopy(shot, cut, grey, cut, FRAMES - cut);
        List<int[]> runs = finder(grey).find();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r[0]).as("slowed at %d", slowed).isBetween(slowed - 2, slowed + 12);
            assertThat(r[1]).isEqualTo(FRAMES - 1);
        });
    }

    @Property(tries = 15)
    void aPictureHeldAfterMotionAtItsOwnPaceStartsWhereItIsHeld(
            @ForAll @IntRange(min = 60, max = 160) int held, @ForAll long seed) {
        // a step a frame, then one frame held under fresh noise (the walk's noise, 0.2 grey levels)
        float[][] grey = Descriptors.greyWalk(FRAMES, i -> Math.min(i, held), seed);
        List<int[]> runs = finder(grey).find();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r[0]).as("held at %d", held).isBetween(held - 2, held + 2);
            assertThat(r[1]).isEqualTo(FRAMES - 1);
        });
    }

    private static FreezeFinder finder(float[][] grey) {
        return new FreezeFinder(grey, P.identicalLevel(), P.softFreezeLevel(), 24, 72);
    }
}
