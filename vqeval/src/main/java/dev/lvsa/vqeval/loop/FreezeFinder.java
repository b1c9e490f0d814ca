package dev.lvsa.vqeval.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where the picture holds still, on the grey descriptor cells of every analysed frame (grey
 * levels), in two ways.
 * <ul>
 *   <li><b>Hard freeze</b>: frames near-identical to the first frame of their stretch (the 95th percentile
 *       of the cell differences at most {@code identicalLevel}) for at least {@code hardMin} frames; stretches
 *       that touch are one freeze, and a shot held for a moment before a cut is not one ({@link HardStills}). A
 *       still that creeps slowly after motion stopped is caught by the soft test below, from where the motion
 *       stopped.
 *   <li><b>Soft freeze</b>: a near-static shot that no longer evolves: every frame within
 *       {@code softLevel} grey levels (mean cell difference) of the stretch's first frame for at least
 *       {@code softMin} frames. The mean lets 5-15% of the cells wobble (shimmer, a blinking eye, micro
 *       facial motion) while a moving subject, however small, carries the picture away within seconds. Every
 *       frame is tried as a start, and a soft still counts only right after motion (see
 *       {@link #afterMotion}) or, when it opens the clip, if it is twice as still (see {@link #stillFromStart}).
 * </ul>
 * Both kinds then settle: frames of a still's first second that still differ from its mean picture more
 * than its own frames do are the end of the motion, not the freeze. The difference is the median over the cells,
 * so a shimmer's few wobbling cells neither widen the still's own spread nor hide the motion before it. A soft still
 * that the motion slowed into (fast, then a few times slower for a second or more, then still) then reaches back to
 * where the motion turned slow ({@link MotionCollapse#turnedSlow}), as a crawl does: that is where the labels of real
 * slow-motion freezes put the onset.
 * Stretches shorter than the minimums are ordinary pauses (an actor holding a pose for half a second).
 */
final class FreezeFinder {

    /**
     * How much farther than its own frames a frame may lie from a still's mean picture and still belong to
     * it: tight for a hard still, looser for a soft one, whose own micro-motion (a face, a shimmer) makes
     * its first second differ from the next two by more than its frames differ among themselves.
     */
    static final double HARD_SETTLE = 1.5;

    static final double SOFT_SETTLE = 2.5;

    /** A still that opens the clip: how far (times the hard level) its most-changed 1% of cells may move. */
    static final double START_STILL_PEAK = 6.0;

    /**
     * A soft still (after motion, or one that opens the clip and creeps by more than half the soft level): how much
     * farther from its first frame it may get in the second half of its first {@code softMin} frames than in the first
     * half (it has stopped leaving; a slow drift keeps going, about twice as far).
     */
    static final double STILL_SETTLED = 1.25;

    private MotionCollapse collapse;

    private double[] steps;

    MotionCollapse collapse() {
        if (collapse == null) {
            collapse = new MotionCollapse(steps(), softLevel);
        }
        return collapse;
    }

    /** The mean cell difference between each frame and the next, computed once. */
    double[] steps() {
        if (steps == null) {
            steps = new double[Math.max(0, grey.length - 1)];
            for (int k = 0; k < steps.length; k++) {
                steps[k] = meanDiff(k, k + 1);
            }
        }
        return steps;
    }

    /** Soft still kinds: a picture that has stopped, and motion collapsed into a crawl ({@link MotionCollapse}). */
    private static final int STILL = 0;

    private static final int CRAWL = 1;

    private final float[][] grey;
    private final double identicalLevel;
    private final double softLevel;
    private final int hardMin;
    private final int softMin;

    /**
     * @param grey per analysed frame: grey cells (grey levels)
     * @param hardMin shortest hard freeze, analysed frames
     * @param softMin shortest soft freeze, analysed frames
     */
    FreezeFinder(float[][] grey, double identicalLevel, double softLevel, int hardMin, int softMin) {
        this.grey = grey;
        this.identicalLevel = identicalLevel;
        this.softLevel = softLevel;
        this.hardMin = Math.max(2, hardMin);
        this.softMin = Math.max(2, softMin);
    }

    /** Frozen spans, analysed frames, inclusive, in order and disjoint. */
    List<int[]> find() {
        int n = grey.length;
        boolean[] frozen = new boolean[n];
        List<int[]> hard = new HardStills(this, grey.length, identicalLevel, hardMin, softMin).find();
        for (int[] r : hard) {
            Arrays.fill(frozen, r[0], r[1] + 1, true);
        }
        for (int[] r : softStills()) {
            // a crawl starts where it turned slow; a still settles, then reaches back over the motion slowing into it
            int s = r[2] == CRAWL ? r[0] : collapse().turnedSlow(settle(r[0], r[1], SOFT_SETTLE), r[1], softMin);
            // a pixel-exact still that begins soon after marks the onset more precisely than the soft start,
            // unless the frames before it already show its picture (a shimmering still is pixel-exact only
            // where its wobbling cells happen to agree)
            for (int[] h : hard) {
                if (h[0] > s && h[0] <= r[1] && h[0] - s <= softMin / 8) {
                    s = stillSince(s, h[0], r[1]);
                    break;
                }
            }
            Arrays.fill(frozen, s, r[1] + 1, true);
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (frozen[i]) {
                int e = i;
                while (e + 1 < n && frozen[e + 1]) {
                    e++;
                }
                out.add(new int[] {i, e});
                i = e;
            }
        }
        return out;
    }

    /**
     * A soft freeze is motion collapsing into a near-static shot. Within {@code softMin} frames before it the
     * picture moved either far (at least twice the soft level from where it stops) or clearly faster than it
     * moves during the still: at least the soft level, and three times the farthest the still's first
     * {@code softMin} frames get from its first frame. A clip that is slow from its first frame moves as much
     * before any frame as after it, so only the hard test judges it. A cut is not motion: where the frames that
     * moved that far lie only in an earlier shot, the still's own shot must have slowed down into it (its pace
     * before the still at least {@link MotionCollapse#SHOT_SLOWED} times the still's), so a shot that holds one
     * calm pace from its cut on (a talking head, speaking and gesturing) is not a freeze however near-static.
     */
    private boolean afterMotion(int s, int e) {
        if (!movedBefore(s, e, Math.max(0, s - softMin))) {
            return false;
        }
        int shot = collapse().shotStart(s);
        return shot <= s - softMin
                || movedBefore(s, e, shot)
                || collapse().slowedBy(s, softMin) >= MotionCollapse.SHOT_SLOWED;
    }

    /** The motion test of {@link #afterMotion} on the frames from {@code from} to just before {@code s}. */
    private boolean movedBefore(int s, int e, int from) {
        double before = 0;
        for (int k = s - 1; k >= from; k--) {
            before = Math.max(before, meanDiff(k, s));
        }
        if (before >= 2 * softLevel) {
            return true;
        }
        double during = 0;
        for (int k = s + 1; k <= Math.min(e, s + softMin); k++) {
            during = Math.max(during, meanDiff(s, k));
        }
        return before >= softLevel && before >= 3 * during;
    }

    /**
     * A soft still that opens the clip has no motion before it to stand out against, so it must be still on its own: it
     * begins at the clip's first frame (a later start would let the motion before it pass), and over its first
     * {@code softMin} frames the picture as a whole stays within half the soft level of its first frame (mean cell
     * difference) while no part of it changes much (at most 1% of the cells by more than {@link #START_STILL_PEAK}
     * times the hard level). A slow shot that moves at all (drifting ink clouds, a turning head) leaves the first
     * within a second or two; a small object crossing a static scene, however slowly, changes the cells it enters by
     * its own contrast (31 grey levels and more in every slow-motion synthetic clip of 12 seeds) and fails the second.
     * A still whose details creep (ink spreading at a blob's edge: at most 20 levels in 3 s at 1.6 times the published
     * contrast) passes both, though its few creeping cells may cross the hard level within a second and cut every hard
     * stretch. Where more of the picture creeps (the same clip cropped to portrait: 3.3 levels), the mean may exceed
     * half the soft level if the picture has stopped leaving its first frame: in the second half of those frames it
     * gets at most {@link #STILL_SETTLED} times as far from it as in the first half (a steady drift, about twice).
     */
    private boolean stillFromStart(int s, int e) {
        if (s > 0) {
            return false;
        }
        int end = Math.min(e, s + softMin);
        for (int k = s + 1; k <= end; k++) {
            if (CellDiff.percentile(grey[s], grey[k], 0.99) > START_STILL_PEAK * identicalLevel) {
                return false;
            }
        }
        double[] far = farthest(s, e);
        return Math.max(far[0], far[1]) <= 0.5 * softLevel || settled(far);
    }

    /**
     * A soft still has stopped leaving its first frame ({@code far}: see {@link #farthest}): in the second half of its
     * first {@code softMin} frames the picture gets at most {@link #STILL_SETTLED} times as far from that frame as in
     * the first half. A slow motion that stays within the soft level for a while (a dancer turning slowly, seen
     * through a heavy encode) keeps going farther; a near-static shot's micro motion and shimmer wobble around one
     * picture.
     */
    private static boolean settled(double[] far) {
        return far[1] <= STILL_SETTLED * far[0];
    }

    /** The farthest mean cell difference from frame {@code s} in the first and the second half of its next frames. */
    private double[] farthest(int s, int e) {
        int end = Math.min(e, s + softMin);
        int half = s + (end - s) / 2;
        double[] far = new double[2];
        for (int k = s + 1; k <= end; k++) {
            int h = k <= half ? 0 : 1;
            far[h] = Math.max(far[h], meanDiff(s, k));
        }
        return far;
    }

    /**
     * Soft stills, each from the earliest frame whose next {@code softMin} frames (and on) stay within the
     * soft level of it, right after motion: every start is tried, not only where a previous stretch ended,
     * so the onset does not depend on where an unrelated stretch happened to be cut.
     */
    private List<int[]> softStills() {
        int n = grey.length;
        List<int[]> out = new ArrayList<>();
        int s = 0;
        while (s + softMin <= n) {
            int e = s;
            while (e + 1 < n && meanDiff(s, e + 1) <= softLevel) {
                e++;
            }
            boolean after = e - s + 1 >= softMin && afterMotion(s, e);
            boolean still = e - s + 1 >= softMin && ((after && settled(farthest(s, e))) || stillFromStart(s, e));
            int floor = out.isEmpty() ? 0 : out.get(out.size() - 1)[1] + 1;
            int crawlFrom = after && !still ? collapse().crawlOnset(floor, s, e, softMin) : -1;
            if (still || crawlFrom >= 0) {
                // the still goes on past e as long as each next stretch holds for a third of the minimum (or to the
                // end): a still that creeps, and the clip's last seconds, belong to it
                while (e + 1 < n) {
                    int c = e + 1;
                    int ce = c;
                    while (ce + 1 < n && meanDiff(c, ce + 1) <= softLevel) {
                        ce++;
                    }
                    if (ce - c + 1 < Math.min(softMin / 3, n - c)) {
                        break;
                    }
                    e = ce;
                }
                out.add(still ? new int[] {s, e, STILL} : new int[] {crawlFrom, e, CRAWL});
                s = e + 1;
            } else {
                s++;
            }
        }
        return out;
    }

    /**
     * Moves a still's start forward to where the picture has settled: frames in its first second that still
     * differ from the still's mean picture (the average of the next two seconds, where shimmer and noise
     * average out) by more than the still's own frames do are the end of the motion, not the freeze.
     */
    int settle(int s, int e, double factor) {
        // look at the first second or so only: a long still may drift slowly over minutes
        int window = Math.max(2, hardMin);
        int from = Math.min(s + window, s + (e - s) / 2);
        e = Math.min(e, from + 2 * window);
        int cells = grey[s].length;
        float[] mean = new float[cells];
        for (int k = from; k <= e; k++) {
            for (int c = 0; c < cells; c++) {
                mean[c] += grey[k][c];
            }
        }
        for (int c = 0; c < cells; c++) {
            mean[c] /= e - from + 1;
        }
        double[] own = new double[e - from + 1];
        for (int k = from; k <= e; k++) {
            own[k - from] = CellDiff.median(grey[k], mean);
        }
        // a floor for codec refinement: an encoder sharpens a still over its first frames
        double allowed = Math.max(factor * LagProfile.percentile(own, 0.9) + 0.1, settleFloor());
        int start = s;
        for (int k = s; k < from; k++) {
            if (CellDiff.median(grey[k], mean) > allowed) {
                start = k + 1;
            }
        }
        return start;
    }

    /**
     * The first frame from {@code s} on after which most of the picture (the median cell) is as close to frame
     * {@code h} as the still's own frames after {@code h} are: where the motion before a pixel-exact still
     * ended. A shimmering still's frames all qualify; the slow last frames of a motion do not. One frame farther
     * than that, between two that are not, is noise and does not end the walk (motion moves every earlier frame
     * farther).
     */
    private int stillSince(int s, int h, int e) {
        int window = Math.max(2, hardMin);
        double[] own = new double[Math.max(1, Math.min(e, h + window) - h)];
        for (int k = h + 1; k <= Math.min(e, h + window); k++) {
            own[k - h - 1] = CellDiff.median(grey[k], grey[h]);
        }
        double level = LagProfile.percentile(own, 1.0);
        int k = h;
        while (k - 1 >= s
                && (CellDiff.median(grey[k - 1], grey[h]) <= level
                        || (k - 2 >= s && CellDiff.median(grey[k - 2], grey[h]) <= level))) {
            k--;
        }
        return k;
    }

    /** Differences this small are codec refinement and noise, never motion (an encoder sharpens a still). */
    private double settleFloor() {
        return 0.25 * identicalLevel + 0.1;
    }

    double meanDiff(int a, int b) {
        return CellDiff.mean(grey[a], grey[b]);
    }

    double p95Diff(int a, int b) {
        return CellDiff.percentile(grey[a], grey[b], 0.95);
    }
}
