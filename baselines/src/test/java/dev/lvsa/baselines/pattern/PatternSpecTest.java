package dev.lvsa.baselines.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.common.BadInputException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User patterns in JSON and on the command line, and code-defined patterns found through ServiceLoader. */
class PatternSpecTest {
    private static final PatternContext CTX = new PatternContext(41, 21);

    static Path example() throws URISyntaxException {
        return Path.of(PatternSpecTest.class
                .getResource("/specs/window5-anchors8.json")
                .toURI());
    }

    @Test
    void a_spec_file_composes_window_first_frames_and_rotating_anchors() throws Exception {
        PatternSpec.Named n = PatternSpec.load(example());
        assertThat(n.name()).isEqualTo("window5-anchors8");
        FrameMask m = n.pattern().mask(CTX, 0);
        // anchors: frame 0 and 0, 8, ..., 40 (6 periodic) -> 6 frames; window of 11 around the query
        assertThat(m.anchors()).isEqualTo(LvsaSpecConformanceTest.bits(0, 8, 16, 24, 32, 40));
        assertThat(m.intervals(20))
                .containsExactly(
                        new int[] {0, 0}, new int[] {8, 8}, new int[] {15, 25}, new int[] {32, 32}, new int[] {40, 40});
        // rotation moves the grid by one at step 1
        assertThat(n.pattern().mask(CTX, 1).anchors()).isEqualTo(LvsaSpecConformanceTest.bits(0, 1, 9, 17, 25, 33));
    }

    @Test
    void a_one_part_reference_on_the_command_line() {
        PatternSpec.Named lvsa = PatternSpec.resolve("lvsa:window=2,kfi=6,rotate=false");
        assertThat(lvsa.name()).isEqualTo("lvsa");
        LvsaResolved r = ((LvsaPattern) lvsa.pattern()).resolve(CTX);
        assertThat(r.window()).isEqualTo(2);
        assertThat(r.kfi()).isEqualTo(6);
        assertThat(r.kfiAuto()).isFalse();
        assertThat(r.rotate()).isFalse();
        assertThat(PatternSpec.resolve("lvsa").pattern().mask(CTX, 0))
                .isEqualTo(Lvsa.mask(Lvsa.resolve(LvsaParams.defaults(), 41, 21), 0));
        assertThat(PatternSpec.resolve("dense").pattern().mask(CTX, 0).isFull()).isTrue();
        assertThat(PatternSpec.resolve("window:half_width=4,mode=shift")
                        .pattern()
                        .mask(CTX, 0)
                        .rowCount(0))
                .isEqualTo(9);
    }

    @Test
    void code_defined_patterns_are_found_through_service_loader() {
        assertThat(PatternProviders.names()).contains("log_dilated", "test_parity");
        FrameMask parity = PatternSpec.resolve("test_parity").pattern().mask(new PatternContext(6, 3), 0);
        assertThat(parity.intervals(1)).containsExactly(new int[] {1, 1}, new int[] {3, 3}, new int[] {5, 5});
        FrameMask dilated =
                PatternSpec.resolve("log_dilated:window=0,n_first=0").pattern().mask(new PatternContext(20, 9), 0);
        // query 10 attends 10 and 10 +- 1, 2, 4, 8
        assertThat(dilated.row(10)).isEqualTo(LvsaSpecConformanceTest.bits(2, 6, 8, 9, 10, 11, 12, 14, 18));
    }

    @Test
    void a_provider_can_be_a_part_of_a_json_spec() throws Exception {
        var doc = new ObjectMapper()
                .readTree("{\"pattern\": {\"type\": \"intersection\", \"parts\": ["
                        + "{\"type\": \"test_parity\"}, {\"type\": \"window\", \"half_width\": 2}]}}");
        FrameMask m = PatternSpec.parseDocument(doc, "inline", "Parity Window")
                .pattern()
                .mask(new PatternContext(10, 5), 0);
        assertThat(m.row(5)).isEqualTo(LvsaSpecConformanceTest.bits(3, 5, 7));
        assertThat(PatternSpec.parseDocument(doc, "inline", "Parity Window").name())
                .isEqualTo("parity-window");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"pattern\": {\"type\": \"window\"}}                                 | missing field 'half_width'",
                "{\"pattern\": {\"type\": \"window\", \"half_width\": -1}}             | must be >= 0",
                "{\"pattern\": {\"type\": \"window\", \"half_width\": 2, \"width\": 3}} | unknown field 'width'",
                "{\"pattern\": {\"type\": \"window\", \"half_width\": \"2\"}}          | must be an integer",
                "{\"pattern\": {\"type\": \"spiral\"}}                                 | unknown pattern type 'spiral'",
                "{\"pattern\": {\"type\": \"union\", \"parts\": []}}                   | must be a non-empty array",
                "{\"pattern\": {\"type\": \"periodic_anchors\", \"interval\": 0}}      | must be >= 1",
                "{\"pattern\": {\"type\": \"lvsa\", \"sparsity_scale\": 0}}            | must be a number > 0",
                "{\"name\": \"dense\", \"pattern\": {\"type\": \"all\"}}               | reserved",
                "{\"name\": \"Bad Name\", \"pattern\": {\"type\": \"all\"}}            | must match",
                "{\"patern\": {\"type\": \"all\"}}                                     | unknown field 'patern'",
            })
    void a_bad_spec_gets_one_line_naming_the_place(String json, String cause) throws Exception {
        var doc = new ObjectMapper().readTree(json);
        assertThatThrownBy(() -> PatternSpec.parseDocument(doc, "my.json", "x"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("my.json: $")
                .hasMessageContaining(cause)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unreadable_files_and_bad_json_are_bad_input(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PatternSpec.resolve(dir.resolve("none.json").toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such pattern spec file");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"pattern\": ");
        assertThatThrownBy(() -> PatternSpec.resolve(broken.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PatternSpec.resolve("lvsa:window"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not key=value");
        assertThatThrownBy(() -> PatternSpec.resolve("log_dilated:radius=2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown parameter");
    }

    @Test
    void describe_records_the_resolved_knobs() {
        Map<String, Object> d = new LvsaPattern(LvsaParams.defaults()).describe(new PatternContext(121, 21));
        assertThat(d).containsEntry("kfi", 9).containsEntry("kfi_auto", true).containsEntry("window", 3);
    }
}
