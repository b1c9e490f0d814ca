package dev.lvsa.reports.table;

import static dev.lvsa.reports.TestRuns.HV;
import static dev.lvsa.reports.TestRuns.WAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.TestRuns;
import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.reports.run.RunGrid;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The paper-layout tables on the hand-made full run (see {@link TestRuns}): exact cells, the paper column,
 * the ratio, OOM and missing cells. Expected figures are worked out by hand from the CSV and the paper's
 * means file in the comments.
 */
class PaperTablesTest {

    private final RunGrid grid = TestRuns.fullGrid();
    private final PaperLookup paper = TestRuns.paper(grid);

    private static Map<String, Cell> row(ReportTable t, String... keys) {
        return t.row(keys).orElseThrow(() -> new AssertionError("no row " + String.join(",", keys) + " in " + t.id()));
    }

    private static String text(Map<String, Cell> row, String key) {
        return row.get(key).text();
    }

    @ParameterizedTest(name = "{0} {2} at {1}: {3} = {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Wan LVSA 4x: latency mean(330, 334) = 332.0; paper 786.66; 332 / 786.66 = 0.422
                "wan2.1-t2v-1.3b | 4x | lvsa | latency_s_run | 332.0",
                "wan2.1-t2v-1.3b | 4x | lvsa | latency_s_paper | 786.7",
                "wan2.1-t2v-1.3b | 4x | lvsa | latency_s_ratio | 0.42",
                // speedup: dense mean(760, 764) = 762 over 332 = 2.295; paper 1442.3 / 786.66 = 1.833; 2.295 / 1.833 =
                // 1.252
                "wan2.1-t2v-1.3b | 4x | lvsa | speedup_vs_dense_run | 2.30",
                "wan2.1-t2v-1.3b | 4x | lvsa | speedup_vs_dense_paper | 1.83",
                "wan2.1-t2v-1.3b | 4x | lvsa | speedup_vs_dense_ratio | 1.25",
                // no RIFLEx job at 4x, UltraViCo pending: no baseline to divide by
                "wan2.1-t2v-1.3b | 4x | lvsa | speedup_vs_riflex_run | n/a",
                "wan2.1-t2v-1.3b | 4x | lvsa | speedup_vs_ultravico_run | n/a",
                // VQeval composite mean(62, 61) = 61.5 vs 62.06; loop mean(76, 74) = 75 vs 77.0
                "wan2.1-t2v-1.3b | 4x | lvsa | composite_run | 61.5",
                "wan2.1-t2v-1.3b | 4x | lvsa | composite_paper | 62.1",
                "wan2.1-t2v-1.3b | 4x | lvsa | composite_ratio | 0.99",
                "wan2.1-t2v-1.3b | 4x | lvsa | loop_quality_run | 75.0",
                "wan2.1-t2v-1.3b | 4x | lvsa | loop_quality_paper | 77.0",
                "wan2.1-t2v-1.3b | 4x | lvsa | loop_quality_ratio | 0.97",
                "wan2.1-t2v-1.3b | 4x | lvsa | jobs | 2/2",
                "wan2.1-t2v-1.3b | 4x | lvsa | frames | 321",
                // the RIFLEx cell at 4x has no job at all: missing, the paper has no RIFLEx figure
                "wan2.1-t2v-1.3b | 4x | riflex | jobs | —",
                "wan2.1-t2v-1.3b | 4x | riflex | latency_s_run | —",
                "wan2.1-t2v-1.3b | 4x | riflex | latency_s_paper | n/a",
                "wan2.1-t2v-1.3b | 4x | riflex | latency_s_ratio | n/a",
                "wan2.1-t2v-1.3b | 4x | riflex | speedup_vs_dense_run | —",
                "wan2.1-t2v-1.3b | 4x | ultravico | jobs | 0/2",
                "wan2.1-t2v-1.3b | 4x | ultravico | latency_s_run | pending",
                // RIFLEx at 1x: mean(81, 82) = 81.5; UltraViCo mean(100, 104) = 102; speedup over UltraViCo 102 / 81.5
                "wan2.1-t2v-1.3b | 1x | riflex | latency_s_run | 81.5",
                "wan2.1-t2v-1.3b | 1x | riflex | speedup_vs_ultravico_run | 1.25",
                "wan2.1-t2v-1.3b | 1x | dense | speedup_vs_dense_run | 1.00",
            })
    void methodComparisonCellsOnWan(String model, String horizon, String method, String column, String expected) {
        assertMethodComparisonCell(model, horizon, method, column, expected);
    }

    @ParameterizedTest(name = "{0} {2} at {1}: {3} = {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                // HunyuanVideo dense 2x: out of memory here and in the paper
                "hunyuanvideo-1.5-480p | 2x | dense | jobs | 0/2",
                "hunyuanvideo-1.5-480p | 2x | dense | latency_s_run | OOM",
                "hunyuanvideo-1.5-480p | 2x | dense | latency_s_paper | OOM",
                "hunyuanvideo-1.5-480p | 2x | dense | latency_s_ratio | n/a",
                // LVSA 2x ran: mean(1700, 1704) = 1702 vs 3476.6; no speedup over a baseline that ran out of memory
                "hunyuanvideo-1.5-480p | 2x | lvsa | latency_s_run | 1702.0",
                "hunyuanvideo-1.5-480p | 2x | lvsa | latency_s_ratio | 0.49",
                "hunyuanvideo-1.5-480p | 2x | lvsa | speedup_vs_dense_run | dense OOM",
                "hunyuanvideo-1.5-480p | 2x | lvsa | speedup_vs_dense_paper | dense OOM",
                "hunyuanvideo-1.5-480p | 2x | lvsa | speedup_vs_dense_ratio | n/a",
                "hunyuanvideo-1.5-480p | 2x | lvsa | speedup_vs_riflex_run | riflex OOM",
                "hunyuanvideo-1.5-480p | 2x | lvsa | speedup_vs_ultravico_run | n/a",
                "hunyuanvideo-1.5-480p | 2x | ultravico | latency_s_run | —",
                // one error and one timeout
                "hunyuanvideo-1.5-480p | 1.5x | ultravico | latency_s_run | failed",
                // RIFLEx on HunyuanVideo ran but was never scored
                "hunyuanvideo-1.5-480p | 1x | riflex | latency_s_run | 1154.0",
                "hunyuanvideo-1.5-480p | 1x | riflex | composite_run | —",
            })
    void methodComparisonCellsOnHunyuanVideo(
            String model, String horizon, String method, String column, String expected) {
        assertMethodComparisonCell(model, horizon, method, column, expected);
    }

    private void assertMethodComparisonCell(
            String model, String horizon, String method, String column, String expected) {
        ReportTable t = PaperTables.methodComparison(grid, paper);
        assertThat(text(row(t, "model", model, "horizon", horizon, "method", method), column))
                .isEqualTo(expected);
    }

    @Test
    void methodComparisonHasEveryCellOfTheGridInPaperOrder() {
        ReportTable t = PaperTables.methodComparison(grid, paper);
        assertThat(t.rowCount()).isEqualTo(2 * 3 * 4);
        assertThat(t.rows().subList(0, 4).stream()
                        .map(r -> r.get(t.columnIndex("method")).text()))
                .containsExactly("dense", "riflex", "ultravico", "lvsa");
        assertThat(t.rows().stream()
                        .map(r -> r.get(t.columnIndex("horizon")).text())
                        .distinct())
                .containsExactly("1x", "2x", "4x", "1.5x");
    }

    @Test
    void latencyScalingPutsDenseBesideLvsaPerFrameCount() {
        ReportTable t = PaperTables.latencyScaling(grid, paper);
        Map<String, Cell> wan2x = row(t, "model", WAN, "horizon", "2x");
        // dense mean(230, 234) = 232 vs 437.04; LVSA mean(170, 174) = 172 vs 390.3; speedup 1.349 vs 1.120
        assertThat(List.of(
                        text(wan2x, "frames"),
                        text(wan2x, "dense_s_run"),
                        text(wan2x, "dense_s_paper"),
                        text(wan2x, "dense_s_ratio"),
                        text(wan2x, "lvsa_s_run"),
                        text(wan2x, "lvsa_s_paper"),
                        text(wan2x, "lvsa_s_ratio"),
                        text(wan2x, "lvsa_speedup_run"),
                        text(wan2x, "lvsa_speedup_paper"),
                        text(wan2x, "lvsa_speedup_ratio")))
                .containsExactly("161", "232.0", "437.0", "0.53", "172.0", "390.3", "0.44", "1.35", "1.12", "1.20");
        Map<String, Cell> hv2x = row(t, "model", HV, "horizon", "2x");
        assertThat(hv2x.get("dense_s_run").kind()).isEqualTo(Cell.Kind.OOM);
        assertThat(text(hv2x, "lvsa_speedup_run")).isEqualTo("dense OOM");
        assertThat(t.rowCount()).isEqualTo(6);
    }

    @Test
    void crossModelSpeedupListsEveryModelAndEveryMethodOverDense() {
        ReportTable t = PaperTables.crossModelSpeedup(grid, paper);
        Map<String, Cell> hv1x = row(t, "model", HV, "horizon", "1x");
        // dense mean(1150, 1154) = 1152: LVSA 522 -> 2.207, paper 2251.5 / 1005.16 = 2.240; RIFLEx 1154; UltraViCo 1502
        assertThat(text(hv1x, "lvsa_vs_dense_run")).isEqualTo("2.21");
        assertThat(text(hv1x, "lvsa_vs_dense_paper")).isEqualTo("2.24");
        assertThat(text(hv1x, "lvsa_vs_dense_ratio")).isEqualTo("0.99");
        assertThat(text(hv1x, "riflex_vs_dense_run")).isEqualTo("1.00");
        assertThat(text(hv1x, "ultravico_vs_dense_run")).isEqualTo("0.77");
        assertThat(t.hasColumn("riflex_vs_dense_paper"))
                .as("the paper has no RIFLEx figures")
                .isFalse();
    }

    @Test
    void peakMemoryShowsOomCellsAsOom() {
        ReportTable t = PaperTables.peakMemory(grid, paper);
        Map<String, Cell> hv2x = row(t, "model", HV, "horizon", "2x");
        assertThat(text(hv2x, "dense_gb_run")).isEqualTo("OOM");
        assertThat(text(hv2x, "dense_gb_paper")).isEqualTo("OOM");
        assertThat(text(hv2x, "dense_gb_ratio")).isEqualTo("n/a");
        assertThat(text(hv2x, "riflex_gb_run")).isEqualTo("OOM");
        assertThat(text(hv2x, "ultravico_gb_run")).isEqualTo("—");
        // LVSA mean(60.1, 60.3) = 60.2 vs the paper's 60.358
        assertThat(text(hv2x, "lvsa_gb_run")).isEqualTo("60.2");
        assertThat(text(hv2x, "lvsa_gb_paper")).isEqualTo("60.4");
        assertThat(text(hv2x, "lvsa_gb_ratio")).isEqualTo("1.00");
    }

    @Test
    void qualityTablesCompareEachDimensionWithItsPublishedCounterpart() {
        ReportTable vq = QualityTables.vqeval(grid, paper);
        Map<String, Cell> dense4x = row(vq, "model", WAN, "horizon", "4x", "method", "dense");
        // composite mean(49, 48) = 48.5 vs 50.88; temporal_dynamics mean(30, 28) = 29 vs 42.18
        assertThat(text(dense4x, "composite_run")).isEqualTo("48.5");
        assertThat(text(dense4x, "composite_paper")).isEqualTo("50.9");
        assertThat(text(dense4x, "composite_ratio")).isEqualTo("0.95");
        assertThat(text(dense4x, "temporal_dynamics_run")).isEqualTo("29.0");
        assertThat(text(dense4x, "scored")).isEqualTo("2/2");
        assertThat(vq.hasColumn("frame_similarity_paper"))
                .as("no published counterpart")
                .isFalse();
        // the paper's HunyuanVideo rows have no temporal figure
        assertThat(text(row(vq, "model", HV, "horizon", "1x", "method", "lvsa"), "temporal_coherence_paper"))
                .isEqualTo("n/a");
        assertThat(text(row(vq, "model", HV, "horizon", "1x", "method", "riflex"), "scored"))
                .isEqualTo("0/2");

        ReportTable vb = QualityTables.vbenchLike(grid, paper);
        Map<String, Cell> vbDense4x = row(vb, "model", WAN, "horizon", "4x", "method", "dense");
        // the contrast along one row: loop 37 (low) beside subject consistency mean(0.988, 0.990) = 0.989 (high)
        assertThat(text(vbDense4x, "loop_quality_run")).isEqualTo("37.0");
        assertThat(text(vbDense4x, "subject_consistency_run")).isEqualTo("0.989");
        assertThat(text(vbDense4x, "subject_consistency_paper")).isEqualTo("0.987");
        assertThat(text(vbDense4x, "subject_consistency_ratio")).isEqualTo("1.00");
        assertThat(vb.hasColumn("repeat_ratio_run"))
                .as("the export has repeat_ratio")
                .isTrue();
        assertThat(vb.hasColumn("norepeat_run"))
                .as("the export has no norepeat column")
                .isFalse();
    }

    @Test
    void lvsaJobsOnFlashInferCompareWithThePapersFlashInferRows() {
        String csv = "model,method,horizon,status,total_s,backend\n"
                + "wan2.1-t2v-1.3b,dense,4x,ok,1400,sdpa\n"
                + "wan2.1-t2v-1.3b,lvsa,4x,ok,600,flashinfer\n"
                + "wan2.1-t2v-1.3b,lvsa,2x,ok,300,sdpa-gather\n";
        RunGrid g = new RunGrid(ExportCsv.parse(csv, "fi.csv").jobs());
        ReportTable t = PaperTables.methodComparison(g, TestRuns.paper(g));
        // lvsa-fi at 4x: 621.2 s; the SDPA row (786.66) at 2x: 390.3 s
        assertThat(text(row(t, "horizon", "4x", "method", "lvsa"), "latency_s_paper"))
                .isEqualTo("621.2");
        assertThat(text(row(t, "horizon", "4x", "method", "lvsa"), "latency_s_ratio"))
                .isEqualTo("0.97");
        assertThat(text(row(t, "horizon", "2x", "method", "lvsa"), "latency_s_paper"))
                .isEqualTo("390.3");
    }

    @Test
    void tinyDemoModelsHaveNoPaperCellsAndShowNaNotZero() {
        String csv = "model,method,horizon,status,total_s,composite_score,steps\n"
                + "tiny-wan,dense,1x,ok,2.0,40,4\ntiny-wan,lvsa,1x,ok,2.5,41,4\n";
        RunGrid g = new RunGrid(ExportCsv.parse(csv, "tiny.csv").jobs());
        for (ReportTable t : PaperTables.all(g, TestRuns.paper(g))) {
            for (int c = 0; c < t.columns().size(); c++) {
                ReportTable.Column col = t.columns().get(c);
                if (col.role() == ReportTable.Role.PAPER || col.role() == ReportTable.Role.RATIO) {
                    for (List<Cell> r : t.rows()) {
                        assertThat(r.get(c).text()).as(t.id() + "." + col.key()).isEqualTo("n/a");
                    }
                }
            }
        }
        ReportTable t = PaperTables.methodComparison(g, TestRuns.paper(g));
        assertThat(text(row(t, "method", "lvsa"), "speedup_vs_dense_run")).isEqualTo("0.80");
        assertThat(t.notes()).anyMatch(n -> n.contains("This run used 4 denoising steps, the paper 50"));
    }

    @Test
    void csvAndMarkdownCarryTheSameCells() {
        ReportTable t = PaperTables.peakMemory(grid, paper);
        Table back = Table.read()
                .usingOptions(CsvReadOptions.builder(new StringReader(TableFiles.csv(t)))
                        .columnTypes(c -> ColumnType.STRING)
                        .build());
        assertThat(back.columnNames())
                .containsExactlyElementsOf(
                        t.columns().stream().map(ReportTable.Column::key).toList());
        assertThat(back.rowCount()).isEqualTo(t.rowCount());
        assertThat(back.stringColumn("dense_gb_run").get(5)).isEqualTo("OOM");
        String md = TableFiles.markdown(t);
        assertThat(md)
                .startsWith("## Peak memory\n")
                .contains(
                        "| model | horizon | frames | dense (GB) · this run | dense (GB) · paper | dense (GB) · ratio |")
                .contains("| hunyuanvideo-1.5-480p | 2x | 257 | OOM | OOM | n/a | OOM | — | 60.2 | 60.4 | 1.00 |");
    }
}
