package dev.lvsa.reports.vqeval;

import dev.lvsa.common.AtomicFiles;
import dev.lvsa.reports.chart.BatchCharts;
import dev.lvsa.reports.chart.ChartFiles;
import dev.lvsa.reports.chart.ChartImage;
import dev.lvsa.reports.chart.SelfSimilarityHeatmap;
import dev.lvsa.reports.html.HtmlPage;
import dev.lvsa.reports.io.Versions;
import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.ReportTable;
import dev.lvsa.vqeval.api.BatchHtmlRenderer.Item;
import dev.lvsa.vqeval.api.Diagnostics;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.LoopFindings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;

/**
 * The VQeval batch page: ranking, vbench-like diagnostics, a grouped comparison when the batch's CSV
 * names models, methods or horizons, the loop-vs-consistency contrast, one card per video (dimension
 * bars, self-similarity heatmap with the period marked) and the failures.
 */
final class BatchReportPage {

    /** CSV columns shown in the ranking and used for the grouped comparison, when the batch has them. */
    static final List<String> GROUP_COLUMNS = List.of("model", "method", "horizon");

    private static final List<String> SHOWN_EXTRAS = List.of("model", "method", "horizon", "prompt_id", "seed");
    /** CSV columns shown on a video's card besides {@link #SHOWN_EXTRAS}. */
    private static final List<String> CARD_EXTRAS = List.of("prompt", "job_id");

    private BatchReportPage() {}

