package dev.lvsa.reports;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.reports.chart.ChartFiles;
import dev.lvsa.reports.chart.ChartImage;
import dev.lvsa.reports.chart.SelfSimilarityHeatmap;
import dev.lvsa.reports.io.ReportRuntime;
import dev.lvsa.reports.run.DensityCheck;
import dev.lvsa.reports.run.ExportColumns;
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
        ReportCharts.draw(in, grid, paper, planned, chartsDir, charts, missing);
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
            String id = ReportCharts.unique(
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

    static Optional<String> describe(Set<Double> values, String unit) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<String> s = new ArrayList<>();
        values.forEach(v -> s.add(String.format(Locale.ROOT, "%.0f", v)));
        return Optional.of(String.join(", ", s) + unit);
    }
}
