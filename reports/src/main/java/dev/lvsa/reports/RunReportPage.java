package dev.lvsa.reports;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.reports.ReportWriter.Content;
import dev.lvsa.reports.ReportWriter.TableFile;
import dev.lvsa.reports.chart.ChartImage;
import dev.lvsa.reports.html.HtmlPage;
import dev.lvsa.reports.io.Versions;
import dev.lvsa.reports.run.ExportColumns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.JobRecord;
import dev.lvsa.reports.run.JobStatus;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.MethodNames;
import dev.lvsa.reports.table.PlannedDensityTable;
import dev.lvsa.reports.table.ReportTable;
import dev.lvsa.reports.table.StepNoise;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The run report's page: header, how to read, one section per table/chart family, jobs, files. */
final class RunReportPage {

    private RunReportPage() {}

    static String render(Content c, Path outDir) {
        HtmlPage page = new HtmlPage("LVSA toolkit report: " + c.input().runName(), outDir);
        page.header("Latency, memory and video quality of this run beside the LVSA paper's published means.", facts(c));
        introduction(page, c);
        speedSections(page, c);
        sparsitySection(page, c);
        qualitySections(page, c);
        heatmapSection(page, c);
        jobSections(page, c);
        filesSection(page, c);
        return page.render();
    }

    /** How to read the page, its warnings, and notes on an empty run or dummy weights. */
    private static void introduction(HtmlPage page, Content c) {
        RunGrid grid = c.grid();
        page.section("how-to-read", "How to read this report");
        page.bullets(List.of(
                "Each table row is one cell of the run's grid (model × horizon × method). 'this run' is the mean over "
                        + "the cell's successful jobs, 'paper' the LVSA paper's published mean for the same model, method and "
                        + "horizon, 'ratio' this run / paper.",
                "Speedup = dense latency / the method's latency, both measured in this run at the same model and "
                        + "horizon: above 1 is faster than dense.",
                "VQeval scores run from 0 (worst) to 100 (best); loop_quality falls when a video repeats or freezes. "
                        + "The vbench-like diagnostics (0-1) reward static video: a high subject consistency beside a low "
                        + "loop score is a frozen or looping video, not a good one.",
                "The paper measured one " + PaperMeans.GPU + " with " + PaperMeans.STEPS
                        + " steps and 5 prompts per cell; "
                        + "hardware, steps and prompts of this run may differ, so read ratios as trends across rows.",
                "Self-similarity heatmaps: bright = similar frames. A looping video shows bright stripes parallel to the "
                        + "diagonal; red dashes mark the detected period."));
        page.legend();
        page.warnings("What this report could not show", c.warnings());
        if (grid.jobs().isEmpty()) {
            page.note("This run has no jobs yet: the tables below are empty.");
        }
        long dummy = grid.jobs().stream()
                .filter(j -> j.number(ExportColumns.DUMMY_WEIGHTS) == 1.0)
                .count();
        if (dummy > 0) {
            page.note("Dummy weights: speed only. " + dummy + " job(s) ran the real architecture with seeded random "
                    + "weights (models with weights: dummy): their times and memory are real, their videos mean nothing, so "
                    + "they have no VQeval scores.");
        }
    }

    /** Method comparison, latency scaling, speedups over dense (with their spread) and peak memory. */
    private static void speedSections(HtmlPage page, Content c) {
        page.section("method-comparison", "Method comparison");
        table(page, c, "method_comparison");

        page.section("latency", "Latency scaling");
        charts(page, c, "latency", "figures");
        table(page, c, "latency_scaling");

        page.section("speedup", "Speedup over dense");
        charts(page, c, "speedup", "figures");
        table(page, c, "cross_model_speedup");
        if (c.tables().stream().anyMatch(t -> t.table().id().equals(StepNoise.ID))) {
            table(page, c, StepNoise.ID);
        } else {
            page.note("No spread of the speedups: this run's export has no per-step times (step_latency_s) for dense "
                    + "and another method at the same horizon, so whether a small speedup is noise cannot be told.");
        }

        page.section("memory", "Peak memory");
        table(page, c, "peak_memory");
    }

    /** Planned and realised attention density against video length. */
    private static void sparsitySection(HtmlPage page, Content c) {
        page.section("sparsity", "Attention sparsity vs video length");
        page.note("Planned density: the attended share of the full frame-to-frame attention that each LVSA job's own "
                + "plan file expects (expected.mean_frame_density, the mean over all its denoising steps); crosses: the "
                + "density the worker realised for this run's LVSA jobs (the mean over the steps that ran). A job that ran "
                + "every step and realised another density than its plan's is listed among the warnings at the top.");
        charts(page, c, "sparsity", "figures");
        for (TableFile t : c.tables()) {
            if (t.table().id().equals(PlannedDensityTable.ID)) {
                page.details(
                        "The planned densities, from the plan files (click to show)",
                        () -> page.table(t.table(), t.csv(), t.md()));
            }
        }
    }

