package dev.lvsa.baselines.check;

import dev.lvsa.baselines.analysis.AnalysisReport;
import dev.lvsa.baselines.analysis.PatternAnalyzer;
import dev.lvsa.baselines.method.AttentionMethod;
import dev.lvsa.baselines.model.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs a candidate and a baseline over a grid of jobs and applies the thresholds. */
public final class RegressionCheck {
    private RegressionCheck() {}

    /**
     * One job of the grid.
     *
     * @param geometry  the job's geometry
     * @param steps     denoising steps
     * @param cfgPasses transformer passes per step to count
     */
    public record Job(Geometry geometry, int steps, int cfgPasses) {}

    /**
     * Runs the check.
     *
     * @param candidate      the pattern under test
     * @param candidateLabel how the user named it
     * @param baseline       the pattern to compare with
     * @param baselineLabel  how the user named it
     * @param jobs           the grid
     * @param thresholds     what must hold in every cell
     */
    public static CheckReport run(
            AttentionMethod candidate,
            String candidateLabel,
            AttentionMethod baseline,
            String baselineLabel,
            List<Job> jobs,
            CheckThresholds thresholds) {
        List<CheckReport.Cell> cells = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Job job : jobs) {
            Geometry g = job.geometry();
            AnalysisReport c = PatternAnalyzer.analyze(candidate.plan(g, job.steps()), job.cfgPasses());
            AnalysisReport b = PatternAnalyzer.analyze(baseline.plan(g, job.steps()), job.cfgPasses());
            double ratio = c.meanDensity() / b.meanDensity();
            List<String> failures = new ArrayList<>();
            if (thresholds.maxDensityRatio() != null && ratio > thresholds.maxDensityRatio() + 1e-12) {
                failures.add(String.format(
                        Locale.ROOT,
                        "mean density %.4f is %.4fx the baseline's %.4f (max %.4fx)",
                        c.meanDensity(),
                        ratio,
                        b.meanDensity(),
                        thresholds.maxDensityRatio()));
            }
            if (thresholds.maxDensity() != null && c.meanDensity() > thresholds.maxDensity() + 1e-12) {
                failures.add(String.format(
                        Locale.ROOT, "mean density %.4f above max %.4f", c.meanDensity(), thresholds.maxDensity()));
            }
            if (thresholds.requireFullCoverage() && c.anchorFullCoverageStep() == null) {
                long never =
                        c.anchorCountPerFrame().stream().filter(n -> n == 0).count();
                failures.add(never + " of " + c.latentFrames() + " frames never become an anchor in " + job.steps()
                        + " steps");
            }
            if (thresholds.budgetMin() != null && c.budget().min() < thresholds.budgetMin()) {
                failures.add("a query frame attends " + c.budget().min() + " key frames (min " + thresholds.budgetMin()
                        + ")");
            }
            if (thresholds.budgetMax() != null && c.budget().max() > thresholds.budgetMax()) {
                failures.add("a query frame attends " + c.budget().max() + " key frames (max " + thresholds.budgetMax()
                        + ")");
            }
            String where = g.model().name() + " @ " + g.videoFrames() + " frames";
            for (String f : failures) {
                all.add(where + ": " + f);
            }
            cells.add(new CheckReport.Cell(
                    g.model().name(),
                    g.videoFrames(),
                    g.latentFrames(),
                    g.horizonRatio(),
                    job.steps(),
                    figures(c),
                    figures(b),
                    ratio,
                    failures.isEmpty(),
                    failures));
        }
        return new CheckReport(all.isEmpty(), candidateLabel, baselineLabel, thresholds, cells, all);
    }

    private static CheckReport.Figures figures(AnalysisReport r) {
        return new CheckReport.Figures(
                r.method(),
                r.kfi(),
                r.density(),
                r.meanDensity(),
                r.meanTokenDensity(),
                r.computeReduction(),
                r.anchorFullCoverageStep(),
                r.budget());
    }
}
