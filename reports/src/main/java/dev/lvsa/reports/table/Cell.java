package dev.lvsa.reports.table;

import java.util.Locale;

/**
 * One table cell: a value (with the number behind it, for charts) or a mark saying why there is none.
 * The same text goes to CSV, Markdown and HTML.
 *
 * @param kind what the cell holds
 * @param value the number for {@link Kind#NUMBER}, NaN otherwise
 * @param text what is shown
 */
public record Cell(Kind kind, double value, String text) {

    /** Mark for a cell this run has no result for (no job, or not scored). */
    public static final String MISSING_MARK = "—";
    /** Mark for a cell without a published figure or without the baseline it compares with. */
    public static final String NA_MARK = "n/a";

    public static final String OOM_MARK = "OOM";
    public static final String PENDING_MARK = "pending";

    /** What a cell holds. */
    public enum Kind {
        /** text naming the row (model, method, horizon, a job count) */
        LABEL,
        NUMBER,
        /** out of memory */
        OOM,
        /** the jobs failed: error, timeout */
        FAILED,
        PENDING,
        /** no result in this run */
        MISSING,
        /** no published figure, or no baseline to compare with */
        NOT_APPLICABLE,
        /** a short explanation instead of a number, e.g. {@code dense OOM} for a speedup over a baseline that ran out of memory */
        NOTE
    }

    public static Cell label(String text) {
        return new Cell(Kind.LABEL, Double.NaN, text == null ? "" : text);
    }

    /** A number shown with {@code decimals} places; a non-finite number is a missing cell. */
    public static Cell number(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return missing();
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.startsWith("-") && Double.parseDouble(s) == 0) {
            s = s.substring(1);
        }
        return new Cell(Kind.NUMBER, v, s);
    }

    public static Cell oom() {
        return new Cell(Kind.OOM, Double.NaN, OOM_MARK);
    }

    public static Cell failed(String word) {
        return new Cell(Kind.FAILED, Double.NaN, word);
    }

    public static Cell pending() {
        return new Cell(Kind.PENDING, Double.NaN, PENDING_MARK);
    }

    public static Cell missing() {
        return new Cell(Kind.MISSING, Double.NaN, MISSING_MARK);
    }

    public static Cell notApplicable() {
        return new Cell(Kind.NOT_APPLICABLE, Double.NaN, NA_MARK);
    }

    public static Cell note(String text) {
        return new Cell(Kind.NOTE, Double.NaN, text);
    }

    public boolean hasValue() {
        return kind == Kind.NUMBER;
    }

    @Override
    public String toString() {
        return text;
    }
}
