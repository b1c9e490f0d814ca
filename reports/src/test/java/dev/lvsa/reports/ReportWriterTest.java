package dev.lvsa.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.datasets.synthetic.ClipKind;
import dev.lvsa.reports.chart.ImageStats;
import dev.lvsa.reports.chart.SelfSimilarityHeatmap;
import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.SelfSimilarity;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the hand-made full run, with two of its videos present as small synthetic clips (a loop
 * and clean motion): every file of the report, the page's sections, heatmaps recomputed through VQeval.
 */
class ReportWriterTest {

    @TempDir
    static Path runDir;

    static ReportOutput out;
    static Path reportDir;

    @BeforeAll
    static void writeReport() throws Exception {
        Files.writeString(runDir.resolve("export.csv"), TestRuns.fullRunCsv());
        Path videos = runDir.resolve("videos");
        TestRuns.clip(videos, "wan13b-dense-4x-p1.mp4", ClipKind.LOOP_EXACT, 7);
        TestRuns.clip(videos, "wan13b-lvsa-4x-p1.mp4", ClipKind.OBJECTS, 8);
        ExportCsv.Result export = ExportCsv.read(runDir.resolve("export.csv"));
        ReportInput in = ReportInput.builder()
                .jobs(export.jobs())
                .runDir(runDir)
                .runName("full")
                .generatedAt(ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC))
                .build();
        reportDir = runDir.resolve("report");
        out = ReportWriter.write(in, reportDir);
    }

    @Test
    void writesThePageTablesChartsAndHeatmaps() throws IOException {
        assertThat(out.html()).isEqualTo(reportDir.resolve("report.html"));
        for (String t : List.of(
                "method_comparison",
                "latency_scaling",
                "cross_model_speedup",
                "peak_memory",
                "quality_vqeval",
                "quality_vbench_like")) {
            assertThat(reportDir.resolve("tables/" + t + ".csv")).isRegularFile();
            assertThat(reportDir.resolve("tables/" + t + ".md")).isRegularFile();
        }
        for (String c : List.of(
                "latency_scaling_wan2.1-t2v-1.3b",
                "speedup_hunyuanvideo-1.5-480p",
                "sparsity_vs_frames",
                "vqeval_dimensions_wan2.1-t2v-1.3b_4x",
                "contrast_wan2.1-t2v-1.3b",
                "contrast_paper_wan13b")) {
            assertThat(reportDir.resolve("charts/" + c + ".png")).isRegularFile();
            assertThat(reportDir.resolve("charts/" + c + ".svg")).isRegularFile();
        }
        assertThat(reportDir.resolve("charts/selfsim_wan13b-dense-4x-p1.png")).isRegularFile();
        assertThat(reportDir.resolve("charts/selfsim_wan13b-lvsa-4x-p1.png")).isRegularFile();
        assertThat(out.files()).allSatisfy(f -> assertThat(f).isRegularFile());
        try (Stream<Path> all = Files.walk(reportDir)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .as("no temp files left")
                    .isEmpty();
        }
    }

    @Test
    void thePageIsSelfContainedAndHasEverySection() throws IOException {
        String html = Files.readString(out.html());
        for (String id : List.of(
                "how-to-read",
                "method-comparison",
                "latency",
                "speedup",
                "memory",
                "sparsity",
                "quality",
                "contrast",
                "self-similarity",
                "failures",
                "jobs",
                "files")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html)
                .contains("<style>")
                .doesNotContain("<link")
                .doesNotContain("src=\"http")
                .doesNotContain("<script");
        long embedded = html.split("src=\"data:image/png;base64,", -1).length - 1;
        assertThat(embedded)
                .as("every chart and heatmap embedded")
                .isEqualTo(out.files().stream()
                        .filter(f -> f.toString().endsWith(".png"))
                        .count());
        assertThat(html).contains("LVSA toolkit report: full").contains("2026-01-02 03:04");
        // the legend and the warning about the 34 videos the export names but the folder does not have
        assertThat(html)
                .contains("no published figure")
                .contains("34 video(s) named by successful jobs were not found");
        // the export names no plan files: the chart has the realised densities only, and the page says why
        assertThat(html).contains("No planned density for 12 LVSA job(s)").contains("names no plan file");
        // a failed job's message
        assertThat(html).contains("worker exited with code 137 while denoising step 31");
    }

    @Test
    void heatmapsMarkThePeriodVqevalDetects() throws Exception {
        Path clip = runDir.resolve("videos/wan13b-dense-4x-p1.mp4");
        SelfSimilarity ss = VqEval.builder().build().selfSimilarity(clip);
        BufferedImage img = ImageIO.read(
                reportDir.resolve("charts/selfsim_wan13b-dense-4x-p1.png").toFile());
        int marks = ImageStats.count(img, SelfSimilarityHeatmap.MARK.getRGB());
        // an exact loop: VQeval must find its period, and the heatmap must mark it (no branch that passes either way)
        assertThat(ss.periodFrames()).as("the exact loop's period").isNotNull();
        assertThat(marks).as("period " + ss.periodFrames() + " marked").isGreaterThan(100);
        Path cleanClip = runDir.resolve("videos/wan13b-lvsa-4x-p1.mp4");
        assertThat(VqEval.builder().build().selfSimilarity(cleanClip).periodFrames())
                .as("clean motion")
                .isNull();
        BufferedImage clean = ImageIO.read(
                reportDir.resolve("charts/selfsim_wan13b-lvsa-4x-p1.png").toFile());
        assertThat(ImageStats.count(clean, SelfSimilarityHeatmap.MARK.getRGB()))
                .as("nothing marked on clean motion")
                .isZero();
        assertThat(ImageStats.of(clean).distinctColours()).isGreaterThan(50);
    }

    @Test
    void aRunWithoutJobsStillGivesAPage(@TempDir Path dir) throws IOException {
        ReportOutput o = ReportWriter.write(
                ReportInput.builder().jobs(List.of()).runName("empty").build(), dir);
        String html = Files.readString(o.html());
        assertThat(html).contains("This run has no jobs yet").contains("No latency chart");
    }
}
