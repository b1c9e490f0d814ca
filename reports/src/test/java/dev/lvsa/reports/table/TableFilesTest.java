package dev.lvsa.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Tables as files: CSV that reads back cell for cell, Markdown that keeps its columns. */
class TableFilesTest {

    private static ReportTable awkward() {
        return ReportTable.builder("awkward", "Awkward | cells")
                .caption("cells a CSV or a pipe table must quote")
                .key("model", "model")
                .trio("latency_s", "latency (s)")
                .row(List.of(
                        Cell.label("m, \"quoted\"\nnext line"),
                        Cell.number(1.5, 1),
                        Cell.notApplicable(),
                        Cell.notApplicable()))
                .row(List.of(Cell.label("a|b <c>"), Cell.oom(), Cell.number(2, 1), Cell.missing()))
                .build();
    }

    @Test
    void csvQuotesWhatItMustAndReadsBack() {
        String csv = TableFiles.csv(awkward());
        Table back = Table.read()
                .usingOptions(CsvReadOptions.builder(new StringReader(csv))
                        .columnTypes(c -> ColumnType.STRING)
                        .build());
        assertThat(back.columnNames()).containsExactly("model", "latency_s_run", "latency_s_paper", "latency_s_ratio");
        assertThat(back.stringColumn("model").get(0)).isEqualTo("m, \"quoted\"\nnext line");
        assertThat(back.stringColumn("latency_s_run").asList()).containsExactly("1.5", "OOM");
        assertThat(back.stringColumn("latency_s_ratio").asList()).containsExactly("n/a", "—");
    }

    @Test
    void markdownEscapesPipesAndAngleBracketsAndKeepsOneLinePerRow() {
        String md = TableFiles.markdown(awkward());
        List<String> rows = md.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0))
                .isEqualTo("| model | latency (s) · this run | latency (s) · paper | latency (s) · ratio |");
        assertThat(rows.get(2)).isEqualTo("| a\\|b &lt;c> | OOM | 2.0 | — |");
        assertThat(md).contains("|---|---:|---:|---:|");
    }

    @Test
    void bothFilesAreWrittenWithTheTablesId(@TempDir Path dir) throws Exception {
        List<Path> files = TableFiles.write(awkward(), dir);
        assertThat(files).containsExactly(dir.resolve("awkward.csv"), dir.resolve("awkward.md"));
        assertThat(Files.readString(files.get(1))).startsWith("## Awkward | cells");
    }
}
