package dev.lvsa.reports.vqeval;

import dev.lvsa.reports.io.ReportRuntime;
import dev.lvsa.vqeval.api.BatchHtmlRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * {@code vqeval batch}'s report.html, found by {@link java.util.ServiceLoader}. Writes
 * {@code report.html} and {@code charts/} (dimension bars, heatmaps, the contrast chart) into the batch's
 * output folder, atomically.
 */
public final class BatchReportRenderer implements BatchHtmlRenderer {

    /** Per-video cards drawn at most (each with a chart and a heatmap); the ranking lists every video. */
    public static final int MAX_CARDS = 60;

    /** For ServiceLoader. */
    public BatchReportRenderer() {}

    @Override
    public Path render(List<Item> items, Path outDir) throws IOException {
        ReportRuntime.prepare();
        return BatchReportPage.write(items, outDir, ZonedDateTime.now(), MAX_CARDS);
    }
}
