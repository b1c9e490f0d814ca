package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.FrameEmbeddings;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The recurrence plot of a learned feature channel: cosine distances {@code 1 - cos} between the embedded
 * frames, divided by the clip's own spread (the 90th percentile of all pairwise distances, at least
 * {@link #SPREAD_FLOOR}) so that {@link ReplayFinder}'s contrast tests and its smallest hill
 * ({@link #HILL_MIN}, a share of that spread) mean the same for any model. A clip whose features hardly
 * move (spread below the floor) shows no hill and so no returns: freezes stay with the pixel channel.
 */
final class SemanticMatrix extends Recurrence {

    /** Smallest spread (cosine distance) a clip's features must have for returns to count. */
    static final double SPREAD_FLOOR = 0.02;
    /** Smallest hill, as a share of the clip's spread (the pixel channel's is about 0.12 of 0.6-0.8). */
    static final double HILL_MIN = 0.2;

    private SemanticMatrix(int[] frames, float[] d) {
        super(frames, d);
    }

    /**
     * @param e the channel's vectors (unit length)
     * @param step use every {@code step}-th embedded frame (a coarse search on long clips)
     */
    static SemanticMatrix of(FrameEmbeddings e, int step) {
        int n = (e.size() + step - 1) / step;
        int[] frames = new int[n];
        for (int k = 0; k < n; k++) {
            frames[k] = k * step * e.every();
        }
        float[] d = new float[n * n];
        IntStream.range(1, Math.max(1, n)).parallel().forEach(j -> {
            for (int i = 0; i < j; i++) {
                float v = (float) Math.max(0, 1 - e.cosine(i * step, j * step));
                d[i * n + j] = v;
                d[j * n + i] = v;
            }
        });
        float[] upper = new float[Math.max(1, n * (n - 1) / 2)];
        int k = 0;
        for (int j = 1; j < n; j++) {
            for (int i = 0; i < j; i++) {
                upper[k++] = d[i * n + j];
            }
        }
        double spread = k == 0 ? SPREAD_FLOOR : Math.max(SPREAD_FLOOR, percentile(upper, k, 0.90));
        float inv = (float) (1 / spread);
        for (int i = 0; i < d.length; i++) {
            d[i] *= inv;
        }
        return new SemanticMatrix(frames, d);
    }

    private static double percentile(float[] a, int count, double q) {
        float[] s = Arrays.copyOf(a, count);
        Arrays.sort(s);
        return s[Math.min(count - 1, (int) Math.floor(q * (count - 1)))];
    }
}
