package dev.lvsa.reports.vqeval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.datasets.synthetic.ClipKind;
import dev.lvsa.reports.TestRuns;
import dev.lvsa.reports.chart.ImageStats;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.BatchHtmlRenderer;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.cli.VqevalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vqeval batch} finds this module's renderer and gets the reports' look for its HTML. */
class BatchReportRendererTest {

    @TempDir
    static Path videos;

    @BeforeAll
    static void clips() {
        TestRuns.clip(videos, "loop.mp4", ClipKind.LOOP_EXACT, 11);
        TestRuns.clip(videos, "clean.mp4", ClipKind.PAN, 12);
    }

    @Test
    void theRendererIsFoundThroughTheServiceLoader() {
        List<BatchHtmlRenderer> found = ServiceLoader.load(BatchHtmlRenderer.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(found).hasSize(1).first().isInstanceOf(BatchReportRenderer.class);
    }

    @Test
    void rendersRankingCardsHeatmapsAndFailures(@TempDir Path out) throws Exception {
        VqEval vq = VqEval.builder().build();
        EvaluationReport loop = vq.evaluate(videos.resolve("loop.mp4"), "loop.mp4");
        EvaluationReport clean = vq.evaluate(videos.resolve("clean.mp4"), "clean.mp4");
        List<BatchHtmlRenderer.Item> items = List.of(
                new BatchHtmlRenderer.Item(
                        "loop.mp4", "loop", loop, null, Map.of("method", "dense", "prompt", "<script>x</script>")),
                new BatchHtmlRenderer.Item(
                        "clean.mp4", "clean", clean, null, Map.of("method", "lvsa", "prompt", "a pan")),
                new BatchHtmlRenderer.Item(
                        "broken & \"bad\".mp4", "broken", null, "not a video: <moov> missing", Map.of()));
        Path html = new BatchReportRenderer().render(items, out);
        assertThat(html).isEqualTo(out.resolve("report.html"));
        String page = Files.readString(html);
        assertThat(page)
                .contains("Ranking by composite score")
                .contains("Grouped by method")
                .contains("#1  ")
                .contains("Videos that could not be scored")
                .contains("broken &amp; &quot;bad&quot;.mp4")
                .contains("not a video: &lt;moov&gt; missing")
                .contains("&lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script");
        // the better video ranks first
        String first = clean.compositeScore() >= loop.compositeScore() ? "clean.mp4" : "loop.mp4";
        assertThat(page.indexOf("#1  " + first)).isPositive();
        for (String id : List.of("loop", "clean")) {
            assertThat(ImageStats.of(out.resolve("charts/selfsim_" + id + ".png"))
                            .distinctColours())
                    .isGreaterThan(50);
            assertThat(out.resolve("charts/dims_" + id + ".png")).isRegularFile();
        }
        assertThat(out.resolve("charts/contrast.svg")).isRegularFile();
    }

    @Test
    void vqevalBatchWritesTheReportThroughTheService(@TempDir Path out) throws Exception {
        int code =
                VqevalCli.run("batch", videos.toString(), "--out", out.toString(), "--progress", "none", "--jobs", "1");
        assertThat(code).isZero();
        assertThat(out.resolve("summary.csv")).isRegularFile();
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("VQeval batch report")
                .contains("2 of 2 videos scored");
    }
}