    static Path write(List<Item> items, Path outDir, ZonedDateTime now, int maxCards) throws IOException {
        Files.createDirectories(outDir);
        Path charts = outDir.resolve("charts");
        List<Item> scored = new ArrayList<>();
        List<Item> failed = new ArrayList<>();
        for (Item i : items) {
            (i.ok() ? scored : failed).add(i);
        }
        List<Item> ranked = new ArrayList<>(scored);
        ranked.sort(Comparator.comparingDouble((Item i) -> -i.report().compositeScore()));
        Set<String> dims = new LinkedHashSet<>();
        scored.forEach(i -> dims.addAll(i.report().dimensions().keySet()));
        List<String> extras = extras(items);

        HtmlPage page = new HtmlPage("VQeval batch report", outDir);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("generated", now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)));
        facts.put("output folder", outDir.toAbsolutePath().normalize().toString());
        facts.put("videos", items.size() + " (" + scored.size() + " scored, " + failed.size() + " failed)");
        page.header(
                scored.size() + " of " + items.size() + " videos scored: ranking, loop diagnostics and "
                        + "self-similarity.",
                facts);

        howToRead(page, scored);

        page.section("ranking", "Ranking");
        page.table(ranking(ranked, dims, extras), existing(outDir.resolve("summary.csv")), null);

        diagnosticsSection(page, ranked, charts);

        List<String> groupBy = GROUP_COLUMNS.stream().filter(extras::contains).toList();
        if (!groupBy.isEmpty()) {
            page.section("groups", "Grouped by " + String.join(" × ", groupBy));
            page.table(grouped(scored, groupBy, dims), null, null);
        }

        page.section("videos", "Videos");
        if (ranked.isEmpty()) {
            page.paragraph("No video was scored.");
        }
        if (ranked.size() > maxCards) {
            page.note("The " + maxCards + " best-ranked videos are shown here; every video is in the ranking.");
        }
        Set<String> used = new HashSet<>();
        for (int r = 0; r < Math.min(maxCards, ranked.size()); r++) {
            card(page, ranked.get(r), r + 1, extras, charts, used);
        }

        failuresSection(page, failed, outDir);

        softwareSection(page, outDir);
        return AtomicFiles.writeString(outDir.resolve("report.html"), page.render());
    }

    private static void howToRead(HtmlPage page, List<Item> scored) {
        page.section("how-to-read", "How to read this report");
        List<String> w = new ArrayList<>();
        if (!scored.isEmpty()) {
            scored.get(0).report().weights().forEach((k, v) -> w.add(k + " " + String.format(Locale.ROOT, "%.2f", v)));
        }
        page.bullets(List.of(
                "Scores run from 0 (worst) to 100 (best): excellent 90+, good 70+, fair 50+, poor 30+, bad below. The "
                        + "composite is the weighted mean of the dimensions"
                        + (w.isEmpty() ? "." : " (" + String.join(", ", w) + ")."),
                "loop quality falls when a video repeats (a cycle: stripes parallel to the diagonal of its self-similarity "
                        + "heatmap), plays back and forth, or freezes.",
                "The vbench-like diagnostics (0-1) reward static video: a high subject consistency beside a low loop "
                        + "quality is a frozen or looping video, not a good one.",
                "Heatmaps: bright = similar frames; red dashes mark the detected period.",
                "A dash (" + Cell.MISSING_MARK + ") marks a figure VQeval could not compute for that video."));
    }

    private static void diagnosticsSection(HtmlPage page, List<Item> ranked, Path charts) throws IOException {
        page.section("diagnostics", "Loop diagnostics beside the vbench-like scores");
        page.table(diagnostics(ranked), null, null);
        CategoryChart contrast = BatchCharts.contrast(
                ranked.stream().map(Item::video).toList(),
                ranked.stream().map(Item::report).toList());
        if (contrast != null) {
            ChartImage img = ChartFiles.write(contrast, charts, "contrast");
            page.figure(
                    img,
                    "Best composite first"
                            + (ranked.size() > BatchCharts.MAX_BARS
                                    ? ", the first " + BatchCharts.MAX_BARS + " scored videos"
                                    : "")
                            + ": #k is the video's rank in the tables above, which "
                            + "give its full name. Bars: loop quality (left axis); a loop quality of 0 has no bar and is marked by a "
                            + "red line and \"0\" on the axis. Diamonds: subject consistency (right axis).");
        }
    }

    private static void failuresSection(HtmlPage page, List<Item> failed, Path outDir) {
        page.section("failures", "Videos that could not be scored");
        if (failed.isEmpty()) {
            page.paragraph("Every video was scored.");
        } else {
            ReportTable.Builder b = ReportTable.builder("failures", "Failures")
                    .caption("Each failed video and why.")
                    .key("id", "id")
                    .key("video", "video")
                    .key("error", "error");
            failed.forEach(i -> b.row(List.of(Cell.label(i.id()), Cell.label(i.video()), Cell.label(i.error()))));
            page.table(b.build(), existing(outDir.resolve("failures.csv")), null);
        }
    }

    private static void softwareSection(HtmlPage page, Path outDir) {
        page.section("software", "Files and software");
        page.definitions(Versions.all(), "facts");
        List<Path> files = new ArrayList<>();
        for (String f : List.of("summary.csv", "failures.csv")) {
            if (Files.isRegularFile(outDir.resolve(f))) {
                files.add(outDir.resolve(f));
            }
        }
        page.fileList(files);
    }

    private static void card(HtmlPage page, Item item, int rank, List<String> extras, Path charts, Set<String> used)
            throws IOException {
        EvaluationReport r = item.report();
        page.openCard("#" + rank + "  " + item.video(), null);
        Map<String, String> f = new LinkedHashMap<>();
        f.put(
                "composite",
                String.format(
                        Locale.ROOT,
                        "%.1f (%s)",
                        r.compositeScore(),
                        r.verdict().label()));
        f.put(
                "frames",
                r.info().frames()
                        + String.format(
                                Locale.ROOT,
                                " at %.2f fps (%.1f s)",
                                r.info().fps(),
                                r.info().durationSeconds()));
        f.put("size", r.info().width() + " x " + r.info().height());
        LoopFindings loop = r.loop();
        if (loop != null) {
            f.put("cycle", loop.cycleDetected() ? "period " + loop.cyclePeriodFrames() + " frames" : "none detected");
            f.put("first repeat", loop.firstRepeatFrame() == null ? "never" : "frame " + loop.firstRepeatFrame());
            f.put("freeze", loop.freezeOnsetFrame() == null ? "none" : "from frame " + loop.freezeOnsetFrame());
        }
        for (String e : extras) {
            String v = item.extraColumns() == null ? null : item.extraColumns().get(e);
            if (v != null && !v.isBlank() && (SHOWN_EXTRAS.contains(e) || CARD_EXTRAS.contains(e))) {
                f.put(e, v);
            }
        }
        page.definitions(f, "facts");
        List<ChartImage> figs = new ArrayList<>();
        String slug = ChartFiles.slug(item.id());
        try {
            figs.add(ChartFiles.write(BatchCharts.dimensionBars(r, "Scores"), charts, unique(used, "dims_" + slug)));
            if (loop != null && loop.selfSimilarity() != null) {
                figs.add(ChartFiles.write(
                        SelfSimilarityHeatmap.render(loop.selfSimilarity(), item.video(), ""),
                        "Self-similarity: " + item.video(),
                        charts,
                        unique(used, "selfsim_" + slug)));
            }
        } catch (RuntimeException e) {
            // one video's figure must not cost the batch its report
            page.noFigure("A figure of this video could not be drawn: " + e);
        }
        page.figures(figs, "");
        page.closeCard();
    }

    private static ReportTable ranking(List<Item> ranked, Set<String> dims, List<String> extras) {
        List<String> shown = extras.stream().filter(SHOWN_EXTRAS::contains).toList();
        ReportTable.Builder b = ReportTable.builder("ranking", "Ranking by composite score")
                .caption("Every scored video, best first.")
                .key("rank", "#")
                .key("video", "video");
        shown.forEach(e -> b.key(e, e.replace('_', ' ')));
        b.column("composite_score", "", "composite", ReportTable.Role.VALUE).key("verdict", "verdict");
        dims.forEach(d -> b.column(d, "dimensions", d.replace('_', ' '), ReportTable.Role.VALUE));
        b.key("cycle", "cycle period").key("first_repeat_frame", "first repeat");
        for (int i = 0; i < ranked.size(); i++) {
            Item it = ranked.get(i);
            EvaluationReport r = it.report();
            List<Cell> row = new ArrayList<>();
            row.add(Cell.label(Integer.toString(i + 1)));
            row.add(Cell.label(it.video()));
            shown.forEach(e -> row.add(Cell.label(
                    it.extraColumns() == null ? "" : it.extraColumns().getOrDefault(e, ""))));
            row.add(Cell.number(r.compositeScore(), 1));
            row.add(Cell.label(r.verdict().label()));
            for (String d : dims) {
                DimensionResult dr = r.dimensions().get(d);
                row.add(dr == null ? Cell.missing() : Cell.number(dr.score(), 1));
            }
            LoopFindings loop = r.loop();
            row.add(
                    loop == null
                            ? Cell.missing()
                            : Cell.label(loop.cycleDetected() ? loop.cyclePeriodFrames() + " frames" : "none"));
            row.add(
                    loop == null || loop.firstRepeatFrame() == null
                            ? Cell.label("never")
                            : Cell.label(Integer.toString(loop.firstRepeatFrame())));
            b.row(row);
        }
        return b.build();
    }

    private static ReportTable diagnostics(List<Item> ranked) {
        ReportTable.Builder b = ReportTable.builder("diagnostics", "Loop diagnostics and vbench-like scores")
                .caption(
                        "VQeval's loop findings, the two published loop metrics, and the vbench-like scores that reward "
                                + "static video.")
                .key("rank", "#")
                .key("video", "video")
                .column("loop_quality", "VQeval", "loop quality", ReportTable.Role.VALUE)
                .column("duplicate_pair_ratio", "VQeval", "duplicate pairs", ReportTable.Role.VALUE)
                .column("freeze_ratio", "VQeval", "freeze share", ReportTable.Role.VALUE)
                .column("norepeat", "published loop metrics", "NoRepeat", ReportTable.Role.VALUE)
                .column("repeat_ratio", "published loop metrics", "repeat ratio", ReportTable.Role.VALUE);
        List<String> vb = List.of(
                "subject_consistency",
                "background_consistency",
                "temporal_flicker",
                "motion_smoothness",
                "dynamic_degree");
        vb.forEach(v -> b.column(v, "vbench-like (0-1)", v.replace('_', ' '), ReportTable.Role.VALUE));
        for (int i = 0; i < ranked.size(); i++) {
            Item it = ranked.get(i);
            EvaluationReport r = it.report();
            DimensionResult loop = r.dimensions().get("loop_quality");
            List<Cell> row = new ArrayList<>();
            row.add(Cell.label(Integer.toString(i + 1)));
            row.add(Cell.label(it.video()));
            row.add(loop == null ? Cell.missing() : Cell.number(loop.score(), 1));
            row.add(r.loop() == null ? Cell.missing() : Cell.number(r.loop().duplicatePairRatio(), 3));
            row.add(r.loop() == null ? Cell.missing() : Cell.number(r.loop().freezeRatio(), 3));
            row.add(Cell.number(Diagnostics.number(r.diagnostics().published(), "norepeat"), 0));
            row.add(Cell.number(Diagnostics.number(r.diagnostics().published(), "repeat_ratio"), 3));
            vb.forEach(
                    v -> row.add(Cell.number(Diagnostics.number(r.diagnostics().vbenchLike(), v), 3)));
            b.row(row);
        }
        return b.build();
    }

    private static ReportTable grouped(List<Item> scored, List<String> groupBy, Set<String> dims) {
        ReportTable.Builder b = ReportTable.builder("groups", "Mean scores per group")
                .caption("Mean over the scored videos of each group.");
        groupBy.forEach(g -> b.key(g, g));
        b.key("videos", "videos").column("composite_score", "", "composite", ReportTable.Role.VALUE);
        dims.forEach(d -> b.column(d, "dimensions", d.replace('_', ' '), ReportTable.Role.VALUE));
        b.column("subject_consistency", "", "subject consistency", ReportTable.Role.VALUE);
        Map<List<String>, List<EvaluationReport>> groups = new LinkedHashMap<>();
        for (Item it : scored) {
            List<String> key = groupBy.stream()
                    .map(g -> it.extraColumns() == null ? "" : it.extraColumns().getOrDefault(g, ""))
                    .toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(it.report());
        }
        groups.forEach((key, reports) -> {
            List<Cell> row = new ArrayList<>();
            key.forEach(k -> row.add(Cell.label(k)));
            row.add(Cell.label(Integer.toString(reports.size())));
            row.add(Cell.number(
                    reports.stream()
                            .mapToDouble(EvaluationReport::compositeScore)
                            .average()
                            .orElse(Double.NaN),
                    1));
            for (String d : dims) {
                row.add(Cell.number(
                        reports.stream()
                                .filter(r -> r.dimensions().containsKey(d))
                                .mapToDouble(r -> r.dimensions().get(d).score())
                                .average()
                                .orElse(Double.NaN),
                        1));
            }
            row.add(Cell.number(
                    reports.stream()
                            .mapToDouble(r -> Diagnostics.number(r.diagnostics().vbenchLike(), "subject_consistency"))
                            .filter(v -> !Double.isNaN(v))
                            .average()
                            .orElse(Double.NaN),
                    3));
            b.row(row);
        });
        return b.build();
    }

    /** The batch's extra CSV columns, in the order of the first item that has them. */
    private static List<String> extras(List<Item> items) {
        Set<String> s = new LinkedHashSet<>();
        for (Item i : items) {
            if (i.extraColumns() != null) {
                s.addAll(i.extraColumns().keySet());
            }
        }
        return new ArrayList<>(s);
    }

    private static Path existing(Path p) {
        return Files.isRegularFile(p) ? p : null;
    }

    private static String unique(Set<String> used, String id) {
        String s = id;
        for (int i = 2; !used.add(s); i++) {
            s = id + "_" + i;
        }
        return s;
    }
}
