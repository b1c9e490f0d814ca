package dev.lvsa.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.ReportTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wide tables fit a 1400 px page: long names may wrap, short keys never do, the frame scrolls otherwise. */
class TableWrapTest {

    @Test
    void onlyLongKeyCellsMayWrapAndTheTableSitsInAScrollingFrame() {
        ReportTable t = ReportTable.builder("t", "T")
                .key("rank", "#")
                .key("video", "video")
                .column("v", "", "value", ReportTable.Role.VALUE)
                .row(List.of(
                        Cell.label("10"),
                        Cell.label("tiny-wan_ultravico_65f_demo-kite_s0_bb2cd056.mp4"),
                        Cell.number(1, 1)))
                .row(List.of(Cell.label("11"), Cell.label("short.mp4"), Cell.number(2, 1)))
                .build();
        String html = new HtmlPage("p", Path.of(".")).table(t, null, null).render();
        assertThat(html).contains("<div class=\"table-wrap\"><table");
        assertThat(html).containsOnlyOnce(" long\">");
        assertThat(html).contains(" long\">tiny-wan_ultravico_65f_demo-kite_s0_bb2cd056.mp4</td>");
        assertThat(html).doesNotContain(" long\">10</td>").doesNotContain(" long\">short.mp4</td>");
        // the rules behind it
        assertThat(html)
                .contains(".table-wrap { overflow-x: auto;")
                .containsPattern("td\\.long \\{[^}]*white-space: normal;[^}]*overflow-wrap: anywhere;");
    }
}
