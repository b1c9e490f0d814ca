package dev.lvsa.vqeval.loop;

/**
 * A recurrence plot: distances between the frames a matrix covers (row-major, symmetric, 0 on the diagonal), read by
 * {@link ReplayFinder}. The pixel channel's {@link StructureMatrix} and a learned channel's {@link SemanticMatrix}
 * differ only in how they fill it.
 */
abstract class Recurrence {

    private final int[] frames;
    private final int n;
    private final float[] d;

    /**
     * @param frames the analysed frame behind each matrix index
     * @param d {@code frames.length}² distances, row-major
     */
    Recurrence(int[] frames, float[] d) {
        this.frames = frames;
        this.n = frames.length;
        this.d = d;
    }

    /** Frames the matrix covers. */
    public final int size() {
        return n;
    }

    /** Distance between matrix indices {@code i} and {@code j}. */
    public final double distance(int i, int j) {
        return d[i * n + j];
    }

    /** The analysed frame behind matrix index {@code k}. */
    public final int frame(int k) {
        return frames[k];
    }

    /** Distances between consecutive matrix indices (empty below two frames): how far the video moves per step. */
    final double[] steps() {
        double[] steps = new double[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            steps[i - 1] = distance(i - 1, i);
        }
        return steps;
    }
}