    /** VQeval dimensions, and the loop score against VBench-style consistency. */
    private static void qualitySections(HtmlPage page, Content c) {
        page.section("quality", "Quality: VQeval dimensions");
        charts(page, c, "dimensions", "figures small");
        table(page, c, "quality_vqeval");

        page.section("contrast", "Loop score vs VBench-style consistency");
        page.paragraph("For a static, looping video the VBench-style consistency goes up while VQeval's loop score "
                + "goes down. Each model of the run: this run per method and horizon, and beside it the paper's own "
                + "numbers for that model, where dense attention past the training length (4x-6x on Wan) shows the "
                + "same contrast. Bars: loop quality (left axis), a red line and \"0\" on the axis where it is 0; "
                + "diamonds: subject consistency (right axis).");
        if (c.missingCharts().containsKey("contrast")) {
            page.noFigure(c.missingCharts().get("contrast"));
        }
        page.figures(c.charts().getOrDefault("contrast", List.of()), "");
        table(page, c, "quality_vbench_like");
    }

    /** The self-similarity heatmaps of the videos. */
    private static void heatmapSection(HtmlPage page, Content c) {
        ReportInput in = c.input();
        page.section("self-similarity", "Self-similarity of the videos");
        if (c.heatmaps().isEmpty()) {
            page.noFigure(
                    in.maxHeatmaps() == 0
                            ? "Heatmaps were switched off for this report."
                            : "No heatmaps: no successful job names a video file that exists"
                                    + (in.runDir() == null
                                            ? "."
                                            : " (relative paths were looked up under " + in.runDir() + ")."));
        } else {
            page.note("Recomputed from the video files with VQeval's self-similarity analysis (every frame).");
            page.openFigures("heatmaps");
            for (ReportWriter.Heatmap h : c.heatmaps()) {
                page.figure(h.image(), h.caption());
            }
            page.closeFigures();
        }
    }

    /** The jobs that did not succeed, and every job. */
    private static void jobSections(HtmlPage page, Content c) {
        RunGrid grid = c.grid();
        page.section("failures", "Jobs that did not succeed");
        ReportTable failed = failedJobs(grid);
        if (failed.rowCount() == 0) {
            page.paragraph(grid.jobs().isEmpty() ? "No jobs." : "Every job succeeded.");
        } else {
            page.table(failed, null, null);
        }

        page.section("jobs", "All jobs");
        page.details(grid.jobs().size() + " jobs (click to show)", () -> page.table(allJobs(grid), null, null));
    }

    /** Software versions, the published figures' source and the files beside the page. */
    private static void filesSection(HtmlPage page, Content c) {
        ReportInput in = c.input();
        page.section("files", "Files and software");
        page.subheading("Software");
        if (in.runSoftware().isEmpty()) {
            page.note(
                    "The run recorded no worker, torch or diffusers versions and no git commit (runs started before "
                            + "the runner recorded them, or a folder with only an export.csv): the versions below are the report's.");
        } else {
            page.note("'(run)': as the run recorded them when it started its workers; the others made this report.");
        }
        Map<String, String> software = new LinkedHashMap<>(in.runSoftware());
        software.putAll(Versions.all());
        page.definitions(software, "facts");
        page.subheading("Published figures");
        page.paragraph(PaperMeans.SOURCE + ".");
        page.subheading("Files beside this page");
        page.fileList(c.files());
    }

