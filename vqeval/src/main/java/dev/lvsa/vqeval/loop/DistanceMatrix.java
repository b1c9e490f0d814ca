package dev.lvsa.vqeval.loop;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Pairwise distances of frame descriptors: the weighted mean absolute difference (grey cells weight 1,
 * chroma cells weight 1/2) used for self-similarity, and near-identity tests on the grey cells (how many
 * cells changed by more than a level). Rows are computed in parallel with plain loops; near-identity is counted cell by cell only for pairs whose mean grey difference allows it
 * frames at a time, so it is fast from the first call.
 */
public final class DistanceMatrix implements AutoCloseable {

    private static final float CHROMA_WEIGHT = 0.5f;
    /** Fixed-point steps per grey level. */
    private static final float FIXED = 8f;
    /** Near-identical frames have at most this share of grey cells over the level. */
    private static final double OVER_SHARE = 0.05;

    private final int n;
    private final int greyCells;
    private final int allowedOver;
    private final float[] weighted;
    private final float[] greyMean;
    private final float[][] grey;

    private DistanceMatrix(int n, int greyCells, float[] weighted, float[] greyMean, float[][] grey) {
        this.n = n;
        this.greyMean = greyMean;
        this.greyCells = greyCells;
        this.allowedOver = (int) Math.floor(OVER_SHARE * greyCells);
        this.weighted = weighted;
        this.grey = grey;
    }

    /**
     * Computes all pairs.
     *
     * @param descriptors per frame: grey cells then chroma cells
     * @param gridWidth grey grid width (cells)
     * @param gridHeight grey grid height (cells)
     */
    public static DistanceMatrix of(float[][] descriptors, int gridWidth, int gridHeight) {
        int n = descriptors.length;
        int greyCells = gridWidth * gridHeight;
        int dim = n == 0 ? greyCells : descriptors[0].length;
        float[][] grey = new float[n][];
        for (int i = 0; i < n; i++) {
            grey[i] = Arrays.copyOf(descriptors[i], greyCells);
        }
        float[] weighted = new float[n * n];
        float[] greyMean = new float[n * n];
        // fixed point (1/8 grey level) so the inner sums are integer reductions, which the JIT vectorises
        int[] fixed = new int[n * dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                fixed[i * dim + k] = Math.round(descriptors[i][k] * FIXED);
            }
        }
        if (n > 0) {
            float norm = greyCells + CHROMA_WEIGHT * (dim - greyCells);
            IntStream.range(1, n).parallel().forEach(j -> {
                int bj = j * dim;
                for (int i = 0; i < j; i++) {
                    int bi = i * dim;
                    int g = 0;
                    for (int k = 0; k < greyCells; k++) {
                        g += Math.abs(fixed[bi + k] - fixed[bj + k]);
                    }
                    int c = 0;
                    for (int k = greyCells; k < dim; k++) {
                        c += Math.abs(fixed[bi + k] - fixed[bj + k]);
                    }
                    float v = (g + CHROMA_WEIGHT * c) / (FIXED * norm);
                    weighted[i * n + j] = v;
                    weighted[j * n + i] = v;
                    float gm = g / (FIXED * greyCells);
                    greyMean[i * n + j] = gm;
                    greyMean[j * n + i] = gm;
                }
            });
        }
        return new DistanceMatrix(n, greyCells, weighted, greyMean, grey);
    }

    public int size() {
        return n;
    }

    /** Weighted descriptor distance, grey levels. */
    public double distance(int i, int j) {
        return weighted[i * n + j];
    }

    /** Mean absolute grey-cell difference, grey levels (cells in steps of 1/8 level). */
    public double greyDistance(int i, int j) {
        return greyMean[i * n + j];
    }

    /** Row-major weighted distances (shared). */
    public float[] raw() {
        return weighted;
    }

    /**
     * 95th percentile of the absolute grey-cell differences of frames i and j (grey levels): how much the
     * most-changed 5% of the picture changed, sensitive to small moving objects.
     */
    public double localChange(int i, int j) {
        float[] a = grey[i];
        float[] b = grey[j];
        float[] scratch = new float[greyCells];
        for (int c = 0; c < greyCells; c++) {
            scratch[c] = Math.abs(a[c] - b[c]);
        }
        Arrays.sort(scratch);
        return scratch[Math.min(greyCells - 1, (int) Math.floor(0.95 * greyCells))];
    }

    /**
     * True when frames i and j are near-identical at {@code level}: at most 5% of the grey cells differ by
     * more than {@code level} grey levels.
     */
    public boolean identical(int i, int j, double level) {
        if (i == j) {
            return true;
        }
        float[] a = grey[i];
        float[] b = grey[j];
        float lv = (float) level;
        int over = 0;
        // in blocks, so that a clearly different pair stops early; each block's count is a branch-free loop
        for (int from = 0; from < greyCells; from += 64) {
            int to = Math.min(greyCells, from + 64);
            for (int c = from; c < to; c++) {
                over += Math.abs(a[c] - b[c]) > lv ? 1 : 0;
            }
            if (over > allowedOver) {
                return false;
            }
        }
        return true;
    }

    /**
     * For frame j, which of frames {@code 0..upTo-1} are near-identical to it at {@code level} (same test
     * as {@link #identical}, skipping pairs whose mean grey difference rules it out).
     */
    public boolean[] identicalToEarlier(int j, int upTo, double level) {
        boolean[] out = new boolean[Math.max(0, upTo)];
        // at most 5% of the cells over the level bounds the mean grey difference: pairs above it are not
        // near-identical, and only the rest are counted cell by cell
        double bound = (1 - OVER_SHARE) * level + OVER_SHARE * 255 + 1e-3;
        for (int i = 0; i < upTo; i++) {
            out[i] = greyMean[i * n + j] <= bound && identical(i, j, level);
        }
        return out;
    }

    @Override
    public void close() {
        // plain Java arrays: nothing native to release
    }
}
