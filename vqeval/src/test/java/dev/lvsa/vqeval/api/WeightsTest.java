package dev.lvsa.vqeval.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weights come as name=value,...; every mistake is one message naming the bad entry. */
class WeightsTest {

    private static final Set<String> KNOWN = Set.of("loop_quality", "temporal_dynamics", "frame_similarity");

    @Test
    void parsesNamesAndValues() {
        Weights w = Weights.parse(" loop_quality=0.5, temporal_dynamics = 0 ", KNOWN);
        assertThat(w.overrides()).containsEntry("loop_quality", 0.5).containsEntry("temporal_dynamics", 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nonsense=1 | unknown dimension 'nonsense'",
                "loop_quality=-1 | must be a finite number >= 0",
                "loop_quality=abc | is not a number",
                "loop_quality | is not name=value",
                "loop_quality=1,loop_quality=2 | given twice",
                "loop_quality=NaN | must be a finite number >= 0"
            })
    void mistakesAreNamed(String text, String message) {
        assertThatThrownBy(() -> Weights.parse(text, KNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
