package dev.lvsa.vqeval.api;

import java.util.Map;

/**
 * What a {@link Dimension} gets: the measured series, the repetition findings and the normalisation
 * ranges in force (preset over defaults).
 */
public final class AnalysisContext {

    private final FrameSeries series;
    private final LoopFindings loop;
    private final Preset preset;

    public AnalysisContext(FrameSeries series, LoopFindings loop, Preset preset) {
        this.series = series;
        this.loop = loop;
        this.preset = preset;
    }

    public FrameSeries series() {
        return series;
    }

    public LoopFindings loop() {
        return loop;
    }

    public Preset preset() {
        return preset;
    }

    /** The range for {@code dimension.metric}: the preset's when it has one, else the dimension's default. */
    public NormRange range(Dimension dimension, String metric) {
        NormRange fromPreset = preset.ranges().get(dimension.name() + "." + metric);
        if (fromPreset != null) {
            return fromPreset;
        }
        Map<String, NormRange> defaults = dimension.defaultRanges();
        NormRange r = defaults.get(metric);
        if (r == null) {
            throw new IllegalArgumentException("dimension " + dimension.name() + " has no range for metric " + metric);
        }
        return r;
    }
}
