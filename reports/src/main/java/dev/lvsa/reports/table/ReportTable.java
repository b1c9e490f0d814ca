package dev.lvsa.reports.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of the report: an id (its file name), a title, a caption, columns (a machine key for CSV, a
 * group heading and a label for people) and rows of {@link Cell}s, plus notes shown under it.
 */
public final class ReportTable {

    /** What a column holds; HTML styles each role differently. */
    public enum Role {
        KEY,
        RUN,
        PAPER,
        RATIO,
        VALUE
    }

    /**
     * @param key CSV header, unique in the table (e.g. {@code latency_s_run})
     * @param group heading over a group of columns, or empty (e.g. {@code latency (s)})
     * @param label heading of the column itself (e.g. {@code this run})
     */
    public record Column(String key, String group, String label, Role role) {}

    private final String id;
    private final String title;
    private final String caption;
    private final List<Column> columns;
    private final List<List<Cell>> rows;
    private final List<String> notes;

    private ReportTable(Builder b) {
        this.id = b.id;
        this.title = b.title;
        this.caption = b.caption;
        this.columns = List.copyOf(b.columns);
        List<List<Cell>> r = new ArrayList<>();
        b.rows.forEach(row -> r.add(List.copyOf(row)));
        this.rows = Collections.unmodifiableList(r);
        this.notes = List.copyOf(b.notes);
    }

    public static Builder builder(String id, String title) {
        return new Builder(id, title);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String caption() {
        return caption;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<Cell>> rows() {
        return rows;
    }

    public List<String> notes() {
        return notes;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Index of a column by key. */
    public int columnIndex(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + id + " has no column " + key);
    }

    public boolean hasColumn(String key) {
        return columns.stream().anyMatch(c -> c.key().equals(key));
    }

    public Cell cell(int row, String key) {
        return rows.get(row).get(columnIndex(key));
    }

    /**
     * The row whose cells match the given {@code key, text, key, text, ...} pairs, e.g.
     * {@code row("model", "wan2.1-t2v-1.3b", "method", "lvsa", "horizon", "4x")}.
     */
    public Optional<Map<String, Cell>> row(String... keyTextPairs) {
        if (keyTextPairs.length % 2 != 0) {
            throw new IllegalArgumentException("give key, text pairs");
        }
        for (List<Cell> r : rows) {
            boolean match = true;
            for (int i = 0; i < keyTextPairs.length && match; i += 2) {
                match = r.get(columnIndex(keyTextPairs[i])).text().equals(keyTextPairs[i + 1]);
            }
            if (match) {
                Map<String, Cell> m = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    m.put(columns.get(c).key(), r.get(c));
                }
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The table as tablesaw text columns, one per column key, cells as shown. */
    public Table toTablesaw() {
        Table t = Table.create(id);
        for (int c = 0; c < columns.size(); c++) {
            StringColumn col = StringColumn.create(columns.get(c).key());
            for (List<Cell> r : rows) {
                col.append(r.get(c).text());
            }
            t.addColumns(col);
        }
        return t;
    }

    /** Builds a table column by column, then row by row. */
    public static final class Builder {
        private final String id;
        private final String title;
        private String caption = "";
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Cell>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder caption(String text) {
            this.caption = text;
            return this;
        }

        public Builder note(String text) {
            notes.add(text);
            return this;
        }

        public Builder column(String key, String group, String label, Role role) {
            if (columns.stream().anyMatch(c -> c.key().equals(key))) {
                throw new IllegalArgumentException("table " + id + ": column " + key + " twice");
            }
            columns.add(new Column(key, group, label, role));
            return this;
        }

        /** A row-naming column (model, method, horizon). */
        public Builder key(String key, String label) {
            return column(key, "", label, Role.KEY);
        }

        /** Three columns {@code stem_run}, {@code stem_paper}, {@code stem_ratio} under one group heading. */
        public Builder trio(String stem, String group) {
            column(stem + "_run", group, "this run", Role.RUN);
            column(stem + "_paper", group, "paper", Role.PAPER);
            return column(stem + "_ratio", group, "ratio", Role.RATIO);
        }

        /** One column {@code stem_run} (a figure without a published counterpart). */
        public Builder runOnly(String stem, String group) {
            return column(stem + "_run", group, "this run", Role.RUN);
        }

        public int columnCount() {
            return columns.size();
        }

        /** Adds a row: one cell per column, in column order. */
        public Builder row(List<Cell> cells) {
            if (cells.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "table " + id + ": row of " + cells.size() + " cells, " + columns.size() + " columns");
            }
            rows.add(cells);
            return this;
        }

        public ReportTable build() {
            return new ReportTable(this);
        }
    }
}
