package dev.lvsa.reports.table;

import dev.lvsa.reports.run.CellStats;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.RunGrid;
import java.util.Optional;

/** How run figures, ratios and speedups become cells; the rules every table shares. */
public final class TableCells {

    /** Decimals of ratios and speedups. */
    public static final int RATIO_DECIMALS = 2;

    private TableCells() {}

    /**
     * This run's figure for a cell: the mean over its successful jobs; OOM, error/timeout or pending when
     * none succeeded; missing when the cell has no job or no successful job has the figure.
     */
    public static Cell run(Optional<CellStats> cell, Metric metric) {
        if (cell.isEmpty()) {
            return Cell.missing();
        }
        CellStats c = cell.get();
        return switch (c.state()) {
            case OOM -> Cell.oom();
            case FAILED -> Cell.failed(c.failureWord());
            case PENDING -> Cell.pending();
            case RESULTS -> Cell.number(c.mean(metric.column()), metric.decimals());
        };
    }

    public static Cell run(RunGrid grid, String model, String method, Horizon horizon, Metric metric) {
        return run(grid.cell(model, method, horizon), metric);
    }

    /**
     * This run over the paper: a number when both are numbers; n/a when the paper has no figure (or ran out
     * of memory); missing when the run has no figure.
     */
    public static Cell ratio(Cell run, Cell paper) {
        if (!paper.hasValue()) {
            return Cell.notApplicable();
        }
        if (!run.hasValue()) {
            return Cell.missing();
        }
        if (paper.value() == 0) {
            return Cell.notApplicable();
        }
        return Cell.number(run.value() / paper.value(), RATIO_DECIMALS);
    }

    /**
     * The baseline's latency over the method's: a number when both ran; {@code BASE OOM} when only the
     * method ran; the method's own mark when it has no latency; n/a when the baseline has no figure.
     */
    public static Cell speedup(String baseName, Cell baseLatency, Cell methodLatency) {
        if (!methodLatency.hasValue()) {
            return methodLatency.kind() == Cell.Kind.NOT_APPLICABLE ? Cell.notApplicable() : methodLatency;
        }
        if (baseLatency.kind() == Cell.Kind.OOM) {
            return Cell.note(baseName + " OOM");
        }
        if (!baseLatency.hasValue() || methodLatency.value() <= 0) {
            return Cell.notApplicable();
        }
        return Cell.number(baseLatency.value() / methodLatency.value(), RATIO_DECIMALS);
    }

    /** This run's speedup of {@code method} over {@code base} at one model and horizon. */
    public static Cell runSpeedup(RunGrid grid, String model, String base, String method, Horizon horizon) {
        Cell b = grid.hasMethod(base) ? run(grid, model, base, horizon, Metric.LATENCY) : Cell.notApplicable();
        if (b.kind() == Cell.Kind.MISSING) {
            b = Cell.notApplicable();
        }
        return speedup(base, b, run(grid, model, method, horizon, Metric.LATENCY));
    }

    /** A label cell for the frames of a model's horizon ({@code —} when no job says). */
    public static Cell frames(int frames) {
        return frames > 0 ? Cell.label(Integer.toString(frames)) : Cell.missing();
    }
}
