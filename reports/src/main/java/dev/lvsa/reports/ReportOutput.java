package dev.lvsa.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter} wrote.
 *
 * @param html the report page
 * @param files every other file written (tables, charts, heatmaps)
 * @param warnings what the report could not show and why (also listed in the page)
 */
public record ReportOutput(Path html, List<Path> files, List<String> warnings) {
    public ReportOutput {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
