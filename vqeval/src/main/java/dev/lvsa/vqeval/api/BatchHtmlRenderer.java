package dev.lvsa.vqeval.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the HTML report of a batch. {@code vqeval batch} looks one up with
 * {@link java.util.ServiceLoader}; the reports module provides it. Without one, batch writes JSON and CSV
 * only.
 */
public interface BatchHtmlRenderer {

    /** One video of the batch: its report, or why it failed. */
    record Item(String video, String id, EvaluationReport report, String error, Map<String, String> extraColumns) {
        public boolean ok() {
            return report != null;
        }
    }

    /**
     * Writes {@code report.html} (and any figures it needs) into {@code outDir}. Must write atomically.
     *
     * @return the HTML file written
     */
    Path render(List<Item> items, Path outDir) throws IOException;
}
