package dev.lvsa.reports.run;

import java.util.Locale;

/** A job's status in the export: what the worker reported, or that it has not run yet. */
public enum JobStatus {
    OK,
    OOM,
    ERROR,
    TIMEOUT,
    PENDING,
    /** A status word the export contract does not name; shown as written. */
    OTHER;

    public static JobStatus parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ok" -> OK;
            case "oom" -> OOM;
            case "error" -> ERROR;
            case "timeout" -> TIMEOUT;
            case "pending", "" -> PENDING;
            default -> OTHER;
        };
    }

    /** Lower-case word as in the export. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
