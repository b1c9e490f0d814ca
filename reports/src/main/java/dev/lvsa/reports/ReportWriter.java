package dev.lvsa.reports;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.reference.PaperModel;
import dev.lvsa.reports.chart.ChartFiles;
import dev.lvsa.reports.chart.ChartImage;
import dev.lvsa.reports.chart.QualityCharts;
import dev.lvsa.reports.chart.RunCharts;
import dev.lvsa.reports.chart.SelfSimilarityHeatmap;
import dev.lvsa.reports.io.ReportRuntime;
import dev.lvsa.reports.run.DensityCheck;
import dev.lvsa.reports.run.ExportColumns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.PlannedDensity;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.run.VideoSelection;
import dev.lvsa.reports.table.MethodNames;
import dev.lvsa.reports.table.PaperLookup;
import dev.lvsa.reports.table.PaperTables;
import dev.lvsa.reports.table.PlannedDensityTable;
import dev.lvsa.reports.table.ReportTable;
import dev.lvsa.reports.table.StepNoise;
import dev.lvsa.reports.table.TableFiles;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.SelfSimilarity;
import dev.lvsa.vqeval.api.VideoException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * Writes a run's report into a folder: {@code report.html} (self-contained: CSS inline, figures embedded),
 * {@code tables/*.csv|md}, {@code charts/*.png|svg} and {@code charts/selfsim_*.png}. Every file is written
 * atomically. A partial run (missing cells, one method, no scores, no videos) still gets a full report
 * with the gaps marked.
 */
public final class ReportWriter {

    /** Folder of the table files inside the output folder. */
    public static final String TABLES_DIR = "tables";
    /** Folder of the chart and heatmap files inside the output folder. */
    public static final String CHARTS_DIR = "charts";

    public static final String HTML_FILE = "report.html";

    private ReportWriter() {}

    /** Everything drawn and tabulated for one report, handed to the page. */
    record Content(
            ReportInput input,
            RunGrid grid,
            PaperLookup paper,
            List<TableFile> tables,
            Map<String, List<ChartImage>> charts,
            Map<String, String> missingCharts,
            List<Heatmap> heatmaps,
            List<String> warnings,
            List<Path> files) {}

    /** A table and its files. */
    record TableFile(ReportTable table, Path csv, Path md) {}

    /** A drawn heatmap and what it shows. */
    record Heatmap(ChartImage image, String caption) {}

    /**
     * Writes the report.
     *
     * @return the page, the other files and the warnings
     * @throws IOException when the folder or a file cannot be written
     */
    public static ReportOutput write(ReportInput in, Path outDir) throws IOException {
        ReportRuntime.prepare();
        Files.createDirectories(outDir);
        Path tablesDir = outDir.resolve(TABLES_DIR);
        Path chartsDir = outDir.resolve(CHARTS_DIR);
        RunGrid grid = new RunGrid(in.jobs());
        PaperLookup paper = new PaperLookup(in.reference(), grid);
        List<Path> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>(in.warnings());
        warnings.addAll(DensityCheck.warnings(in.jobs()));
        PlannedDensity.Result planned = PlannedDensity.read(in.jobs(), in.runDir());
        warnings.addAll(planned.warnings());

        List<TableFile> tables = new ArrayList<>();
        for (ReportTable t : PaperTables.all(grid, paper)) {
            List<Path> written = TableFiles.write(t, tablesDir);
            files.addAll(written);
            tables.add(new TableFile(t, written.get(0), written.get(1)));
        }
        ReportTable noise = StepNoise.table(grid);
        if (noise != null) {
            List<Path> written = TableFiles.write(noise, tablesDir);
            files.addAll(written);
            tables.add(new TableFile(noise, written.get(0), written.get(1)));
        }
        ReportTable plannedTable = PlannedDensityTable.table(planned);
        if (plannedTable != null) {
            List<Path> written = TableFiles.write(plannedTable, tablesDir);
            files.addAll(written);
            tables.add(new TableFile(plannedTable, written.get(0), written.get(1)));
        }

        Map<String, List<ChartImage>> charts = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        drawCharts(in, grid, paper, planned, chartsDir, charts, missing);
        charts.values()
                .forEach(list -> list.forEach(c -> {
                    files.add(c.png());
                    if (c.svg() != null) {
                        files.add(c.svg());
                    }
                }));

        List<Heatmap> heatmaps = drawHeatmaps(in, grid, chartsDir, warnings);
        heatmaps.forEach(h -> files.add(h.image().png()));

        Content content = new Content(in, grid, paper, tables, charts, missing, heatmaps, warnings, files);
        String html = RunReportPage.render(content, outDir);
        Path page = AtomicFiles.writeString(outDir.resolve(HTML_FILE), html);
        return new ReportOutput(page, files, warnings);
    }

    /** One model's VQeval dimension bars per horizon, and its loop-score contrast with the paper's beside it. */
    private static void drawQualityCharts(
            ReportInput in,
            RunGrid grid,
            String model,
            Path dir,
            Set<String> used,
            Map<String, List<ChartImage>> charts)
            throws IOException {
        for (Horizon h : grid.horizons(model)) {
            CategoryChart dims = QualityCharts.dimensionBars(grid, model, h);
            if (dims != null) {
                add(
                        charts,
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
            add(
                    charts,
                    "contrast",
                    ChartFiles.write(contrast, dir, unique(used, "contrast_" + ChartFiles.slug(model))));
        }
        Optional<PaperModel> pm = PaperModel.byToolkitName(model);
        CategoryChart paperContrast = pm.isPresent() ? QualityCharts.paperContrast(in.reference(), pm.get()) : null;
        if (paperContrast != null) {
            add(
                    charts,
                    "contrast",
                    ChartFiles.write(
                            paperContrast,
                            dir,
                            unique(used, "contrast_paper_" + pm.get().paperId())));
        }
    }

    private static void drawCharts(
            ReportInput in,
            RunGrid grid,
            PaperLookup paper,
            PlannedDensity.Result planned,
            Path dir,
            Map<String, List<ChartImage>> charts,
            Map<String, String> missing)
            throws IOException {
        Set<String> used = new java.util.HashSet<>();
        for (String model : grid.models()) {
            XYChart latency = RunCharts.latencyScaling(grid, paper, model);
            if (latency != null) {
                add(
                        charts,
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
            CategoryChart speedup = RunCharts.speedupBars(grid, paper, model);
            if (speedup != null) {
                add(
                        charts,
                        "speedup",
                        ChartFiles.write(speedup, dir, unique(used, "speedup_" + ChartFiles.slug(model)))
                                .withCaption(join(RunCharts.speedupGaps(grid, model), withinNoise(grid, model))));
            }
            drawQualityCharts(in, grid, model, dir, used, charts);
        }
        if (grid.models().stream().noneMatch(m -> PaperModel.byToolkitName(m).isPresent())) {
            // no published model in the run: show the paper's own contrast on Wan 2.1 1.3B for reference
            CategoryChart c = QualityCharts.paperContrast(in.reference(), PaperModel.WAN_2_1_1_3B);
            if (c != null) {
                add(
                        charts,
                        "contrast",
                        ChartFiles.write(c, dir, unique(used, "contrast_paper_" + PaperModel.WAN_2_1_1_3B.paperId()))
                                .withCaption("The paper's numbers: this run has no model "
                                        + "the paper publishes, so Wan 2.1 1.3B is shown for reference."));
            }
        }
        XYChart sparsity = RunCharts.sparsity(planned.series(), grid);
        if (sparsity != null) {
            add(charts, "sparsity", ChartFiles.write(sparsity, dir, unique(used, "sparsity_vs_frames")));
        }

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

    private static List<Heatmap> drawHeatmaps(ReportInput in, RunGrid grid, Path dir, List<String> warnings)
            throws IOException {
        List<Heatmap> out = new ArrayList<>();
        if (in.maxHeatmaps() == 0) {
            return out;
        }
        VideoSelection.Result sel = VideoSelection.select(grid, in.maxHeatmaps(), in.runDir());
        if (!sel.notFound().isEmpty()) {
            warnings.add(sel.notFound().size() + " video(s) named by successful jobs were not found, so they have no "
                    + "heatmap (first: " + sel.notFound().get(0) + ")");
        }
        if (sel.leftOut() > 0) {
            warnings.add(sel.leftOut() + " more video(s) have no heatmap: at most " + in.maxHeatmaps()
                    + " are drawn (raise --max-heatmaps to draw more)");
        }
        if (sel.chosen().isEmpty()) {
            return out;
        }
        VqEval vq = in.vqeval() != null ? in.vqeval() : VqEval.builder().build();
        Set<String> used = new java.util.HashSet<>();
        int k = 0;
        for (VideoSelection.Chosen c : sel.chosen()) {
            in.progress()
                    .accept("heatmap " + ++k + "/" + sel.chosen().size() + ": decoding "
                            + c.job().video());
            SelfSimilarity ss;
            try {
                ss = vq.selfSimilarity(c.file());
            } catch (VideoException e) {
                warnings.add("no heatmap for " + c.job().video() + ": " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                warnings.add("no heatmap for " + c.job().video() + ": " + e);
                continue;
            }
            String cell = c.job().model() + " · " + MethodNames.display(c.job().method()) + " · "
                    + c.job().horizon().label();
            String prompt =
                    c.job().promptId().isBlank() ? "" : "prompt " + c.job().promptId();
            BufferedImage img = SelfSimilarityHeatmap.render(
                    ss, cell + (prompt.isEmpty() ? "" : " · " + prompt), exportedPeriodNote(c, ss));
            String id = unique(
                    used,
                    "selfsim_"
                            + ChartFiles.slug(
                                    c.job().jobId().isBlank()
                                            ? c.job().model() + "_" + c.job().method() + "_"
                                                    + c.job().horizon().label() + "_"
                                                    + c.job().promptId()
                                            : c.job().jobId()));
            ChartImage image = ChartFiles.write(img, "Self-similarity: " + cell, dir, id);
            out.add(new Heatmap(
                    image,
                    c.job().video()
                            + (c.job().prompt().isBlank()
                                    ? ""
                                    : " — “" + c.job().prompt() + "”")));
        }
        return out;
    }

    /** Notes the export's period when the ledger's VQeval scoring found a different one. */
    private static String exportedPeriodNote(VideoSelection.Chosen c, SelfSimilarity ss) {
        double exported = c.job().number(ExportColumns.CYCLE_PERIOD_FRAMES);
        if (Double.isNaN(exported)) {
            return "";
        }
        Integer now = ss.periodFrames();
        if (now != null && Math.abs(now - exported) < 0.5) {
            return "";
        }
        return String.format(Locale.ROOT, "export says %.0f", exported);
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

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + " " + b;
    }

    private static void add(Map<String, List<ChartImage>> charts, String key, ChartImage image) {
        charts.computeIfAbsent(key, k -> new ArrayList<>()).add(image);
    }

    private static String unique(Set<String> used, String id) {
        String s = id;
        for (int i = 2; !used.add(s); i++) {
            s = id + "_" + i;
        }
        return s;
    }

    static Optional<String> describe(Set<Double> values, String unit) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<String> s = new ArrayList<>();
        values.forEach(v -> s.add(String.format(Locale.ROOT, "%.0f", v)));
        return Optional.of(String.join(", ", s) + unit);
    }
}
