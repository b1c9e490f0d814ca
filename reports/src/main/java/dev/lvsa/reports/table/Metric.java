package dev.lvsa.reports.table;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.reports.run.ExportColumns;

/**
 * A figure the tables show: its export column, the paper's metric stem it compares with (null when the
 * paper has no counterpart), decimals and heading. The paper's VQeval is its reference implementation, not
 * this toolkit's: dimensions are matched by meaning (loop, dynamic, spatial, temporal).
 */
public enum Metric {
    LATENCY(ExportColumns.LATENCY_S, PaperMeans.WALL_TIME_S, 1, "latency (s)"),
    PEAK_MEMORY(ExportColumns.PEAK_MEMORY_GB, PaperMeans.PEAK_GPU_GB, 1, "peak memory (GB)"),
    DENSITY(ExportColumns.DENSITY, null, 3, "attention density"),
    COMPOSITE(ExportColumns.COMPOSITE_SCORE, PaperMeans.VQ_COMPOSITE, 1, "VQeval composite"),
    LOOP_QUALITY(ExportColumns.LOOP_QUALITY, PaperMeans.VQ_LOOP, 1, "loop quality"),
    TEMPORAL_DYNAMICS(ExportColumns.TEMPORAL_DYNAMICS, PaperMeans.VQ_DYNAMIC, 1, "temporal dynamics"),
    FRAME_SIMILARITY(ExportColumns.FRAME_SIMILARITY, null, 1, "frame similarity"),
    SPATIAL_QUALITY(ExportColumns.SPATIAL_QUALITY, PaperMeans.VQ_SPATIAL, 1, "spatial quality"),
    TEMPORAL_COHERENCE(ExportColumns.TEMPORAL_COHERENCE, PaperMeans.VQ_TEMPORAL, 1, "temporal coherence"),
    SUBJECT_CONSISTENCY(ExportColumns.SUBJECT_CONSISTENCY, PaperMeans.VBENCH_SUBJECT, 3, "subject consistency"),
    BACKGROUND_CONSISTENCY(
            ExportColumns.BACKGROUND_CONSISTENCY, PaperMeans.VBENCH_BACKGROUND, 3, "background consistency"),
    TEMPORAL_FLICKER(ExportColumns.TEMPORAL_FLICKER, PaperMeans.VBENCH_TEMPORAL, 3, "temporal flicker"),
    MOTION_SMOOTHNESS(ExportColumns.MOTION_SMOOTHNESS, PaperMeans.VBENCH_MOTION, 3, "motion smoothness"),
    DYNAMIC_DEGREE(ExportColumns.DYNAMIC_DEGREE, null, 3, "dynamic degree"),
    NOREPEAT(ExportColumns.NOREPEAT, null, 0, "NoRepeat (RIFLEx)"),
    REPEAT_RATIO(ExportColumns.REPEAT_RATIO, null, 3, "repeat ratio (UltraViCo)");

    /** The VQeval dimensions of the quality table, in report order. */
    public static final Metric[] VQEVAL_DIMENSIONS = {
        LOOP_QUALITY, TEMPORAL_DYNAMICS, FRAME_SIMILARITY, SPATIAL_QUALITY, TEMPORAL_COHERENCE
    };
    /** The vbench-like diagnostics (they reward static video). */
    public static final Metric[] VBENCH_LIKE = {
        SUBJECT_CONSISTENCY, BACKGROUND_CONSISTENCY, TEMPORAL_FLICKER, MOTION_SMOOTHNESS, DYNAMIC_DEGREE
    };

    private final String column;
    private final String paperStem;
    private final int decimals;
    private final String heading;

    Metric(String column, String paperStem, int decimals, String heading) {
        this.column = column;
        this.paperStem = paperStem;
        this.decimals = decimals;
        this.heading = heading;
    }

    /** The export CSV column. */
    public String column() {
        return column;
    }

    /** The paper's metric stem, or null when it publishes none. */
    public String paperStem() {
        return paperStem;
    }

    public boolean published() {
        return paperStem != null;
    }

    public int decimals() {
        return decimals;
    }

    public String heading() {
        return heading;
    }
}
