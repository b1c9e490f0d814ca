package dev.lvsa.vqeval.api;

/**
 * The frame self-similarity matrix of a video: {@code distance(i, j)} is the weighted mean absolute
 * difference of the tiny grey+colour descriptors of analysed frames i and j, in grey levels (0 =
 * identical). Loops show as stripes parallel to the diagonal, ping-pong as stripes across it. For a long
 * video the matrix covers every k-th analysed frame ({@link #stride()} then counts original frames per row).
 * The repeat model's events come with it so that figures can mark them.
 */
public final class SelfSimilarity {

    private final int size;
    private final float[] distances;
    private final int stride;
    private final java.util.function.Supplier<double[]> lagProfileSource;
    private double[] lagProfile;
    private final Integer periodFrames;
    private final java.util.List<RepeatEvent> events;

    /**
     * @param size number of analysed frames
     * @param distances row-major {@code size x size} symmetric matrix
     * @param stride analysis stride (original frames per analysed frame)
     * @param lagProfile a low percentile (35th) of the distances along each diagonal, index = lag in analysed
     *     frames (for figures: the repeat model finds replays as lines, not in this profile)
     * @param periodFrames detected cycle period in original frames, or null
     */
    public SelfSimilarity(int size, float[] distances, int stride, double[] lagProfile, Integer periodFrames) {
        this(size, distances, stride, lagProfile, periodFrames, java.util.List.of());
    }

    /**
     * @param events the repeat model's events (original frames), drawn on the heatmap
     */
    public SelfSimilarity(
            int size,
            float[] distances,
            int stride,
            double[] lagProfile,
            Integer periodFrames,
            java.util.List<RepeatEvent> events) {
        this(size, distances, stride, () -> lagProfile, periodFrames, events);
    }

    /**
     * @param lagProfile computed on first use (no caller needs it on the scoring path)
     */
    public SelfSimilarity(
            int size,
            float[] distances,
            int stride,
            java.util.function.Supplier<double[]> lagProfile,
            Integer periodFrames,
            java.util.List<RepeatEvent> events) {
        if (distances.length != size * size) {
            throw new IllegalArgumentException("matrix of " + distances.length + " values is not " + size + "x" + size);
        }
        this.size = size;
        this.distances = distances;
        this.stride = stride;
        this.lagProfileSource = lagProfile;
        this.periodFrames = periodFrames;
        this.events = java.util.List.copyOf(events);
    }

    /** The repeat model's events, original frames. */
    public java.util.List<RepeatEvent> events() {
        return events;
    }

    public int size() {
        return size;
    }

    public double distance(int i, int j) {
        return distances[i * size + j];
    }

    /** A copy of the matrix as rows. */
    public double[][] matrix() {
        double[][] m = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                m[i][j] = distances[i * size + j];
            }
        }
        return m;
    }

    /** Row-major distances, shared: read-only. */
    public float[] rawDistances() {
        return distances;
    }

    /** Original frames per analysed frame. */
    public int stride() {
        return stride;
    }

    /** The lag profile (a low percentile of the distances per lag, analysed frames); index 0 is 0. */
    public synchronized double[] lagProfile() {
        if (lagProfile == null) {
            lagProfile = lagProfileSource.get();
        }
        return lagProfile.clone();
    }

    /** Detected cycle period in original frames, or null when no cycle was found. */
    public Integer periodFrames() {
        return periodFrames;
    }
}
