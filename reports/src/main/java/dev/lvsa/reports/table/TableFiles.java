package dev.lvsa.reports.table;

import dev.lvsa.common.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.io.csv.CsvWriteOptions;

/** Writes a {@link ReportTable} as CSV (through tablesaw) and as a Markdown table. */
public final class TableFiles {

    private TableFiles() {}

    /** The table as CSV text: a header of column keys, then the cells as shown. */
    public static String csv(ReportTable table) {
        StringWriter out = new StringWriter();
        table.toTablesaw()
                .write()
                .csv(CsvWriteOptions.builder(out).header(true).lineEnd("\n").build());
        return out.toString();
    }

    /** The table as Markdown: title, caption, a pipe table (group heading and label per column), notes. */
    public static String markdown(ReportTable table) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(table.title()).append("\n\n");
        if (!table.caption().isBlank()) {
            sb.append(table.caption()).append("\n\n");
        }
        List<String> heads = new ArrayList<>();
        for (ReportTable.Column c : table.columns()) {
            heads.add(c.group().isBlank() ? c.label() : c.group() + " · " + c.label());
        }
        sb.append("| ").append(String.join(" | ", escape(heads))).append(" |\n|");
        for (ReportTable.Column c : table.columns()) {
            sb.append(c.role() == ReportTable.Role.KEY ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<Cell> row : table.rows()) {
            List<String> texts = new ArrayList<>();
            row.forEach(cell -> texts.add(cell.text()));
            sb.append("| ").append(String.join(" | ", escape(texts))).append(" |\n");
        }
        if (!table.notes().isEmpty()) {
            sb.append('\n');
            for (String n : table.notes()) {
                sb.append("- ").append(n.replace("\n", " ")).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes {@code dir/ID.csv} and {@code dir/ID.md} atomically; returns both paths. */
    public static List<Path> write(ReportTable table, Path dir) throws IOException {
        Path csv = AtomicFiles.writeString(dir.resolve(table.id() + ".csv"), csv(table));
        Path md = AtomicFiles.writeString(dir.resolve(table.id() + ".md"), markdown(table));
        return List.of(csv, md);
    }

    private static List<String> escape(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            out.add(c.replace("\\", "\\\\")
                    .replace("|", "\\|")
                    .replace("<", "&lt;")
                    .replace("\n", " "));
        }
        return out;
    }
}
