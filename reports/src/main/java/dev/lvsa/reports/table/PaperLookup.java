package dev.lvsa.reports.table;

import dev.lvsa.datasets.reference.PaperCell;
import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.reports.run.CellStats;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.RunGrid;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The paper's figure for a cell of this run. The paper publishes dense and LVSA only; for LVSA it has two
 * kernel backends: a run whose LVSA jobs all used FlashInfer compares with the paper's FlashInfer rows
 * ({@code lvsa-fi}), any other LVSA run with its SDPA rows ({@code lvsa}).
 */
public final class PaperLookup {

    private final PaperMeans paper;
    private final RunGrid grid;

    public PaperLookup(PaperMeans paper, RunGrid grid) {
        this.paper = paper;
        this.grid = grid;
    }

    public PaperMeans paper() {
        return paper;
    }

    /** Whether the paper publishes this model and method at all. */
    public boolean covers(String model, String method) {
        return paper.hasModel(model) && paper.hasMethod(method);
    }

    /** The paper backend this run's LVSA cell compares with: flashinfer or sdpa. */
    public String backendFor(String model, String method, Horizon horizon) {
        Optional<CellStats> c = grid.cell(model, method, horizon);
        if (c.isPresent()
                && !c.get().backends().isEmpty()
                && c.get().backends().stream().allMatch(b -> b.equalsIgnoreCase(PaperMeans.BACKEND_FLASHINFER))) {
            return PaperMeans.BACKEND_FLASHINFER;
        }
        return PaperMeans.BACKEND_SDPA;
    }

    /**
     * The paper backend a model's LVSA compares with over all its horizons: flashinfer when every LVSA cell
     * of the model that names a backend names flashinfer, else sdpa.
     */
    public String backendFor(String model, String method) {
        boolean any = false;
        for (Horizon h : grid.horizons(model)) {
            Optional<CellStats> c = grid.cell(model, method, h);
            if (c.isPresent() && !c.get().backends().isEmpty()) {
                if (!backendFor(model, method, h).equals(PaperMeans.BACKEND_FLASHINFER)) {
                    return PaperMeans.BACKEND_SDPA;
                }
                any = true;
            }
        }
        return any ? PaperMeans.BACKEND_FLASHINFER : PaperMeans.BACKEND_SDPA;
    }

    /** The published cell, if the paper has one for this model, method and horizon. */
    public Optional<PaperCell> find(String model, String method, Horizon horizon) {
        return paper.find(model, method, backendFor(model, method, horizon), horizon.factor());
    }

    /**
     * The paper's figure as a cell: a number, OOM, or n/a (model, method, horizon or metric not published).
     */
    public Cell value(String model, String method, Horizon horizon, Metric metric) {
        if (!metric.published()) {
            return Cell.notApplicable();
        }
        Optional<PaperCell> c = find(model, method, horizon);
        if (c.isEmpty()) {
            return Cell.notApplicable();
        }
        if (c.get().outOfMemory()) {
            return Cell.oom();
        }
        OptionalDouble v = c.get().mean(metric.paperStem());
        return v.isPresent() ? Cell.number(v.getAsDouble(), metric.decimals()) : Cell.notApplicable();
    }

    /** The paper's latency of {@code base} over {@code method}'s, as a cell. */
    public Cell speedup(String model, String base, String method, Horizon horizon) {
        Cell b = value(model, base, horizon, Metric.LATENCY);
        Cell m = value(model, method, horizon, Metric.LATENCY);
        return TableCells.speedup(base, b, m);
    }
}
