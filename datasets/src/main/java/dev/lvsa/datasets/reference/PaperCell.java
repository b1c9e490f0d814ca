package dev.lvsa.datasets.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One published cell: a model, method (and LVSA backend) and horizon, with its means and standard
 * deviations over the paper's prompts, keyed by the metric stems of the paper's file (e.g.
 * {@code wall_time_s}, {@code vq_loop}, {@code vbench_subject}). A cell the paper reports as out of memory
 * has no figures.
 *
 * @param model toolkit model name, e.g. {@code wan2.1-t2v-1.3b}
 * @param method toolkit method name: {@code dense} or {@code lvsa}
 * @param backend for LVSA the paper's kernel backend, {@code sdpa} or {@code flashinfer}; empty for dense
 * @param paperMethod the paper's own method id: {@code dense}, {@code lvsa} or {@code lvsa-fi}
 * @param horizon generated length over the training length (4.0 for the paper's {@code 4x})
 * @param videoFrames video frames at that horizon
 * @param prompts prompts averaged over (0 for an out-of-memory cell)
 * @param outOfMemory the paper reports this cell as out of memory
 */
public record PaperCell(
        PaperModel paperModel,
        String model,
        String method,
        String backend,
        String paperMethod,
        double horizon,
        int videoFrames,
        int prompts,
        boolean outOfMemory,
        Map<String, Double> means,
        Map<String, Double> stds) {

    public PaperCell {
        means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
        stds = Collections.unmodifiableMap(new LinkedHashMap<>(stds));
    }

    /** The mean of a metric stem, empty when the paper gives none (a blank cell or an OOM cell). */
    public OptionalDouble mean(String metric) {
        Double v = means.get(metric);
        return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The standard deviation of a metric stem over the prompts, empty when not given. */
    public OptionalDouble std(String metric) {
        Double v = stds.get(metric);
        return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
