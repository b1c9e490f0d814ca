package dev.lvsa.vqeval.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link FreezeFinder}'s hard test: stretches of at least {@code hardMin} frames near-identical to their first frame
 * (the 95th percentile of the grey-cell differences at most {@code identicalLevel}).
 * <ul>
 *   <li>A stretch is cut where it leaves its first frame's level, and the next starts there ({@link #pieces}).
 *   <li>Stretches that touch are one still, which reaches back over the frames as still as its own and then settles
 *       ({@link FreezeFinder#settle}).
 *   <li>A still that holds a shot for a moment before the edit cuts away is not a freeze ({@link #heldShot}).
 * </ul>
 */
final class HardStills {

    /** The motion's last frame moves into the still more than this many times as far as the still's first frame. */
    static final double LAST_STEP = 2.0;

    private final FreezeFinder finder;
    private final int n;
    private final double identicalLevel;
    private final int hardMin;
    private final int softMin;

    HardStills(FreezeFinder finder, int frames, double identicalLevel, int hardMin, int softMin) {
        this.finder = finder;
        this.n = frames;
        this.identicalLevel = identicalLevel;
        this.hardMin = hardMin;
        this.softMin = softMin;
    }

    /** The hard stills, analysed frames, inclusive, in order and disjoint. */
    List<int[]> find() {
        List<int[]> hard = new ArrayList<>();
        int previousEnd = -1;
        for (int[] r : chain(pieces())) {
            int start = finder.settle(reachBack(previousEnd + 1, r[0], r[1]), r[1], FreezeFinder.HARD_SETTLE);
            previousEnd = r[1];
            if (r[1] - start + 1 >= hardMin && !heldShot(start, r[1])) {
                hard.add(new int[] {start, r[1]});
            }
        }
        return hard;
    }

    /**
     * Stretches whose frames all stay within the hard level of the stretch's first frame, cut where they leave, at
     * least {@code hardMin} long. The next stretch starts where one was cut (it does not slide its start forward
     * frame by frame), except after a stretch too short whose first frame was the motion's last ({@link
     * #lastOfMotion}): that frame may lie within the level of the held picture but not of the same picture after a
     * codec keyframe has re-rendered it, so the stretch anchored on it ends at the keyframe while the one anchored a
     * frame later holds.
     */
    private List<int[]> pieces() {
        List<int[]> runs = new ArrayList<>();
        int s = 0;
        while (s < n - 1) {
            int e = s;
            while (e + 1 < n && finder.p95Diff(s, e + 1) <= identicalLevel) {
                e++;
            }
            if (e - s + 1 >= hardMin) {
                runs.add(new int[] {s, e});
                s = e + 1;
            } else {
                s = e > s && !lastOfMotion(s) ? e + 1 : s + 1;
            }
        }
        return runs;
    }

    /**
     * Frame {@code s} moves into the next one more than {@link #LAST_STEP} times as far as that one moves into its
     * next (95th percentile of the cell differences): the last step of a motion that stops there.
     */
    private boolean lastOfMotion(int s) {
        return s + 2 < n && finder.p95Diff(s, s + 1) > LAST_STEP * finder.p95Diff(s + 1, s + 2);
    }

    private List<int[]> chain(List<int[]> pieces) {
        List<int[]> out = new ArrayList<>();
        int[] cur = null;
        for (int[] p : pieces) {
            if (cur != null && p[0] - cur[1] <= 1) {
                cur[1] = p[1];
            } else {
                if (cur != null) {
                    out.add(cur);
                }
                cur = p.clone();
            }
        }
        if (cur != null) {
            out.add(cur);
        }
        return out;
    }

    /**
     * The earliest frame from {@code h} back (not before {@code floor}) after which every frame is as close to frame
     * {@code h} (95th percentile of the cell differences) as the still's consecutive frames are to each other (their
     * median, with the margin {@link FreezeFinder#HARD_SETTLE}): the hard still's true start. A stretch is cut where
     * noise first carries a cell past the hard level, so when one was anchored in the last frames of a motion the
     * next may begin a few frames into the still; those frames are as still as the rest. Motion, however slow, moves
     * the picture farther than a still's noise within a frame or two.
     */
    private int reachBack(int floor, int h, int e) {
        int last = Math.min(e, h + Math.max(2, hardMin));
        double[] steps = new double[Math.max(1, last - h)];
        for (int k = h; k < last; k++) {
            steps[k - h] = finder.p95Diff(k, k + 1);
        }
        double level = FreezeFinder.HARD_SETTLE * LagProfile.percentile(steps, 0.5);
        int k = h;
        while (k - 1 >= floor && finder.p95Diff(k - 1, h) <= level) {
            k--;
        }
        return k;
    }

    /**
     * A shot held still for a moment before the edit cuts away: a hard still shorter than the soft minimum whose shot
     * ends within a quarter of the still's length after it, with a cut to a shot that does not hold still. The picture
     * stops for a second or two and the video goes on with a new, moving shot: editing (a drama's held reaction
     * before the next shot), not a model that froze, which stays frozen (every labelled freeze lasts to the end of
     * its clip). A held shot that cuts to another still is left to the chain, which joins the two.
     */
    private boolean heldShot(int s, int e) {
        int length = e - s + 1;
        if (length >= softMin) {
            return false;
        }
        int last = Math.min(n - 1, e + Math.max(1, length / 4));
        for (int c = e + 1; c <= last; c++) {
            if (finder.collapse().shotStart(c) == c) {
                int after = Math.min(n - 1, c + hardMin - 1);
                return after > c && finder.p95Diff(c, after) > identicalLevel;
            }
        }
        return false;
    }
}
