package dev.lvsa.reports.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Jobs whose realised attention density differs from their plan's. The worker reports both: {@code density}, the
 * mean frame density of the masks its backend actually ran, over the denoising steps that ran, and
 * {@code expected_density}, the plan's {@code expected.mean_frame_density}, the mean over all the plan's steps.
 *
 * <p>Only jobs that ran every step ({@code steps_run == steps}, no {@code timed_steps}) are compared: a job that
 * ran some steps (a speed run's timed steps, a job cut short) averages over other steps than its plan and
 * legitimately differs. For those that ran all, the two are the same mean of the same masks; what may separate
 * them is that the planner writes its figures with six decimals (at most 5e-7 off) and the floating-point sums.
 * {@link #TOLERANCE} allows for that and no more: it is the worker's own tolerance when it checks a plan's figures
 * against its masks.
 */
public final class DensityCheck {

    /** Largest absolute difference taken as equal: twice the six-decimal rounding of the plan's figure. */
    public static final double TOLERANCE = 1e-6;
    /** Mismatches listed one by one; the rest are counted. */
    static final int LISTED = 10;

    private DensityCheck() {}

    /**
     * A job whose realised density is not its plan's.
     *
     * @param job the job
     * @param planned the plan's mean frame density over all steps
     * @param realised the mean the worker realised over the same steps
     */
    public record Mismatch(JobRecord job, double planned, double realised) {}

    /** The jobs that ran every step and whose realised density differs from the planned by more than the tolerance. */
    public static List<Mismatch> mismatches(List<JobRecord> jobs) {
        List<Mismatch> out = new ArrayList<>();
        for (JobRecord j : jobs) {
            double planned = j.number(ExportColumns.EXPECTED_DENSITY);
            double realised = j.number(ExportColumns.DENSITY);
            double steps = j.number(ExportColumns.STEPS);
            double ran = j.number(ExportColumns.STEPS_RUN);
            if (Double.isNaN(planned)
                    || Double.isNaN(realised)
                    || Double.isNaN(steps)
                    || ran != steps
                    || !Double.isNaN(j.number(ExportColumns.TIMED_STEPS))) {
                continue;
            }
            if (Math.abs(realised - planned) > TOLERANCE) {
                out.add(new Mismatch(j, planned, realised));
            }
        }
        return out;
    }

    /** One warning per mismatch (the first {@value #LISTED}), then a count of the rest. */
    public static List<String> warnings(List<JobRecord> jobs) {
        List<Mismatch> found = mismatches(jobs);
        List<String> out = new ArrayList<>();
        for (Mismatch m : found.subList(0, Math.min(LISTED, found.size()))) {
            JobRecord j = m.job();
            String variant = j.variant().isBlank() ? j.method() : j.variant();
            out.add(String.format(
                    Locale.ROOT,
                    "Realised attention density differs from the plan: job %s (%s, %s, %s, "
                            + "%d frames) realised %.6f over all its %d steps, its plan expects %.6f (difference %.2g, more "
                            + "than the tolerance %.0e)",
                    j.jobId().isBlank() ? "without id" : j.jobId(),
                    j.model(),
                    variant,
                    j.horizon().label(),
                    j.frames(),
                    m.realised(),
                    Math.round(j.number(ExportColumns.STEPS)),
                    m.planned(),
                    m.realised() - m.planned(),
                    TOLERANCE));
        }
        if (found.size() > LISTED) {
            out.add(String.format(
                    Locale.ROOT,
                    "%d more job(s) realised an attention density that differs from their "
                            + "plan's by more than %.0e",
                    found.size() - LISTED,
                    TOLERANCE));
        }
        return out;
    }
}
