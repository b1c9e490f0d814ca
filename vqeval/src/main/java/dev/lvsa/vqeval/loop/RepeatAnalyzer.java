package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/**
 * Near-identity questions far apart in time, on the grey-level distance matrix: the share of frame pairs
 * at least a minimum lag apart that are near-identical, and the novelty profile (each frame's distance to
 * its best match at least that lag earlier). Indices are matrix rows; callers convert to original frames.
 */
public final class RepeatAnalyzer {

    /** Outcome in matrix rows. */
    public record Repeats(double duplicatePairRatio, double[] novelty, double noveltyMean) {}

    private final LoopParameters params;

    public RepeatAnalyzer(LoopParameters params) {
        this.params = params;
    }

    /** @param minLag smallest lag for duplicate pairs and novelty, matrix rows */
    public Repeats analyse(DistanceMatrix m, int minLag) {
        int n = m.size();
        double level = params.identicalLevel();
        double[] novelty = new double[n];
        Arrays.fill(novelty, Double.NaN);
        long[] dupPerRow = new long[n];
        java.util.stream.IntStream.range(minLag, Math.max(minLag, n)).parallel().forEach(j -> {
            double bestDist = Double.MAX_VALUE;
            long dup = 0;
            boolean[] same = m.identicalToEarlier(j, j - minLag + 1, level);
            for (int i = 0; i + minLag <= j; i++) {
                if (same[i]) {
                    dup++;
                }
                bestDist = Math.min(bestDist, m.distance(i, j));
            }
            novelty[j] = bestDist;
            dupPerRow[j] = dup;
        });
        long pairs = 0;
        long dupPairs = 0;
        double noveltySum = 0;
        int noveltyCount = 0;
        for (int j = minLag; j < n; j++) {
            pairs += j - minLag + 1;
            dupPairs += dupPerRow[j];
            noveltySum += novelty[j];
            noveltyCount++;
        }
        return new Repeats(
                pairs == 0 ? 0 : (double) dupPairs / pairs,
                novelty,
                noveltyCount == 0 ? Double.NaN : noveltySum / noveltyCount);
    }
}
