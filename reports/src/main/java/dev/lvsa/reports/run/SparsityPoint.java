package dev.lvsa.reports.run;

/**
 * One point of an LVSA variant's planned attention density against video length (from its jobs' plan files,
 * {@link PlannedDensity}), for the sparsity-vs-frames chart.
 *
 * @param frames video frames
 * @param density attended share of the full attention (0..1]
 */
public record SparsityPoint(int frames, double density) {

    public SparsityPoint {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("density must be within 0..1, got " + density);
        }
    }
}
