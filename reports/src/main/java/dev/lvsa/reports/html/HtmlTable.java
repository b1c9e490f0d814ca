package dev.lvsa.reports.html;

import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.ReportTable;
import java.util.List;

/**
 * The markup of a {@link ReportTable} inside a page: a scrolling frame around the table, grouped headings, cells
 * classed by their column's role and their kind, repeated keys muted, a line above each new group, and the table's
 * notes below it. {@link HtmlPage#table} wraps it in a figure with its caption and file links.
 */
final class HtmlTable {

    /** Characters from which a key cell's text may wrap (class {@code long}): file names, prompts, messages. */
    static final int LONG = 24;

    private HtmlTable() {}

    /** Appends the table (in its scrolling frame) and its notes. */
    static void append(StringBuilder body, ReportTable t) {
        body.append("<div class=\"table-wrap\"><table class=\"data\">\n<thead>\n");
        headerRows(body, t.columns());
        body.append("</thead>\n<tbody>\n");
        List<Cell> previous = null;
        for (List<Cell> row : t.rows()) {
            bodyRow(body, t.columns(), row, previous);
            previous = row;
        }
        body.append("</tbody></table></div>\n");
        if (!t.notes().isEmpty()) {
            body.append("<ul class=\"notes\">\n");
            for (String n : t.notes()) {
                body.append("<li>").append(Html.escape(n)).append("</li>\n");
            }
            body.append("</ul>\n");
        }
    }

    /** The table's header: one row, or two where columns are grouped (group names over their columns). */
    private static void headerRows(StringBuilder body, List<ReportTable.Column> cols) {
        boolean grouped = cols.stream().anyMatch(c -> !c.group().isBlank());
        body.append("<tr>");
        for (int i = 0; i < cols.size(); i++) {
            ReportTable.Column c = cols.get(i);
            if (!grouped || c.group().isBlank()) {
                body.append("<th")
                        .append(grouped ? " rowspan=\"2\"" : "")
                        .append(" class=\"")
                        .append(roleClass(c))
                        .append("\">")
                        .append(Html.escape(c.label()))
                        .append("</th>");
            } else {
                int span = 1;
                while (i + span < cols.size() && cols.get(i + span).group().equals(c.group())) {
                    span++;
                }
                body.append("<th colspan=\"")
                        .append(span)
                        .append("\" class=\"group\">")
                        .append(Html.escape(c.group()))
                        .append("</th>");
                i += span - 1;
            }
        }
        body.append("</tr>\n");
        if (grouped) {
            body.append("<tr>");
            for (ReportTable.Column c : cols) {
                if (!c.group().isBlank()) {
                    body.append("<th class=\"")
                            .append(roleClass(c))
                            .append("\">")
                            .append(Html.escape(c.label()))
                            .append("</th>");
                }
            }
            body.append("</tr>\n");
        }
    }

    /**
     * One row of the body: a line above it where a new group starts (its first key, or its second key column,
     * changes), and its first two key cells muted where they repeat the row above within the same group.
     */
    private static void bodyRow(
            StringBuilder body, List<ReportTable.Column> cols, List<Cell> row, List<Cell> previous) {
        boolean newGroup = previous == null
                || !row.get(0).text().equals(previous.get(0).text())
                || (cols.size() > 1
                        && cols.get(1).role() == ReportTable.Role.KEY
                        && !row.get(1).text().equals(previous.get(1).text()));
        body.append(newGroup && previous != null ? "<tr class=\"group-start\">" : "<tr>");
        for (int i = 0; i < row.size(); i++) {
            Cell cell = row.get(i);
            ReportTable.Column c = cols.get(i);
            boolean repeat = previous != null
                    && c.role() == ReportTable.Role.KEY
                    && i < 2
                    && cell.text().equals(previous.get(i).text())
                    && !newGroupAt(row, previous, i);
            body.append("<td class=\"")
                    .append(roleClass(c))
                    .append(' ')
                    .append(kindClass(cell))
                    .append(repeat ? " repeat" : "")
                    .append(c.role() == ReportTable.Role.KEY && cell.text().length() > LONG ? " long" : "")
                    .append("\">")
                    .append(Html.escape(cell.text()))
                    .append("</td>");
        }
        body.append("</tr>\n");
    }

    private static boolean newGroupAt(List<Cell> row, List<Cell> previous, int column) {
        for (int k = 0; k < column; k++) {
            if (!row.get(k).text().equals(previous.get(k).text())) {
                return true;
            }
        }
        return false;
    }

    private static String roleClass(ReportTable.Column c) {
        return switch (c.role()) {
            case KEY -> "key";
            case RUN -> "num run";
            case PAPER -> "num paper";
            case RATIO -> "num ratio";
            case VALUE -> "num";
        };
    }

    private static String kindClass(Cell c) {
        return switch (c.kind()) {
            case LABEL, NUMBER -> "";
            case OOM -> "c-oom";
            case FAILED -> "c-failed";
            case PENDING -> "c-pending";
            case MISSING -> "c-missing";
            case NOT_APPLICABLE -> "c-na";
            case NOTE -> "c-note";
        };
    }
}