    private static Map<String, String> facts(Content c) {
        ReportInput in = c.input();
        RunGrid grid = c.grid();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("run", in.runName());
        f.put("generated", in.generatedAt().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)));
        if (in.source() != null) {
            f.put("from", in.source());
        }
        if (in.runDir() != null) {
            f.put("run folder", in.runDir().toString());
        }
        StringBuilder jobs = new StringBuilder(Integer.toString(grid.jobs().size()));
        Map<JobStatus, Integer> counts = grid.statusCounts();
        if (!counts.isEmpty()) {
            List<String> parts = new ArrayList<>();
            counts.forEach((s, n) -> parts.add(n + " " + s.word()));
            jobs.append(" (").append(String.join(", ", parts)).append(')');
        }
        f.put("jobs", jobs.toString());
        f.put("models", grid.models().isEmpty() ? "none" : String.join(", ", grid.models()));
        List<String> methods = grid.methods().stream().map(MethodNames::display).toList();
        f.put("methods", methods.isEmpty() ? "none" : String.join(", ", methods));
        Set<Horizon> horizons = new TreeSet<>();
        grid.models().forEach(m -> horizons.addAll(grid.horizons(m)));
        f.put(
                "horizons",
                horizons.isEmpty()
                        ? "none"
                        : String.join(
                                ", ", horizons.stream().map(Horizon::label).toList()));
        ReportWriter.describe(grid.distinct(ExportColumns.STEPS), "").ifPresent(s -> f.put("denoising steps", s));
        Set<String> res = new TreeSet<>();
        for (JobRecord j : grid.jobs()) {
            double h = j.number(ExportColumns.HEIGHT);
            double w = j.number(ExportColumns.WIDTH);
            if (!Double.isNaN(h) && !Double.isNaN(w)) {
                res.add(String.format(Locale.ROOT, "%.0fx%.0f", h, w));
            }
        }
        if (!res.isEmpty()) {
            f.put("resolution (h x w)", String.join(", ", res));
        }
        Set<String> backends = new TreeSet<>();
        grid.jobs().forEach(j -> {
            if (!j.backend().isBlank()) {
                backends.add(j.backend());
            }
        });
        if (!backends.isEmpty()) {
            f.put("attention backends", String.join(", ", backends));
        }
        return f;
    }

    private static void table(HtmlPage page, Content c, String id) {
        for (TableFile t : c.tables()) {
            if (t.table().id().equals(id)) {
                page.table(t.table(), t.csv(), t.md());
                return;
            }
        }
        throw new IllegalStateException("no table " + id);
    }

    private static void charts(HtmlPage page, Content c, String key, String cssClass) {
        List<ChartImage> list = c.charts().get(key);
        if (list == null || list.isEmpty()) {
            page.noFigure(c.missingCharts().getOrDefault(key, "Nothing to draw."));
        } else {
            page.figures(list, cssClass);
        }
    }

    private static ReportTable failedJobs(RunGrid grid) {
        ReportTable.Builder b = ReportTable.builder("failed_jobs", "Jobs without a result")
                .caption("Every job whose status is not ok, with the worker's message.")
                .key("job", "job")
                .key("model", "model")
                .key("method", "method")
                .key("horizon", "horizon")
                .key("prompt", "prompt id")
                .key("status", "status")
                .key("message", "message");
        for (JobRecord j : grid.jobs()) {
            if (!j.ok()) {
                b.row(List.of(
                        Cell.label(j.jobId()),
                        Cell.label(j.model()),
                        Cell.label(j.method()),
                        Cell.label(j.horizon().label()),
                        Cell.label(j.promptId()),
                        statusCell(j),
                        Cell.label(j.message())));
            }
        }
        return b.build();
    }

    private static ReportTable allJobs(RunGrid grid) {
        ReportTable.Builder b = ReportTable.builder("jobs", "All jobs")
                .caption("One row per job, as exported.")
                .key("job", "job")
                .key("model", "model")
                .key("method", "method")
                .key("horizon", "horizon")
                .key("frames", "frames")
                .key("prompt_id", "prompt id")
                .key("seed", "seed")
                .key("status", "status")
                .column("total_s", "", "latency (s)", ReportTable.Role.VALUE)
                .column("peak_memory_gb", "", "peak GB", ReportTable.Role.VALUE)
                .column("composite", "", "composite", ReportTable.Role.VALUE)
                .column("loop_quality", "", "loop", ReportTable.Role.VALUE)
                .key("video", "video")
                .key("prompt", "prompt");
        for (JobRecord j : grid.jobs()) {
            b.row(List.of(
                    Cell.label(j.jobId()),
                    Cell.label(j.model()),
                    Cell.label(j.method()),
                    Cell.label(j.horizon().label()),
                    j.frames() > 0 ? Cell.label(Integer.toString(j.frames())) : Cell.missing(),
                    Cell.label(j.promptId()),
                    Cell.label(j.seed()),
                    statusCell(j),
                    Cell.number(j.number(ExportColumns.TOTAL_S), 1),
                    Cell.number(j.number(ExportColumns.PEAK_MEMORY_GB), 1),
                    Cell.number(j.number(ExportColumns.COMPOSITE_SCORE), 1),
                    Cell.number(j.number(ExportColumns.LOOP_QUALITY), 1),
                    Cell.label(j.video()),
                    Cell.label(shorten(j.prompt(), 120))));
        }
        return b.build();
    }

    private static Cell statusCell(JobRecord j) {
        return switch (j.status()) {
            case OK -> Cell.label("ok");
            case OOM -> Cell.oom();
            case PENDING -> Cell.pending();
            case ERROR, TIMEOUT -> Cell.failed(j.status().word());
            case OTHER -> Cell.failed(j.statusText());
        };
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
