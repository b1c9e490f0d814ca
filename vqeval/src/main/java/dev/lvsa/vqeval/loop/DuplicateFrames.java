package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.Cadence;

/**
 * Consecutive duplicated frames outside freezes, told apart by their pattern: a regular cadence (a 16 fps
 * generation published at 24 fps repeats every third frame; 3:2 pull-down repeats two frames in five) is
 * frame-rate conversion and says so, with the likely source rate; irregular duplicates are stutter.
 */
final class DuplicateFrames {

    /** A cadence's duplicate phases must hold a duplicate at least this often ... */
    static final double PHASE_HIT = 0.8;
    /** ... and the other phases at most this often. */
    static final double OFF_PHASE = 0.1;
    /** Longest cadence period searched, frames. */
    static final int MAX_PERIOD = 8;

    /** The outcome: per consecutive pair (index i = pair i-1, i) whether it is a duplicate, and the split. */
    record Outcome(
            boolean[] duplicate,
            boolean[] cadencePair,
            double consecutiveDuplicateRatio,
            double stutterRatio,
            Cadence cadence) {}

    private DuplicateFrames() {}

    /**
     * @param finder distances on grey cells
     * @param frozen analysed frames inside freezes
     * @param level near-identity level (grey levels)
     * @param relative a duplicate changes less than this share of the video's median consecutive change
     * @param fps frames per second of the analysed sequence (0 when unknown)
     */
    static Outcome analyse(FreezeFinder finder, boolean[] frozen, double level, double relative, double fps) {
        int n = frozen.length;
        double[] change = finder.steps();
        double typical = n > 1 ? LagProfile.percentile(change, 0.5) : 0;
        boolean[] dup = new boolean[n];
        int dups = 0;
        int outside = 0;
        int considered = 0;
        for (int i = 1; i < n; i++) {
            boolean inFreeze = frozen[i - 1] && frozen[i];
            dup[i] = inFreeze || (change[i - 1] <= relative * typical + 1e-6 && finder.p95Diff(i - 1, i) <= level);
            dups += dup[i] ? 1 : 0;
            if (!inFreeze) {
                considered++;
                outside += dup[i] ? 1 : 0;
            }
        }
        boolean[] cadencePair = new boolean[n];
        Cadence cadence = cadence(dup, frozen, considered, outside, fps, cadencePair);
        int stutter = 0;
        for (int i = 1; i < n; i++) {
            if (dup[i] && !(frozen[i - 1] && frozen[i]) && !cadencePair[i]) {
                stutter++;
            }
        }
        return new Outcome(
                dup, cadencePair, n > 1 ? (double) dups / (n - 1) : 0, n > 1 ? (double) stutter / (n - 1) : 0, cadence);
    }

    private static Cadence cadence(
            boolean[] dup, boolean[] frozen, int considered, int outside, double fps, boolean[] cadencePair) {
        if (considered < 4 * 3 || outside < Math.max(4, 0.1 * considered)) {
            return null;
        }
        for (int k = 2; k <= MAX_PERIOD; k++) {
            int[] hits = new int[k];
            int[] total = new int[k];
            for (int i = 1; i < dup.length; i++) {
                if (frozen[i - 1] && frozen[i]) {
                    continue;
                }
                total[i % k]++;
                hits[i % k] += dup[i] ? 1 : 0;
            }
            boolean[] phase = new boolean[k];
            int phases = 0;
            boolean clean = true;
            for (int p = 0; p < k; p++) {
                double rate = total[p] == 0 ? 0 : (double) hits[p] / total[p];
                if (rate >= PHASE_HIT) {
                    phase[p] = true;
                    phases++;
                } else if (rate > OFF_PHASE) {
                    clean = false;
                }
            }
            if (clean && phases > 0 && phases < k) {
                for (int i = 1; i < dup.length; i++) {
                    cadencePair[i] = dup[i] && phase[i % k] && !(frozen[i - 1] && frozen[i]);
                }
                double source = fps > 0 ? fps * (k - phases) / k : Double.NaN;
                return new Cadence(k, phases, source, (double) outside / considered, cadencePair);
            }
        }
        return null;
    }
}
