package dev.lvsa.vqeval.batch;

import dev.lvsa.vqeval.api.EvaluationReport;
import java.nio.file.Path;

/**
 * What became of one batch input: a report (and the JSON written for it), or a one-line error.
 */
public record Outcome(BatchInput input, EvaluationReport report, String error, Path json) {

    public boolean ok() {
        return report != null;
    }
}
