package dev.lvsa.vqeval.loop;

import java.util.stream.IntStream;

/**
 * The distance the repeat model sees between two frames: how different their <em>structure</em> is, made
 * robust to what a replay may carry that the original did not.
 * <ul>
 *   <li>the outer ring of grey cells is dropped (a coloured border drawn on replayed frames, letterboxing);
 *   <li>each frame's grey cells are normalised to zero mean and unit contrast (a re-lit replay, a global
 *       brightness, contrast or colour change; chroma is left out altogether);
 *   <li>cell differences are capped at {@link #CAP} contrast units before averaging, so a static overlay,
 *       watermark or caption that covers a share {@code f} of the picture adds at most {@code f x CAP};
 *   <li>each frame is averaged with its neighbours ({@code temporalRadius}), which lowers fresh per-frame
 *       sensor noise and codec jitter without moving a replay's line.
 * </ul>
 * Distances are in contrast units: about 0.01-0.05 between consecutive frames, 0.4-0.8 between unrelated
 * pictures. Rows are computed in parallel.
 */
public final class StructureMatrix extends Recurrence {

    /** Largest contribution of one cell (contrast units). */
    static final float CAP = 1.0f;
    /** Contrast floor (grey levels): a flat, featureless frame is not blown up into noise. */
    static final float CONTRAST_FLOOR = 6.0f;
    /** Fixed-point steps per contrast unit. */
    private static final float FIXED = 256f;

    private final int cells;
    private final float[] vectors;

    private StructureMatrix(int cells, float[] vectors, int[] frames, float[] d) {
        super(frames, d);
        this.cells = cells;
        this.vectors = vectors;
    }

    /**
     * @param descriptors per analysed frame: grey cells first ({@code gridWidth x gridHeight}), then anything
     * @param frames which analysed frames the matrix covers, in order (a coarse search uses every k-th);
     *     {@link #pair} still reaches every frame
     * @param temporalRadius frames averaged on each side of a frame (0 = none)
     */
    public static StructureMatrix of(
            float[][] descriptors, int gridWidth, int gridHeight, int[] frames, int temporalRadius) {
        int trim = gridWidth >= 8 && gridHeight >= 6 ? 1 : 0;
        int w = gridWidth - 2 * trim;
        int h = gridHeight - 2 * trim;
        int cells = w * h;
        float[] all = normalisedCells(descriptors, gridWidth, trim, w, h, temporalRadius);
        int n = frames.length;
        // fixed point (1/256 contrast unit) so the inner sums are integer reductions, which the JIT vectorises
        int[] sub = new int[Math.max(1, n) * cells];
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < cells; c++) {
                sub[k * cells + c] = Math.round(all[frames[k] * cells + c] * FIXED);
            }
        }
        int cap = Math.round(CAP * FIXED);
        float[] out = new float[n * n];
        IntStream.range(1, Math.max(1, n)).parallel().forEach(j -> {
            int bj = j * cells;
            for (int i = 0; i < j; i++) {
                int bi = i * cells;
                int sum = 0;
                for (int c = 0; c < cells; c++) {
                    sum += Math.min(cap, Math.abs(sub[bi + c] - sub[bj + c]));
                }
                float v = sum / (FIXED * cells);
                out[i * n + j] = v;
                out[j * n + i] = v;
            }
        });
        return new StructureMatrix(cells, all, frames.clone(), out);
    }

    /**
     * Each frame's inner grey cells (the ring {@code trim} dropped), averaged over {@code temporalRadius} frames on
     * each side, to zero mean and unit contrast: {@code descriptors.length} rows of {@code w * h} values.
     */
    private static float[] normalisedCells(
            float[][] descriptors, int gridWidth, int trim, int w, int h, int temporalRadius) {
        int total = descriptors.length;
        int cells = w * h;
        float[] all = new float[Math.max(1, total) * cells];
        float[] tmp = new float[cells];
        for (int f = 0; f < total; f++) {
            java.util.Arrays.fill(tmp, 0f);
            int lo = Math.max(0, f - temporalRadius);
            int hi = Math.min(total - 1, f + temporalRadius);
            for (int t = lo; t <= hi; t++) {
                float[] src = descriptors[t];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        tmp[y * w + x] += src[(y + trim) * gridWidth + x + trim];
                    }
                }
            }
            double mean = 0;
            for (float v : tmp) {
                mean += v;
            }
            mean /= cells;
            double ss = 0;
            for (int c = 0; c < cells; c++) {
                tmp[c] = (float) (tmp[c] - mean) / (hi - lo + 1);
                ss += tmp[c] * tmp[c];
            }
            float scale = (float) (1.0 / Math.max(Math.sqrt(ss / cells), CONTRAST_FLOOR));
            for (int c = 0; c < cells; c++) {
                all[f * cells + c] = tmp[c] * scale;
            }
        }
        return all;
    }

    /** Distance between any two analysed frames (not only those the matrix covers), computed on demand. */
    public double pair(int frameA, int frameB) {
        int a = frameA * cells;
        int b = frameB * cells;
        double s = 0;
        for (int c = 0; c < cells; c++) {
            s += Math.min(CAP, Math.abs(vectors[a + c] - vectors[b + c]));
        }
        return s / cells;
    }
}
