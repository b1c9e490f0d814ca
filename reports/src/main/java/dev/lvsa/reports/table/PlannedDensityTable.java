package dev.lvsa.reports.table;

import dev.lvsa.reports.run.PlannedDensity;
import java.util.List;

/** The sparsity chart's planned points as a table: each LVSA variant's density at each length, from its plan. */
public final class PlannedDensityTable {

    public static final String ID = "planned_density";

    private PlannedDensityTable() {}

    /** One row per model, variant and frame count; null when no plan gave a density. */
    public static ReportTable table(PlannedDensity.Result planned) {
        if (planned.points().isEmpty()) {
            return null;
        }
        ReportTable.Builder b = ReportTable.builder(ID, "Planned attention density of this run's LVSA jobs")
                .caption("The expected.mean_frame_density of each job's own plan file (the mean over all its denoising "
                        + "steps, six decimals): the lines of the chart above.")
                .key("model", "model")
                .key("variant", "method")
                .key("frames", "frames")
                .column("planned_density", "", "planned density", ReportTable.Role.VALUE)
                .key("plan", "plan file");
        for (PlannedDensity.Point p : planned.points()) {
            b.row(List.of(
                    Cell.label(p.model()),
                    Cell.label(p.variant()),
                    Cell.label(Integer.toString(p.frames())),
                    Cell.number(p.density(), 6),
                    Cell.label(p.plan())));
        }
        return b.build();
    }
}
