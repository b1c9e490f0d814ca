package dev.lvsa.reports.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.common.BadInputException;
import dev.lvsa.reports.TestRuns;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The runner's export CSV as the reports read it: required columns, tolerance, what gets left out. */
class ExportCsvTest {

    @Test
    void theFullRunHasEveryRowWithItsStatusAndNumbers() {
        ExportCsv.Result r = TestRuns.fullRun();
        assertThat(r.jobs()).hasSize(44);
        assertThat(r.warnings()).isEmpty();
        JobRecord first = r.jobs().get(0);
        assertThat(first.jobId()).isEqualTo("wan13b-dense-1x-p1");
        assertThat(first.horizon()).isEqualTo(new Horizon(1));
        assertThat(first.frames()).isEqualTo(81);
        assertThat(first.status()).isEqualTo(JobStatus.OK);
        assertThat(first.number(ExportColumns.TOTAL_S)).isEqualTo(80.0);
        assertThat(first.prompt()).isEqualTo("a corgi running on a beach at sunset");
        assertThat(r.jobs().stream().filter(j -> j.status() == JobStatus.OOM)).hasSize(4);
        assertThat(r.jobs().stream().filter(j -> j.status() == JobStatus.PENDING))
                .hasSize(2);
    }

    @Test
    void aTimedStepsJobShowsTheWorkersEstimateAsItsLatencyAndSaysSo() {
        ExportCsv.Result r = ExportCsv.parse(
                "model,method,horizon,status,total_s,steps,timed_steps,estimated_total_s\n"
                        + "wan2.1-t2v-1.3b,dense,6,ok,120.5,50,3,1460.25\n"
                        + "wan2.1-t2v-1.3b,lvsa,6,ok,300,50,,\n",
                "speed.csv");
        JobRecord timed = r.jobs().get(0);
        JobRecord full = r.jobs().get(1);
        assertThat(timed.number(ExportColumns.LATENCY_S)).isEqualTo(1460.25);
        assertThat(timed.number(ExportColumns.LATENCY_ESTIMATED)).isEqualTo(1.0);
        assertThat(timed.number(ExportColumns.TOTAL_S))
                .as("the measured total stays as measured")
                .isEqualTo(120.5);
        assertThat(full.number(ExportColumns.LATENCY_S)).isEqualTo(300.0);
        assertThat(full.number(ExportColumns.LATENCY_ESTIMATED)).isNaN();
    }

    @Test
    void onlyModelMethodHorizonAndStatusAreRequired() {
        ExportCsv.Result r = ExportCsv.parse("model,method,horizon,status\ntiny-wan,lvsa,2,ok\n", "minimal.csv");
        JobRecord j = r.jobs().get(0);
        assertThat(j.frames()).isEqualTo(-1);
        assertThat(j.number(ExportColumns.TOTAL_S)).isNaN();
        assertThat(j.video()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aMissingRequiredColumnIsOneLineNamingFileAndColumn() {
        assertThatThrownBy(() -> ExportCsv.parse("model,horizon,status\ntiny-wan,2,ok\n", "runs/x/export.csv"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("runs/x/export.csv: not a runner export: missing column method")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ExportCsv.parse("  \n", "empty.csv")).hasMessageContaining("empty.csv: empty file");
    }

    @Test
    void emptyCellsAreEmptyAndBadNumbersAreWarnedAbout() {
        String csv = "model,method,horizon,status,total_s,composite_score,device\n"
                + "m,dense,1x,ok,,55,cuda:0\n"
                + "m,dense,1x,ok,fast,,cuda:1\n";
        ExportCsv.Result r = ExportCsv.parse(csv, "e.csv");
        assertThat(r.jobs()).hasSize(2);
        assertThat(r.jobs().get(0).number(ExportColumns.TOTAL_S)).isNaN();
        assertThat(r.jobs().get(1).number(ExportColumns.TOTAL_S)).isNaN();
        assertThat(r.jobs().get(0).number(ExportColumns.COMPOSITE_SCORE)).isEqualTo(55);
        // total_s is a contract number column: warned; 'device' is an extra text column: not
        assertThat(r.warnings()).containsExactly("e.csv: column total_s: 1 cell(s) are not numbers, read as empty");
    }

    @Test
    void rowsThatCannotBePlacedAreLeftOutWithAWarning() {
        String csv = "model,method,horizon,status\n,dense,1x,ok\nm,,1x,ok\nm,dense,long,ok\nm,dense,2x,ok\n";
        ExportCsv.Result r = ExportCsv.parse(csv, "e.csv");
        assertThat(r.jobs()).hasSize(1);
        assertThat(r.warnings())
                .containsExactly(
                        "e.csv line 2: left out (no model)",
                        "e.csv line 3: left out (no method)",
                        "e.csv line 4: left out (horizon 'long' is not a number)");
    }

    @Test
    void quotedPromptsKeepCommasQuotesAndNewlines() {
        String csv = "model,method,horizon,status,prompt,message\n"
                + "m,lvsa,4x,error,\"a, b \"\"quoted\"\"\nsecond line\",\"RuntimeError: x\"\n";
        JobRecord j = ExportCsv.parse(csv, "q.csv").jobs().get(0);
        assertThat(j.prompt()).isEqualTo("a, b \"quoted\"\nsecond line");
        assertThat(j.status()).isEqualTo(JobStatus.ERROR);
        assertThat(j.message()).isEqualTo("RuntimeError: x");
    }

    @Test
    void statusWordsOutsideTheContractAreKeptAsWritten() {
        JobRecord j = ExportCsv.parse("model,method,horizon,status\nm,lvsa,1,killed\n", "s.csv")
                .jobs()
                .get(0);
        assertThat(j.status()).isEqualTo(JobStatus.OTHER);
        assertThat(j.statusText()).isEqualTo("killed");
        assertThat(JobStatus.parse("")).isEqualTo(JobStatus.PENDING);
        assertThat(JobStatus.parse(" OOM ")).isEqualTo(JobStatus.OOM);
    }

    @Test
    void aHeaderOnlyExportIsARunWithoutJobs() {
        assertThat(ExportCsv.parse("model,method,horizon,status\n", "h.csv").jobs())
                .isEmpty();
    }

    @Test
    void horizonsAreNumbersWhicheverWayTheyAreWritten() {
        for (String s : List.of("4", "4x", "4.0", "4X", " 4.00x ")) {
            assertThat(Horizon.parse(s)).as(s).isEqualTo(new Horizon(4));
        }
        assertThat(Horizon.parse("1.5x").label()).isEqualTo("1.5x");
        assertThat(Horizon.parse("0")).isNull();
        assertThat(Horizon.parse("-2")).isNull();
        assertThat(Horizon.parse("x")).isNull();
    }

    @Property
    void aHorizonReadsBackFromItsLabel(@ForAll @IntRange(min = 1, max = 400) int quarters) {
        Horizon h = new Horizon(quarters / 4.0);
        assertThat(Horizon.parse(h.label())).isEqualTo(h);
        assertThat(h.label()).endsWith("x").doesNotContain("E");
    }
}
