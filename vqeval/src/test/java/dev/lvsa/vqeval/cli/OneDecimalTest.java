package dev.lvsa.vqeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The one-line summary writes scores as {@code %.1f} would, without java.util.Formatter. */
class OneDecimalTest {

    private static String formatted(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Property
    void scoresReadAsFormatterWritesThem(@ForAll @DoubleRange(min = -1000, max = 1000) double v) {
        assertEquals(formatted(v), EvaluateCommand.oneDecimal(v));
    }

    @Property
    void halvesAtTheSecondDecimalRoundLikeFormatter(@ForAll @DoubleRange(min = -100, max = 100) double v) {
        double halfway = Math.round(v * 100) / 100.0 + 0.05; // x.y5 and its binary neighbours
        assertEquals(formatted(halfway), EvaluateCommand.oneDecimal(halfway));
        assertEquals(formatted(Math.nextUp(halfway)), EvaluateCommand.oneDecimal(Math.nextUp(halfway)));
        assertEquals(formatted(Math.nextDown(halfway)), EvaluateCommand.oneDecimal(Math.nextDown(halfway)));
    }

    @Test
    void edgeValues() {
        for (double v : new double[] {
            0.0, -0.0, -0.04, 0.05, 0.15, 0.25, 2.675, 99.95, 100.0, 41.45, 1e-9, Double.NaN, Double.POSITIVE_INFINITY
        }) {
            assertEquals(formatted(v), EvaluateCommand.oneDecimal(v), "value " + v);
        }
    }
}
