package dev.lvsa.vqeval.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A range maps its good end to 1 and its bad end to 0, linearly, in either direction. */
class NormRangeTest {

    @ParameterizedTest(name = "good={0} bad={1} value={2} -> {3}")
    @CsvSource({
        "10, 0, 10, 1.0",
        "10, 0, 0, 0.0",
        "10, 0, 5, 0.5",
        "10, 0, 20, 1.0",
        "10, 0, -3, 0.0",
        "0.02, 0.3, 0.02, 1.0",
        "0.02, 0.3, 0.16, 0.5",
        "0.02, 0.3, 0.9, 0.0"
    })
    void goodnessSpec(double good, double bad, double value, double expected) {
        assertThat(new NormRange(good, bad).goodness(value)).isCloseTo(expected, within(1e-9));
        assertThat(new NormRange(good, bad).badness(value)).isCloseTo(1 - expected, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "NaN, 1", "0, Infinity"})
    void degenerateRangesAreRefused(double good, double bad) {
        assertThatThrownBy(() -> new NormRange(good, bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "95, excellent",
        "90, excellent",
        "89.9, good",
        "70, good",
        "50, fair",
        "30, poor",
        "29.9, bad",
        "0, bad"
    })
    void verdicts(double score, String label) {
        assertThat(Verdict.of(score).label()).isEqualTo(label);
    }
}
