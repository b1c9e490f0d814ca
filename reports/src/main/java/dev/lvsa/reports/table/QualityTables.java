package dev.lvsa.reports.table;

import dev.lvsa.reports.run.CellStats;
import dev.lvsa.reports.run.ExportColumns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.RunGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Quality per method and horizon: the VQeval dimensions, and beside them the vbench-like diagnostics with
 * loop_quality repeated, so that the contrast (consistency up, loop score down for a static, looping
 * video) reads along one row.
 */
public final class QualityTables {

    private QualityTables() {}

    /** VQeval composite and every dimension. */
    public static ReportTable vqeval(RunGrid grid, PaperLookup paper) {
        ReportTable.Builder b = ReportTable.builder("quality_vqeval", "Quality: VQeval dimensions")
                .caption("VQeval scores, 0 (worst) to 100 (best), mean over the cell's scored videos.");
        keys(b);
        b.trio("composite", Metric.COMPOSITE.heading());
        for (Metric m : Metric.VQEVAL_DIMENSIONS) {
            add(b, m);
        }
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                for (String method : grid.methods()) {
                    List<Cell> row = keyCells(grid, model, method, h);
                    PaperTables.addTrio(
                            row,
                            TableCells.run(grid, model, method, h, Metric.COMPOSITE),
                            paper.value(model, method, h, Metric.COMPOSITE));
                    for (Metric m : Metric.VQEVAL_DIMENSIONS) {
                        cells(row, grid, paper, model, method, h, m);
                    }
                    b.row(row);
                }
            }
        }
        PaperTables.commonNotes(b, grid);
        b.note("Paper dimensions matched by meaning: loop = loop_quality, dynamic = temporal_dynamics, spatial = "
                + "spatial_quality, temporal = temporal_coherence; frame_similarity has no published counterpart, "
                + "the paper's artifacts and text alignment none here.");
        return b.build();
    }

    /** The vbench-like diagnostics (0-1, they reward static video) beside loop_quality. */
    public static ReportTable vbenchLike(RunGrid grid, PaperLookup paper) {
        ReportTable.Builder b = ReportTable.builder(
                        "quality_vbench_like", "Quality: vbench-like diagnostics beside the loop score")
                .caption("VBench-style consistency, flicker and smoothness (0-1) reward a frozen or looping video; "
                        + "VQeval's loop_quality (0-100) punishes it. Read them along a row.");
        keys(b);
        b.trio("loop_quality", Metric.LOOP_QUALITY.heading());
        for (Metric m : Metric.VBENCH_LIKE) {
            add(b, m);
        }
        List<Metric> published = new ArrayList<>();
        for (Metric m : new Metric[] {Metric.NOREPEAT, Metric.REPEAT_RATIO}) {
            if (grid.jobs().stream().anyMatch(j -> !Double.isNaN(j.number(m.column())))) {
                published.add(m);
                add(b, m);
            }
        }
        for (String model : grid.models()) {
            for (Horizon h : grid.horizons(model)) {
                for (String method : grid.methods()) {
                    List<Cell> row = keyCells(grid, model, method, h);
                    cells(row, grid, paper, model, method, h, Metric.LOOP_QUALITY);
                    for (Metric m : Metric.VBENCH_LIKE) {
                        cells(row, grid, paper, model, method, h, m);
                    }
                    for (Metric m : published) {
                        cells(row, grid, paper, model, method, h, m);
                    }
                    b.row(row);
                }
            }
        }
        PaperTables.commonNotes(b, grid);
        b.note("Paper columns are VBench-Long's own scores (subject, background, temporal flicker, motion "
                + "smoothness); this run's are VQeval's vbench-like re-implementations without neural features.");
        if (!published.isEmpty()) {
            b.note("NoRepeat: share of videos (0-100) that do not repeat by RIFLEx's test; repeat ratio: "
                    + "UltraViCo's share of repeated frames (0-1, lower is better).");
        }
        return b.build();
    }

    private static void keys(ReportTable.Builder b) {
        b.key("model", "model")
                .key("horizon", "horizon")
                .key("method", "method")
                .key("scored", "videos scored");
    }

    private static List<Cell> keyCells(RunGrid grid, String model, String method, Horizon h) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.label(model));
        row.add(Cell.label(h.label()));
        row.add(Cell.label(method));
        Optional<CellStats> c = grid.cell(model, method, h);
        row.add(c.map(s -> Cell.label(s.counted(ExportColumns.COMPOSITE_SCORE) + "/" + s.total()))
                .orElse(Cell.missing()));
        return row;
    }

    private static void add(ReportTable.Builder b, Metric m) {
        if (m.published()) {
            b.trio(m.column(), m.heading());
        } else {
            b.runOnly(m.column(), m.heading());
        }
    }

    private static void cells(
            List<Cell> row, RunGrid grid, PaperLookup paper, String model, String method, Horizon h, Metric m) {
        Cell run = TableCells.run(grid, model, method, h, m);
        if (m.published()) {
            PaperTables.addTrio(row, run, paper.value(model, method, h, m));
        } else {
            row.add(run);
        }
    }
}
