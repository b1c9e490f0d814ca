package dev.lvsa.reports.table;

import dev.lvsa.reports.run.CellStats;
import dev.lvsa.reports.run.ExportColumns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.JobRecord;
import dev.lvsa.reports.run.RunGrid;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a speedup over dense is more than timing noise, from the per-step wall times the worker records
 * ({@code step_latency_s}, each job's first step left out as its warm-up): each cell's fastest, mean and slowest
 * denoising step over its successful jobs, the
 * speedup of the mean steps, and its interval from the extremes (dense's fastest step over the method's
 * slowest, to dense's slowest over the method's fastest). Where that interval holds 1.0 the speedup is
 * "within noise".
 */
public final class StepNoise {

    public static final String ID = "step_spread";
    public static final String WITHIN_NOISE = "within noise";
    public static final String FASTER = "faster";
    public static final String SLOWER = "slower";

    /** A cell's step times in seconds. */
    public record Spread(double min, double mean, double max, int steps) {}

    private StepNoise() {}

    /** The step times of a cell's successful jobs; empty when none has them. */
    public static Optional<Spread> spread(Optional<CellStats> cell) {
        if (cell.isEmpty()) {
            return Optional.empty();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double sum = 0;
        int jobs = 0;
        int steps = 0;
        for (JobRecord j : cell.get().jobs()) {
            double lo = j.number(ExportColumns.STEP_MIN_S);
            double hi = j.number(ExportColumns.STEP_MAX_S);
            double mean = j.number(ExportColumns.STEP_MEAN_S);
            if (!j.ok() || Double.isNaN(lo) || Double.isNaN(hi) || Double.isNaN(mean)) {
                continue;
            }
            min = Math.min(min, lo);
            max = Math.max(max, hi);
            sum += mean;
            jobs++;
            double n = j.number(ExportColumns.STEPS_RUN);
            steps += Double.isNaN(n) ? 0 : (int) n;
        }
        return jobs == 0 ? Optional.empty() : Optional.of(new Spread(min, sum / jobs, max, steps));
    }

    /**
     * The per-step speedup's range: dense's fastest step over the method's slowest, and dense's slowest over
     * the method's fastest.
     */
    public static double[] range(Spread dense, Spread method) {
        return new double[] {dense.min() / method.max(), dense.max() / method.min()};
    }

    /** "within noise" when [low, high] holds 1.0, else "faster" or "slower". */
    public static String verdict(double low, double high) {
        return low > 1.0 ? FASTER : high < 1.0 ? SLOWER : WITHIN_NOISE;
    }

    /** One row per model, horizon and method other than dense where both have step times; null when none. */
    public static ReportTable table(RunGrid grid) {
        if (!grid.hasMethod("dense")) {
            return null;
        }
        ReportTable.Builder b = emptyTable();
        int rows = 0;
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                Optional<Spread> dense = spread(grid.cell(model, "dense", h));
                if (dense.isEmpty()) {
                    continue;
                }
                for (String method : grid.methods()) {
                    if (method.equals("dense")) {
                        continue;
                    }
                    Optional<Spread> m = spread(grid.cell(model, method, h));
                    if (m.isEmpty()) {
                        continue;
                    }
                    b.row(row(model, h, method, dense.get(), m.get()));
                    rows++;
                }
            }
        }
        return rows == 0 ? null : b.build();
    }

    /** The table's columns, caption and notes, with no row yet. */
    private static ReportTable.Builder emptyTable() {
        return ReportTable.builder(ID, "Per-step times and the speedup's spread")
                .caption("Each cell's fastest, mean and slowest denoising step (ms) over its successful jobs, as the "
                        + "worker timed them; speedup = dense's mean step / the method's; its range runs from dense's fastest "
                        + "step over the method's slowest to dense's slowest over the method's fastest.")
                .key("model", "model")
                .key("horizon", "horizon")
                .key("method", "method")
                .column("dense_step_ms", "dense step (ms)", "mean", ReportTable.Role.VALUE)
                .column("dense_range_ms", "dense step (ms)", "min–max", ReportTable.Role.VALUE)
                .column("method_step_ms", "method step (ms)", "mean", ReportTable.Role.VALUE)
                .column("method_range_ms", "method step (ms)", "min–max", ReportTable.Role.VALUE)
                .column("step_speedup", "per-step speedup (×)", "mean", ReportTable.Role.VALUE)
                .column("step_speedup_range", "per-step speedup (×)", "range", ReportTable.Role.VALUE)
                .key("verdict", "verdict")
                .note("'" + WITHIN_NOISE
                        + "': the range holds 1.0, so the run cannot tell the method from dense at this "
                        + "horizon. Each job's first denoising step is its warm-up (kernel compilation, caches filled) and is "
                        + "left out of these figures; the end-to-end times above include it.")
                .note("End-to-end speedups (the tables and chart above) also include text encoding and VAE decoding, "
                        + "which are the same for every method.");
    }

    /** One method's row at one model and horizon: both step spreads in ms, the per-step speedup, its verdict. */
    private static List<Cell> row(String model, Horizon h, String method, Spread d, Spread s) {
        double[] r = range(d, s);
        double low = r[0];
        double high = r[1];
        return List.of(
                Cell.label(model),
                Cell.label(h.label()),
                Cell.label(MethodNames.display(method)),
                Cell.number(d.mean() * 1000, 1),
                Cell.label(range(d.min() * 1000, d.max() * 1000, 1)),
                Cell.number(s.mean() * 1000, 1),
                Cell.label(range(s.min() * 1000, s.max() * 1000, 1)),
                Cell.number(d.mean() / s.mean(), TableCells.RATIO_DECIMALS),
                Cell.label(range(low, high, TableCells.RATIO_DECIMALS)),
                Cell.label(verdict(low, high)));
    }

    private static String range(double a, double b, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + "–" + f, a, b);
    }
}
