package dev.lvsa.reports;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.reference.PaperModel;
import dev.lvsa.reports.chart.ChartFiles;
import dev.lvsa.reports.chart.ChartImage;
import dev.lvsa.reports.chart.QualityCharts;
import dev.lvsa.reports.chart.RunCharts;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.PlannedDensity;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.table.MethodNames;
import dev.lvsa.reports.table.PaperLookup;
import dev.lvsa.reports.table.StepNoise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * Draws a run report's charts into its charts folder, by kind: per model its latency scaling, its speedup over
 * dense, its VQeval dimensions per horizon and its loop-quality contrast beside the paper's; then the paper's own
 * contrast where the run has no model the paper publishes, and the planned density. Says why a kind has no chart.
 */
final class ReportCharts {

    private final PaperMeans reference;
    private final RunGrid grid;
    private final PaperLookup paper;
    private final Path dir;
    private final Map<String, List<ChartImage>> charts;
    /** The chart ids taken so far: each names its files in the charts folder. */
    private final Set<String> used = new HashSet<>();

    private ReportCharts(
            PaperMeans reference, RunGrid grid, PaperLookup paper, Path dir, Map<String, List<ChartImage>> charts) {
        this.reference = reference;
        this.grid = grid;
        this.paper = paper;
        this.dir = dir;
        this.charts = charts;
    }

    /**
     * Draws every chart into {@code dir}, adds it to {@code charts} under its kind (latency, speedup, dimensions,
     * contrast, sparsity) and puts in {@code missing} why a kind has none.
     */
    static void draw(
            ReportInput in,
            RunGrid grid,
            PaperLookup paper,
            PlannedDensity.Result planned,
            Path dir,
            Map<String, List<ChartImage>> charts,
            Map<String, String> missing)
            throws IOException {
        ReportCharts c = new ReportCharts(in.reference(), grid, paper, dir, charts);
        for (String model : grid.models()) {
            c.latency(model);
            c.speedup(model);
            c.quality(model);
        }
        c.paperReferenceContrast();
        XYChart sparsity = RunCharts.sparsity(planned.series(), grid);
        if (sparsity != null) {
            c.add("sparsity", ChartFiles.write(sparsity, dir, unique(c.used, "sparsity_vs_frames")));
        }
        explainMissing(grid, charts, missing);
    }

    /** Latency against frames; the caption says where the paper's dashed lines come from, and the gaps. */
    private void latency(String model) throws IOException {
        XYChart latency = RunCharts.latencyScaling(grid, paper, model);
        if (latency != null) {
            add(
                    "latency",
                    ChartFiles.write(latency, dir, unique(used, "latency_scaling_" + ChartFiles.slug(model)))
                            .withCaption(join(
                                    paper.paper().hasModel(model)
                                            ? "Solid: this run. Dashed: the paper's means ("
                                                    + PaperMeans.GPU + ", " + PaperMeans.STEPS
                                                    + " steps; LVSA through "
                                                    + paper.backendFor(model, "lvsa")
                                                            .replace("sdpa", "SDPA")
                                                            .replace("flashinfer", "FlashInfer")
                                                    + ")."
                                            : "The paper publishes no figures for this model.",
                                    RunCharts.latencyGaps(grid, model))));
        }
    }

    /** Speedup over dense; the caption says where bars are missing and which are within the step-time noise. */
    private void speedup(String model) throws IOException {
        CategoryChart speedup = RunCharts.speedupBars(grid, paper, model);
        if (speedup != null) {
            add(
                    "speedup",
                    ChartFiles.write(speedup, dir, unique(used, "speedup_" + ChartFiles.slug(model)))
                            .withCaption(join(RunCharts.speedupGaps(grid, model), withinNoise(grid, model))));
        }
    }

