package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/**
 * The cycle inside a still. A model run past its positional horizon can settle into a near-static shot whose
 * residual motion (shimmer, breathing, a flicker of detail) comes back every P frames: each frame of the still is
 * then a little closer to the frame P later than to the frames a few lags before or after that one. The picture
 * never moves far enough for a replay to show on the recurrence plot, so the cycle is read from the still's own
 * lag profile (mean grey-cell distance at each lag):
 *
 * <ul>
 *   <li>a dip: the profile at P is below {@link #DIP} of its lowest value {@link #NEAR}-{@link #FAR} lags away
 *       (lags within {@link #NEAR} are left out so that a cycle whose length wavers by a frame or two still
 *       counts, and so are P's multiples, where a short cycle dips too);
 *   <li>held over the still: at least {@link #CONSISTENT} of its frames are closer to their partner P later than to
 *       the median of their partners at the neighbouring lags that sit as low as the lowest of them (within
 *       {@link #LIKE_LOWEST}). On a rhythm (every 4th frame alike in a Wan clip: its VAE codes frames in fours)
 *       those are the rhythm's own lags; against all neighbours every lag on the rhythm would hold. The dog's 76
 *       holds on 89% of its frames, a true cycle in noise on 97-100%, random shimmer and a few odd frames at a
 *       regular interval (the frames decoded at full size for the spatial statistics, half a grey level apart
 *       from their neighbours) on about half;
 *   <li>repeated: the profile dips again within 2 lags of 2P, so one chance match of two stretches is not a cycle.
 * </ul>
 *
 * The shortest such P is the period. A rhythm of step s (a duplicate cadence, a codec's group of pictures) lowers
 * every multiple of s alike, so none of them dips below its neighbours on that rhythm.
 */
final class StillCycle {

    /** A cycle lag's profile is at most this share of its neighbours' lowest. */
    static final double DIP = 0.97;
    /** Share of the still's frames on which the cycle lag beats the median of its lowest neighbours. */
    static final double CONSISTENT = 0.75;
    /** Neighbouring lags whose profile is within this factor of the lowest count as the lowest. */
    static final double LIKE_LOWEST = 1.05;
    /** Neighbouring lags compared with a candidate: {@code NEAR..FAR} lags away on either side. */
    static final int NEAR = 3;

    static final int FAR = 12;
    /** Longest cycle searched, seconds (a positional horizon is a few seconds of video). */
    static final double MAX_SECONDS = 30;
    /** Frames sampled per lag on a long still (every k-th frame beyond this), to bound the cost. */
    static final int MAX_SAMPLES = 400;

    /**
     * A cycle found in a still.
     *
     * @param period lag, in analysed frames
     * @param consistency share of the still's frames closer to their partner one period later than to the
     *     median of the lowest neighbouring lags
     */
    record Cycle(int period, double consistency) {}

    /** Mean grey-cell distance of two analysed frames. */
    @FunctionalInterface
    interface FrameDistance {
        double between(int a, int b);
    }

    private final FrameDistance frames;
    private final int first;
    private final int n;
    private final int every;
    private final double[] profile;

    private StillCycle(FrameDistance frames, int first, int last, int maxLag) {
        this.frames = frames;
        this.first = first;
        this.n = last - first + 1;
        this.every = Math.max(1, n / MAX_SAMPLES);
        this.profile = new double[maxLag + 1];
        for (int lag = 1; lag <= maxLag; lag++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i + lag < n; i += every) {
                sum += distance(i, lag);
                count++;
            }
            profile[lag] = sum / count;
        }
    }

    /**
     * The cycle of the still {@code first..last} (analysed frames, inclusive), or null. Periods from
     * {@code minPeriod} to {@code maxPeriod} analysed frames are searched; the still must hold at least three of
     * them (a dip at the period and at its double, each over at least a period's worth of frame pairs).
     */
    static Cycle find(FrameDistance frames, int first, int last, int minPeriod, int maxPeriod) {
        int n = last - first + 1;
        int longest = Math.min(maxPeriod, (n - FAR - 2) / 3);
        int from = Math.max(Math.max(2, minPeriod), NEAR + 1);
        if (longest < from) {
            return null;
        }
        StillCycle s = new StillCycle(frames, first, last, 2 * longest + FAR + 2);
        for (int p = from; p <= longest; p++) {
            if (s.dip(p, p) < DIP && s.dipNear(2 * p, p) < DIP) {
                double consistency = s.consistency(p);
                if (consistency >= CONSISTENT) {
                    return new Cycle(p, consistency);
                }
            }
        }
        return null;
    }

    private double distance(int i, int lag) {
        return frames.between(first + i, first + i + lag);
    }

    /**
     * The lags {@code NEAR..FAR} away from {@code lag} on either side, leaving out the multiples of {@code period}
     * (a short cycle dips at each of them).
     */
    private static int[] neighbours(int lag, int period) {
        int[] near = new int[2 * (FAR - NEAR + 1)];
        int m = 0;
        for (int d = -FAR; d <= FAR; d++) {
            int l = lag + d;
            if (Math.abs(d) >= NEAR && l >= 1 && l % period != 0) {
                near[m++] = l;
            }
        }
        return Arrays.copyOf(near, m);
    }

    /** The profile at {@code lag} over its lowest value at the {@link #neighbours}. */
    private double dip(int lag, int period) {
        double low = Double.MAX_VALUE;
        for (int l : neighbours(lag, period)) {
            low = Math.min(low, profile[l]);
        }
        return low > 0 && low < Double.MAX_VALUE ? profile[lag] / low : 1;
    }

    private double dipNear(int lag, int period) {
        double best = Double.MAX_VALUE;
        for (int l = lag - 2; l <= lag + 2; l++) {
            best = Math.min(best, dip(l, period));
        }
        return best;
    }

    private double consistency(int lag) {
        // the neighbouring lags as low as the lowest (on a rhythm: the rhythm's own lags)
        int[] near = neighbours(lag, lag);
        double low = Double.MAX_VALUE;
        for (int l : near) {
            low = Math.min(low, profile[l]);
        }
        int k = 0;
        for (int l : near) {
            if (profile[l] <= LIKE_LOWEST * low) {
                near[k++] = l;
            }
        }
        double[] others = new double[k];
        int held = 0;
        int count = 0;
        for (int i = 0; i + lag + FAR < n; i += every) {
            for (int q = 0; q < k; q++) {
                others[q] = distance(i, near[q]);
            }
            Arrays.sort(others);
            double median = k % 2 == 1 ? others[k / 2] : 0.5 * (others[k / 2 - 1] + others[k / 2]);
            held += distance(i, lag) < median ? 1 : 0;
            count++;
        }
        return count == 0 ? 0 : (double) held / count;
    }
}
