package dev.lvsa.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.TestRuns;
import dev.lvsa.reports.run.ExportColumns;
import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.reports.run.JobRecord;
import dev.lvsa.reports.run.RunGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The speedup's spread from the per-step times, and "within noise" where it holds 1.0. */
class StepNoiseTest {

    /** The demo run's 1x timings (tiny-wan on a CPU): dense and LVSA steps overlap; a 2x run where LVSA is clearly faster. */
    private static final String CSV = """
      model,method,horizon,frames,status,total_s,steps_run,step_latency_s
      tiny,dense,1,33,ok,0.6751,4,"[0.0148,0.0138,0.0144,0.0132]"
      tiny,lvsa,1,33,ok,0.6130,4,"[0.0211,0.0141,0.0153,0.0078]"
      tiny,dense,2,65,ok,2.0,4,"[0.050,0.052,0.049,0.051]"
      tiny,lvsa,2,65,ok,1.0,4,"[0.024,0.025,0.026,0.025]"
      tiny,riflex,2,65,oom,,,
      """;

    private static RunGrid grid() {
        return new RunGrid(ExportCsv.parse(CSV, "t.csv").jobs());
    }

    @Test
    void stepTimesAreReadIntoFastestMeanAndSlowestWithoutTheWarmUpStep() {
        JobRecord dense = ExportCsv.parse(CSV, "t.csv").jobs().get(0);
        // the first step (0.0148) is the job's warm-up and is left out
        assertThat(dense.number(ExportColumns.STEP_MIN_S)).isEqualTo(0.0132);
        assertThat(dense.number(ExportColumns.STEP_MAX_S)).isEqualTo(0.0144);
        assertThat(dense.number(ExportColumns.STEP_MEAN_S))
                .isCloseTo(0.0138, org.assertj.core.data.Offset.offset(1e-9));
        // no warning about a non-number in step_latency_s
        assertThat(ExportCsv.parse(CSV, "t.csv").warnings()).isEmpty();
    }

    @Test
    void aSpeedupWhoseRangeHoldsOneIsWithinNoise() {
        ReportTable t = StepNoise.table(grid());
        assertThat(t).isNotNull();
        assertThat(t.rows()).hasSize(2);
        List<Cell> at1 = t.rows().get(0);
        List<Cell> at2 = t.rows().get(1);
        int verdict = at1.size() - 1;
        // 1x, first steps left out: 0.0132/0.0153 = 0.86 up to 0.0144/0.0078 = 1.85: holds 1.0
        assertThat(at1.get(verdict).text()).isEqualTo(StepNoise.WITHIN_NOISE);
        assertThat(at1.get(verdict - 1).text()).isEqualTo("0.86–1.85");
        // 2x: 0.049/0.026 = 1.88 up to 0.052/0.025 = 2.08: faster, whatever the step
        assertThat(at2.get(verdict).text()).isEqualTo(StepNoise.FASTER);
        assertThat(StepNoise.verdict(0.5, 0.9)).isEqualTo(StepNoise.SLOWER);
    }

    @Test
    void withoutStepTimesThereIsNoTable() {
        assertThat(StepNoise.table(TestRuns.fullGrid())).isNull();
    }
}
