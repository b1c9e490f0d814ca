package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds replays and ping-pong reversals as lines in a recurrence plot: the {@link StructureMatrix} of the
 * pixel channel, or a {@link SemanticMatrix} of learned features.
 *
 * <p><b>Returns.</b> For every frame j the profile {@code p(L) = D(j-L, j)} is walked from lag 1 to j,
 * keeping the highest point so far {@code h} (how far the video got from frame j). Frame j <em>returns</em>
 * to frame {@code j-L} (L at least minLag) when the video went somewhere else in between and came back:
 * {@code (h - p(L)) / (h - base)}, maximised over L, is at least {@link #RETURN_MIN},
 * where {@code base} is the video's own floor of consecutive-frame distances (10th percentile, so fresh
 * sensor noise on a replay does not read as a difference). Slow drift has its best match at the shortest
 * lag and no hill, a frozen picture has no hill at all ({@link #HILL_MIN}): neither returns.
 *
 * <p><b>Events.</b> Runs of returning frames (gaps of a few frames bridged) that last at least
 * {@code minLength} are events. A replay that is not a copy (heavy noise, a drifting picture, something in
 * it that never returns) returns only weakly ({@link #RETURN_WEAK}); such a run counts when it is
 * <em>steady</em>: its frames' best matches keep to one forward line, and that line explains them nearly as
 * well as their own best matches do. A steady stretch before a crisp run is where that replay starts. A run
 * is explained by the straight line that fits it best: a constant lag (parallel to the diagonal: a forward
 * replay) or a constant sum {@code i + j} (across the diagonal: a ping-pong reversal). The replay's lag is
 * the smallest lag whose line is about as good as the best one and divides it, so a loop of period 20 is not
 * reported as 40 ({@link LineCosts#fundamental}).
 * Nothing limits the lag but the clip's end, so a single late replay of the opening is found as readily as a
 * loop.
 */
final class ReplayFinder {

    /** Smallest return contrast. */
    static final double RETURN_MIN = 0.8;
    /**
     * Smallest return contrast of a weak run: one that only counts when its frames keep returning along one
     * line (noise, a drifting picture or a re-render blurs a real replay's contrast, not its lag).
     */
    static final double RETURN_WEAK = 0.5;
    /** Share of a weak run's frames whose best match must lie on its replay line or a multiple of it. */
    static final double STEADY_SHARE = 0.8;
    /** A steady run's line may cost at most this factor of its frames' own best matches. */
    static final double LINE_SLACK = 1.2;
    /** Smallest hill (contrast units) between a frame and its match: below it the video never went away. */
    static final double HILL_MIN = 0.12;
    /**
     * A cut: consecutive frames at least this many times the video's median consecutive distance apart (and at
     * least the smallest hill). On the real clips' structure distances, cuts measure 10 to 45 times the median and
     * the fastest motion 4 to 7.5 times (a porcupine scurrying, a man turning his head).
     */
    static final double CUT_FACTOR = 8.0;

    /**
     * Matrix indices: what a search found before lags are turned into original frames. {@code firstLag} is the
     * lag at which a replay's first row returns: that row's own best match when it lies near the line (a replay
     * whose lag stretches over its length) or when the line's lag would put the source before the video began;
     * otherwise the line's own lag.
     */
    record Line(RepeatEvent.Kind kind, int start, int end, int lagOrSum, double strength, int firstLag) {

        Line(RepeatEvent.Kind kind, int start, int end, int lagOrSum, double strength) {
            this(kind, start, end, lagOrSum, strength, lagOrSum);
        }

        /**
         * This ping-pong line as an event in original frames: {@code start} to {@code end} in analysed frames,
         * {@code rowFrames} analysed frames per matrix row (the turn is half the rows' index sum).
         */
        RepeatEvent reversal(int start, int end, int rowFrames, int stride, String found) {
            int turn = lagOrSum * rowFrames / 2;
            return new RepeatEvent(
                    kind, start * stride, end * stride, turn * stride, 2 * (start - turn) * stride, strength, found);
        }

        /**
         * This replay line as an event in original frames: {@code start} to {@code end} in analysed frames,
         * repeating what was shown {@code lag} analysed frames earlier; {@code rowFrames} analysed frames per
         * matrix row. Its source is the frame its first frame shows again ({@code firstLag} earlier), never
         * before the video's first frame.
         */
        RepeatEvent replay(int start, int end, int lag, int rowFrames, int stride, String found) {
            int first = firstLag == lagOrSum ? Math.min(start, lag) : Math.min(start, firstLag * rowFrames);
            return new RepeatEvent(
                    kind, start * stride, end * stride, (start - first) * stride, lag * stride, strength, found);
        }
    }

    private final Recurrence m;
    private final LineCosts costs;
    private final Reversals reversals;
    private final double hillMin;
    private final int minLag;
    private final int minLength;
    private final int maxGap;
    /** The video's floor of consecutive distances (10th percentile): what a return is measured down to. */
    private final double floor;
    /** Consecutive distances from this one on are cuts ({@link #CUT_FACTOR}). */
    private final double cutLevel;

    /**
     * @param minLag shortest lag searched, matrix indices
     * @param minLength shortest event, matrix indices
     * @param maxGap longest run of non-returning frames bridged inside an event
     */
    ReplayFinder(StructureMatrix m, int minLag, int minLength, int maxGap) {
        this(m, HILL_MIN, minLag, minLength, maxGap);
    }

    /** @param hillMin smallest hill in the matrix's own units ({@link #HILL_MIN} for structure distances) */
    ReplayFinder(Recurrence m, double hillMin, int minLag, int minLength, int maxGap) {
        this.m = m;
        this.hillMin = hillMin;
        this.minLag = Math.max(2, minLag);
        this.costs = new LineCosts(m, this.minLag);
        this.reversals = new Reversals(m, costs, this.minLag);
        this.minLength = Math.max(3, minLength);
        this.maxGap = maxGap;
        double[] steps = m.steps();
        this.floor = steps.length == 0 ? 0 : LagProfile.percentile(steps, 0.10);
        this.cutLevel = Math.max(hillMin, CUT_FACTOR * (steps.length == 0 ? 0 : LagProfile.percentile(steps, 0.5)));
    }

    /**
     * Per matrix index: the return contrast (0 when none), the lag of the best earlier match, and whether
     * the frame is flat (its closest earlier frame lies before the video got {@link #HILL_MIN} away from it:
     * it can neither show nor deny a return, as in the slow phase of a short loop).
     */
    record Returns(double[] contrast, int[] lag, boolean[] flat) {}

    Returns returns() {
        int n = m.size();
        double[] contrast = new double[n];
        int[] lag = new int[n];
        boolean[] flat = new boolean[n];
        for (int j = minLag + 1; j < n; j++) {
            // walk back in time: the hill is the farthest the video got from frame j so far, a return is a
            // later dip below it; the deepest dip relative to its hill wins (the earliest on a tie)
            double hill = 0;
            double bestContrast = 0;
            int best = minLag;
            double lowest = Double.MAX_VALUE;
            double hillAtLowest = 0;
            for (int l = 1; l <= j; l++) {
                double dl = m.distance(j - l, j);
                if (l >= minLag && dl < lowest) {
                    lowest = dl;
                    hillAtLowest = hill;
                }
                if (l >= minLag && hill >= hillMin) {
                    double base = Math.min(dl, floor);
                    double c = (hill - dl) / Math.max(hill - base, 1e-9);
                    if (c > bestContrast) {
                        bestContrast = c;
                        best = l;
                    }
                }
                hill = Math.max(hill, dl);
            }
            lag[j] = best;
            contrast[j] = bestContrast;
            // its closest earlier frame came before the video moved far enough to tell: no evidence either way
            flat[j] = hillAtLowest < hillMin;
        }
        return new Returns(contrast, lag, flat);
    }

    List<Line> find() {
        Returns r = returns();
        List<Line> out = new ArrayList<>();
        List<int[]> strong = runs(r, RETURN_MIN);
        for (int[] weak : runs(r, RETURN_WEAK)) {
            List<int[]> inside = strong.stream()
                    .filter(x -> weak[0] <= x[0] && x[1] <= weak[1])
                    .toList();
            if (inside.isEmpty()) {
                // no frame returns crisply: a replay only where the frames keep returning at one lag
                int[] line = steadyLine(r, weak[0], weak[1]);
                if (line != null) {
                    explain(line[0], line[1], r, out);
                }
                continue;
            }
            for (int k = 0; k < inside.size(); k++) {
                int start = k == 0 ? shotStart(weak, steadyStart(r, weak, inside.get(0)[0])) : inside.get(k)[0];
                explain(start, inside.get(k)[1], r, out);
            }
        }
        return out;
    }

    /**
     * Where the first strong run inside a weak one starts once the weak frames before it that return along
     * the same line are counted (a re-rendered or drifting replay returns crisply only after a while): it
     * walks back from {@code from} while each frame's best match lies on the weak run's line.
     */
    private int steadyStart(Returns r, int[] weak, int from) {
        if (from == weak[0]) {
            return from; // nothing weak before it
        }
        int lag = steadyLag(r, weak[0], weak[1]);
        int start = from;
        while (lag > 0
                && start - 1 >= weak[0]
                && !r.flat()[start - 1]
                && r.contrast()[start - 1] >= RETURN_WEAK
                && LineCosts.offLine(r.lag()[start - 1], lag) <= LineCosts.lineTolerance(lag)) {
            start--;
        }
        return start;
    }

    /**
     * Where a replay starts when the shot it lies in began with or inside its weak run: the first frame after the
     * last cut ({@link #CUT_FACTOR}) from the run's start to {@code from}, so every frame of that shot up to the crisp
     * replay returns to earlier material at least weakly. A late return to a slow opening scene does so from its
     * first frame, though its frames match the opening's look-alike frames here and there rather than along one
     * line (a heavy encode then leaves them weak and unsteady). The shot is the unit a viewer sees return; with no
     * cut in the run, {@code from}.
     */
    private int shotStart(int[] weak, int from) {
        for (int j = from; j >= Math.max(1, weak[0]); j--) {
            if (m.distance(j - 1, j) >= cutLevel) {
                return j;
            }
        }
        return from;
    }

    /**
     * The replay lag of frames s..e when they return along one forward line, else -1: at least
     * {@link #STEADY_SHARE} of them (flat ones aside) have their best match at the run's replay lag or a
     * multiple of it (a loop's frames may match any earlier cycle), within {@link LineCosts#lineTolerance}. A fixed
     * pose the video keeps coming back to (a head turning back and forth, an animal settling) has a best
     * match that stays put while the lag grows.
     */
    private int steadyLag(Returns r, int s, int e) {
        int lag = LineCosts.fundamental(costs.forwardCosts(s, e, lowestLag(r, s, e)));
        if (lag < minLag) {
            return -1;
        }
        int counted = 0;
        int onLine = 0;
        for (int j = s; j <= e; j++) {
            if (!r.flat()[j]) {
                counted++;
                onLine += LineCosts.offLine(r.lag()[j], lag) <= LineCosts.lineTolerance(lag) ? 1 : 0;
            }
        }
        if (counted == 0 || onLine < STEADY_SHARE * counted) {
            return -1;
        }
        // the line itself must explain the frames about as well as their own best matches do: a staircase
        // of poses that the video keeps settling back into matches well here and there, never along a line
        // (over every frame of the run, frames before the lag against frame 0, unlike LineCosts.forwardCosts,
        // which leaves them out: reusing that changes one synthetic ping-pong's onset)
        double line = 0;
        for (int j = s; j <= e; j++) {
            line += m.distance(Math.max(0, j - lag), j);
        }
        line /= e - s + 1;
        return line <= LINE_SLACK * costs.prefixCost(s, e, minLag) ? lag : -1;
    }

    /**
     * The steady part of frames s..e ({@link #steadyLag}), from the first to the last frame whose match lies
     * on the line itself (within a row): a picture slowly approaching its source is not yet its replay.
     * Null when the frames are not steady or that part is shorter than an event.
     */
    private int[] steadyLine(Returns r, int s, int e) {
        int lag = steadyLag(r, s, e);
        int first = -1;
        int last = -1;
        for (int j = s; lag > 0 && j <= e; j++) {
            if (!r.flat()[j] && LineCosts.offLine(r.lag()[j], lag) <= 1) {
                first = first < 0 ? j : first;
                last = j;
            }
        }
        return first >= 0 && last - first + 1 >= minLength ? new int[] {first, last} : null;
    }

    /** The shortest lag worth a line over s..e: a little under the lags its frames actually return at. */
    private int lowestLag(Returns r, int s, int e) {
        double[] lags = new double[e - s + 1];
        for (int j = s; j <= e; j++) {
            lags[j - s] = r.lag()[j];
        }
        return Math.max(minLag, (int) Math.floor(0.8 * LagProfile.percentile(lags, 0.1)));
    }

    /**
     * Runs of frames returning with at least {@code level} contrast; flat frames neither start nor break a
     * run, other gaps up to maxGap.
     */
    private List<int[]> runs(Returns r, double level) {
        double[] contrast = r.contrast();
        List<int[]> out = new ArrayList<>();
        int s = -1;
        int last = -1;
        int gap = 0;
        for (int j = 0; j < contrast.length; j++) {
            if (contrast[j] >= level) {
                if (s < 0) {
                    s = j;
                }
                last = j;
                gap = 0;
            } else if (s >= 0 && !r.flat()[j] && ++gap > maxGap) {
                if (last - s + 1 >= minLength) {
                    out.add(new int[] {s, last});
                }
                s = -1;
                gap = 0;
            }
        }
        if (s >= 0 && last - s + 1 >= minLength) {
            out.add(new int[] {s, last});
        }
        return out;
    }

    private void explain(int s, int e, Returns r, List<Line> out) {
        double[] contrast = r.contrast();
        // only lags the frames actually return at: a slow scene also matches itself a few frames back
        double[] fwd = costs.forwardCosts(s, e, lowestLag(r, s, e));
        int lag = LineCosts.fundamental(fwd);
        double fwdBest = lag < 0 ? Double.MAX_VALUE : fwd[lag];
        int[] sumBest = new int[1];
        double back = costs.backwardCost(s, e, sumBest);
        if (reversals.accepts(r, s, e, back, fwdBest)) {
            out.add(reversals.line(contrast, s, e, sumBest[0], back));
            return;
        }
        if (lag < 0) {
            return;
        }
        // the replay starts where its line does; a reversal may come first (ping-pong before its first cycle)
        double level = LineCosts.onLineLevel(fwdBest);
        int start = s;
        while (start < e && (start - lag < 0 || m.distance(start - lag, start) > level)) {
            start++;
        }
        double prefixBack = start - s >= minLength ? costs.backwardCost(s, start - 1, sumBest) : Double.MAX_VALUE;
        if (reversals.accepts(r, s, start - 1, prefixBack, costs.prefixCost(s, start - 1, lag))) {
            out.add(reversals.line(contrast, s, start - 1, sumBest[0], prefixBack));
        } else {
            start = s; // no reversal before it: the replay starts with the run (its lag may stretch a little)
        }
        if (e - start + 1 >= minLength) {
            // where the first frame came from: its own best match when that lies near the line (a replay whose
            // lag stretches) or when the line's lag would put its source before the video began
            int own = r.lag()[start];
            int firstLag =
                    start < lag || Math.abs(own - lag) <= LineCosts.lineTolerance(lag) ? Math.min(start, own) : lag;
            out.add(new Line(RepeatEvent.Kind.REPLAY, start, e, lag, median(contrast, start, e), firstLag));
        }
    }

    static double median(double[] a, int from, int to) {
        return LagProfile.percentile(Arrays.copyOfRange(a, from, to + 1), 0.5);
    }
}
