package dev.lvsa.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules every table shares for ratios and speedups, as a spec table. */
class TableCellsTest {

    private static final Cell TWO = Cell.number(2.0, 1);
    private static final Cell FOUR = Cell.number(4.0, 1);

    @Test
    void ratioIsRunOverPaperWhereBothHaveAFigure() {
        assertThat(TableCells.ratio(TWO, FOUR).text()).isEqualTo("0.50");
        assertThat(TableCells.ratio(TWO, Cell.notApplicable()).text()).isEqualTo("n/a");
        assertThat(TableCells.ratio(TWO, Cell.oom()).text()).isEqualTo("n/a");
        assertThat(TableCells.ratio(Cell.missing(), FOUR).text()).isEqualTo("—");
        assertThat(TableCells.ratio(Cell.oom(), FOUR).text()).isEqualTo("—");
        assertThat(TableCells.ratio(Cell.pending(), Cell.notApplicable()).text())
                .isEqualTo("n/a");
    }

    @Test
    void speedupIsBaselineOverMethod() {
        assertThat(TableCells.speedup("dense", FOUR, TWO).text()).isEqualTo("2.00");
        assertThat(TableCells.speedup("dense", Cell.oom(), TWO).text()).isEqualTo("dense OOM");
        assertThat(TableCells.speedup("dense", Cell.notApplicable(), TWO).text())
                .isEqualTo("n/a");
        assertThat(TableCells.speedup("dense", Cell.pending(), TWO).text()).isEqualTo("n/a");
        assertThat(TableCells.speedup("dense", FOUR, Cell.oom()).text()).isEqualTo("OOM");
        assertThat(TableCells.speedup("dense", FOUR, Cell.missing()).text()).isEqualTo("—");
    }

    @Test
    void numbersAreRoundedHalfUpAndNeverShowMinusZero() {
        assertThat(Cell.number(2.345, 2).text()).isEqualTo("2.35");
        assertThat(Cell.number(-0.0001, 2).text()).isEqualTo("0.00");
        assertThat(Cell.number(Double.NaN, 1).kind()).isEqualTo(Cell.Kind.MISSING);
    }
}