    /** One model's VQeval dimension bars per horizon, and its loop-score contrast with the paper's beside it. */
    private void quality(String model) throws IOException {
        for (Horizon h : grid.horizons(model)) {
            CategoryChart dims = QualityCharts.dimensionBars(grid, model, h);
            if (dims != null) {
                add(
                        "dimensions",
                        ChartFiles.write(
                                dims,
                                dir,
                                unique(
                                        used,
                                        "vqeval_dimensions_" + ChartFiles.slug(model) + "_"
                                                + ChartFiles.slug(h.label()))));
            }
        }
        // the contrast: this run's chart for the model, then the paper's for the same model beside it
        CategoryChart contrast = QualityCharts.contrast(grid, model);
        if (contrast != null) {
            add("contrast", ChartFiles.write(contrast, dir, unique(used, "contrast_" + ChartFiles.slug(model))));
        }
        Optional<PaperModel> pm = PaperModel.byToolkitName(model);
        CategoryChart paperContrast = pm.isPresent() ? QualityCharts.paperContrast(reference, pm.get()) : null;
        if (paperContrast != null) {
            add(
                    "contrast",
                    ChartFiles.write(
                            paperContrast,
                            dir,
                            unique(used, "contrast_paper_" + pm.get().paperId())));
        }
    }

    /** No published model in the run: the paper's own contrast on Wan 2.1 1.3B, for reference. */
    private void paperReferenceContrast() throws IOException {
        if (grid.models().stream().noneMatch(m -> PaperModel.byToolkitName(m).isPresent())) {
            CategoryChart c = QualityCharts.paperContrast(reference, PaperModel.WAN_2_1_1_3B);
            if (c != null) {
                add(
                        "contrast",
                        ChartFiles.write(c, dir, unique(used, "contrast_paper_" + PaperModel.WAN_2_1_1_3B.paperId()))
                                .withCaption("The paper's numbers: this run has no model "
                                        + "the paper publishes, so Wan 2.1 1.3B is shown for reference."));
            }
        }
    }

    /** Why a kind of chart is not there, for each kind that has none. */
    private static void explainMissing(
            RunGrid grid, Map<String, List<ChartImage>> charts, Map<String, String> missing) {
        if (!charts.containsKey("latency")) {
            missing.put(
                    "latency", "No latency chart: no job of this run has both a latency (total_s) and a frame count.");
        }
        if (!charts.containsKey("speedup")) {
            missing.put(
                    "speedup",
                    grid.hasMethod("dense")
                            ? "No speedup chart: no method other than dense has a latency at a horizon where dense has one."
                            : "No speedup chart: this run has no dense baseline to compare with (speedups are n/a).");
        }
        if (!charts.containsKey("dimensions")) {
            missing.put("dimensions", "No VQeval chart: no job of this run has VQeval scores yet.");
        }
        if (charts.getOrDefault("contrast", List.of()).stream().noneMatch(c -> !c.id().startsWith("contrast_paper_"))) {
            missing.put("contrast", "No contrast chart for this run: no job has loop_quality or subject consistency.");
        }
        if (!charts.containsKey("sparsity")) {
            missing.put(
                    "sparsity",
                    "No sparsity chart: no LVSA job has a plan file with its planned density or "
                            + "reports a realised density.");
        }
    }

    /** Which bars of a model's speedup chart are within the noise of the per-step times; null when none. */
    static String withinNoise(RunGrid grid, String model) {
        List<String> within = new ArrayList<>();
        for (Horizon h : grid.horizons(model)) {
            Optional<StepNoise.Spread> dense = StepNoise.spread(grid.cell(model, "dense", h));
            for (String method : grid.methods()) {
                Optional<StepNoise.Spread> m = StepNoise.spread(grid.cell(model, method, h));
                if (method.equals("dense") || dense.isEmpty() || m.isEmpty()) {
                    continue;
                }
                double[] r = StepNoise.range(dense.get(), m.get());
                if (StepNoise.verdict(r[0], r[1]).equals(StepNoise.WITHIN_NOISE)) {
                    within.add(MethodNames.display(method) + " " + h.label()
                            + String.format(Locale.ROOT, " (%.2f–%.2f×)", r[0], r[1]));
                }
            }
        }
        return within.isEmpty()
                ? null
                : StepNoise.WITHIN_NOISE.substring(0, 1).toUpperCase(Locale.ROOT)
                        + StepNoise.WITHIN_NOISE.substring(1) + " (the per-step speedup's range holds 1.0): "
                        + String.join(", ", within)
                        + ".";
    }

    /** {@code id}, or {@code id_2}, {@code id_3}, ... when taken; the result is taken from then on. */
    static String unique(Set<String> used, String id) {
        String s = id;
        for (int i = 2; !used.add(s); i++) {
            s = id + "_" + i;
        }
        return s;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + " " + b;
    }

    private void add(String key, ChartImage image) {
        charts.computeIfAbsent(key, k -> new ArrayList<>()).add(image);
    }
}
