package dev.lvsa.reports.table;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.reports.run.ExportColumns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.RunGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The paper's table layouts filled from a run: method comparison, latency scaling, cross-model speedup and
 * peak memory here; quality in {@link QualityTables}. Rows follow the run's grid (models as the export
 * names them, horizons ascending, methods in the paper's order); a grid cell without jobs is shown as
 * missing, never dropped.
 */
public final class PaperTables {

    private PaperTables() {}

    /** Every table of a run report, in report order. */
    public static List<ReportTable> all(RunGrid grid, PaperLookup paper) {
        List<ReportTable> t = new ArrayList<>();
        t.add(methodComparison(grid, paper));
        t.add(latencyScaling(grid, paper));
        t.add(crossModelSpeedup(grid, paper));
        t.add(peakMemory(grid, paper));
        t.add(QualityTables.vqeval(grid, paper));
        t.add(QualityTables.vbenchLike(grid, paper));
        return t;
    }

    /** Method x horizon: latency, speedups vs dense, RIFLEx and UltraViCo, VQeval composite and loop score. */
    public static ReportTable methodComparison(RunGrid grid, PaperLookup paper) {
        ReportTable.Builder b = ReportTable.builder("method_comparison", "Method comparison")
                .caption("Per model and horizon, every method: end-to-end latency, speedup over the baselines, "
                        + "VQeval composite and loop score.")
                .key("model", "model")
                .key("horizon", "horizon")
                .key("frames", "frames")
                .key("method", "method")
                .key("jobs", "jobs ok")
                .trio("latency_s", Metric.LATENCY.heading())
                .trio("speedup_vs_dense", "speedup vs dense (×)")
                .runOnly("speedup_vs_riflex", "vs RIFLEx (×)")
                .runOnly("speedup_vs_ultravico", "vs UltraViCo (×)")
                .trio("composite", Metric.COMPOSITE.heading())
                .trio("loop_quality", Metric.LOOP_QUALITY.heading());
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                for (String method : grid.methods()) {
                    List<Cell> row = horizonCells(grid, model, h);
                    row.add(Cell.label(method));
                    row.add(grid.cell(model, method, h)
                            .map(c -> Cell.label(c.jobsLabel()))
                            .orElse(Cell.missing()));
                    addTrio(
                            row,
                            TableCells.run(grid, model, method, h, Metric.LATENCY),
                            paper.value(model, method, h, Metric.LATENCY));
                    Cell runSpeedup = TableCells.runSpeedup(grid, model, "dense", method, h);
                    Cell paperSpeedup = paper.covers(model, method)
                            ? paper.speedup(model, "dense", method, h)
                            : Cell.notApplicable();
                    addTrio(row, runSpeedup, paperSpeedup);
                    row.add(TableCells.runSpeedup(grid, model, "riflex", method, h));
                    row.add(TableCells.runSpeedup(grid, model, "ultravico", method, h));
                    addTrio(
                            row,
                            TableCells.run(grid, model, method, h, Metric.COMPOSITE),
                            paper.value(model, method, h, Metric.COMPOSITE));
                    addTrio(
                            row,
                            TableCells.run(grid, model, method, h, Metric.LOOP_QUALITY),
                            paper.value(model, method, h, Metric.LOOP_QUALITY));
                    b.row(row);
                }
            }
        }
        commonNotes(b, grid);
        b.note("Speedup = the baseline's latency / the method's, same model and horizon; n/a where the run has no "
                + "result for that baseline; 'dense OOM' where the baseline ran out of memory and the method did not.");
        b.note("The paper's VQeval is its reference implementation and its composite weighs other dimensions "
                + "(artifacts, text alignment): compare its scores with this run's as trends, not equal units.");
        return b.build();
    }

    /** Frames to dense and LVSA latency and LVSA's speedup, per model. */
    public static ReportTable latencyScaling(RunGrid grid, PaperLookup paper) {
        ReportTable.Builder b = ReportTable.builder("latency_scaling", "Latency scaling: dense vs LVSA")
                .caption("How end-to-end latency grows with the video's length, with dense attention and with LVSA.")
                .key("model", "model")
                .key("horizon", "horizon")
                .key("frames", "frames")
                .trio("dense_s", "dense latency (s)")
                .trio("lvsa_s", "LVSA latency (s)")
                .trio("lvsa_speedup", "LVSA speedup (×)");
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                List<Cell> row = horizonCells(grid, model, h);
                addTrio(row, runLatency(grid, model, "dense", h), paper.value(model, "dense", h, Metric.LATENCY));
                addTrio(row, runLatency(grid, model, "lvsa", h), paper.value(model, "lvsa", h, Metric.LATENCY));
                addLvsaSpeedupTrio(row, grid, paper, model, h);
                b.row(row);
            }
        }
        commonNotes(b, grid);
        return b.build();
    }

    /** LVSA's (and any other method's) speedup over dense, every model and horizon in one table. */
    public static ReportTable crossModelSpeedup(RunGrid grid, PaperLookup paper) {
        ReportTable.Builder b = ReportTable.builder("cross_model_speedup", "Cross-model speedup over dense")
                .caption("Dense latency over each method's latency, for every model and horizon of the run.")
                .key("model", "model")
                .key("horizon", "horizon")
                .key("frames", "frames")
                .trio("lvsa_vs_dense", "LVSA vs dense (×)");
        List<String> others = new ArrayList<>();
        for (String m : grid.methods()) {
            if (!m.equals("dense") && !m.equals("lvsa")) {
                others.add(m);
                b.runOnly(m + "_vs_dense", MethodNames.display(m) + " vs dense (×)");
            }
        }
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                List<Cell> row = horizonCells(grid, model, h);
                addLvsaSpeedupTrio(row, grid, paper, model, h);
                for (String m : others) {
                    row.add(TableCells.runSpeedup(grid, model, "dense", m, h));
                }
                b.row(row);
            }
        }
        commonNotes(b, grid);
        return b.build();
    }

    /** Peak device memory per method; OOM where the jobs ran out of memory. */
    public static ReportTable peakMemory(RunGrid grid, PaperLookup paper) {
        ReportTable.Builder b = ReportTable.builder("peak_memory", "Peak memory")
                .caption("Peak device memory of a generation (mean over the cell's successful jobs); OOM where "
                        + "every job of the cell ran out of memory.")
                .key("model", "model")
                .key("horizon", "horizon")
                .key("frames", "frames");
        for (String m : grid.methods()) {
            String group = MethodNames.display(m) + " (GB)";
            if (paper.paper().hasMethod(m)) {
                b.trio(m + "_gb", group);
            } else {
                b.runOnly(m + "_gb", group);
            }
        }
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                List<Cell> row = horizonCells(grid, model, h);
                for (String m : grid.methods()) {
                    Cell run = TableCells.run(grid, model, m, h, Metric.PEAK_MEMORY);
                    if (paper.paper().hasMethod(m)) {
                        addTrio(row, run, paper.value(model, m, h, Metric.PEAK_MEMORY));
                    } else {
                        row.add(run);
                    }
                }
                b.row(row);
            }
        }
        commonNotes(b, grid);
        b.note("The paper's memory is on an A100 80 GB; OOM there means more than 80 GB was needed.");
        b.note("Units: this run in GB (10^9 bytes, the allocator's peak); the paper's figures are whole MiB / 1024, "
                + "i.e. GiB (2^30 bytes), so equal memory reads as a ratio of 1.074.");
        return b.build();
    }

    static void addTrio(List<Cell> row, Cell run, Cell paper) {
        row.add(run);
        row.add(paper);
        row.add(TableCells.ratio(run, paper));
    }

    /** A new row starting with the model, the horizon and its frame count. */
    private static List<Cell> horizonCells(RunGrid grid, String model, Horizon h) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.label(model));
        row.add(Cell.label(h.label()));
        row.add(TableCells.frames(grid.frames(model, h)));
        return row;
    }

    /** LVSA's speedup over dense: this run's (n/a without LVSA jobs), the paper's (n/a where it has none), ratio. */
    private static void addLvsaSpeedupTrio(List<Cell> row, RunGrid grid, PaperLookup paper, String model, Horizon h) {
        addTrio(
                row,
                grid.hasMethod("lvsa") ? TableCells.runSpeedup(grid, model, "dense", "lvsa", h) : Cell.notApplicable(),
                paper.covers(model, "lvsa") ? paper.speedup(model, "dense", "lvsa", h) : Cell.notApplicable());
    }

    private static Cell runLatency(RunGrid grid, String model, String method, Horizon h) {
        return grid.hasMethod(method) ? TableCells.run(grid, model, method, h, Metric.LATENCY) : Cell.missing();
    }

    /** Notes every table carries: where the paper's figures come from and what differs from this run. */
    static void commonNotes(ReportTable.Builder b, RunGrid grid) {
        b.note("paper = the LVSA paper's published mean (" + PaperMeans.SOURCE + "); ratio = this run / paper.");
        b.note("LVSA compares with the paper's SDPA rows, or with its FlashInfer rows when every LVSA job of the "
                + "cell used the flashinfer backend.");
        long estimated = grid.jobs().stream()
                .filter(j -> j.number(ExportColumns.LATENCY_ESTIMATED) == 1.0)
                .count();
        if (estimated > 0) {
            Set<Double> timed = grid.distinct(ExportColumns.TIMED_STEPS);
            List<String> t = new ArrayList<>();
            timed.forEach(v -> t.add(String.format(Locale.ROOT, "%.0f", v)));
            b.note("Estimated latency: " + estimated + " job(s) ran only " + String.join(", ", t) + " of their "
                    + "denoising steps (timed_steps, spread over the schedule); their latency is the worker's estimate of the "
                    + "full job: the measured load, text encoding, VAE decode and writing, plus the timed steps and every "
                    + "other step at their median. Their peak memory is measured.");
        }
        Set<Double> steps = grid.distinct(ExportColumns.STEPS);
        if (!steps.isEmpty() && !(steps.size() == 1 && steps.contains((double) PaperMeans.STEPS))) {
            List<String> s = new ArrayList<>();
            steps.forEach(v -> s.add(String.format(Locale.ROOT, "%.0f", v)));
            b.note("This run used " + String.join(", ", s) + " denoising steps, the paper " + PaperMeans.STEPS
                    + ": latency ratios scale with that.");
        }
    }
}
