package dev.lvsa.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.common.BadInputException;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake in an experiment file is one line naming the file, the key and the cause; the CLI exits with 2.
 * The table below is the spec: a broken file (a valid base with one change) and words the message must hold.
 */
class ExperimentErrorsTest {
    static final String BASE = """
            models: [tiny-wan]
            methods: [dense, lvsa]
            horizons: [1, 2]
            prompt_sets: [demo-1]
            steps: 4
            device: cpu
            """;

    /** Mistakes in models and methods (the table goes on in {@link #moreMistakes}). */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown model", BASE.replace("[tiny-wan]", "[tiny-wam]"), new String[] {
                    "models[0]", "tiny-wam", "unknown"
                }),
                Arguments.of(
                        "real model without a path",
                        BASE.replace("[tiny-wan]", "[wan2.1-t2v-1.3b]"),
                        new String[] {"models[0]", "needs a 'path'"}),
                Arguments.of(
                        "dummy weights with a path",
                        BASE.replace("[tiny-wan]", "[{name: wan2.1-t2v-1.3b, weights: dummy, path: /models/wan}]"),
                        new String[] {"models[0]", "weights: dummy builds the model from the registry: give no 'path'"
                        }),
                Arguments.of(
                        "text without dummy weights",
                        BASE.replace("[tiny-wan]", "[{name: tiny-wan, text: dummy-embeddings}]"),
                        new String[] {"models[0].text", "only with weights: dummy"}),
                Arguments.of(
                        "unknown weights",
                        BASE.replace("[tiny-wan]", "[{name: tiny-wan, weights: random}]"),
                        new String[] {"models[0].weights", "expected dummy", "got random"}),
                Arguments.of("unknown method", BASE.replace("[dense, lvsa]", "[dense, lvsb]"), new String[] {
                    "methods[1]", "lvsb", "unknown"
                }),
                Arguments.of(
                        "knob of another method",
                        BASE.replace("[dense, lvsa]", "[{method: dense, window: 2}]"),
                        new String[] {"methods[0].window", "not a knob of dense"}),
                Arguments.of(
                        "knob out of range",
                        BASE.replace("[dense, lvsa]", "[{method: lvsa, window: -1}]"),
                        new String[] {"methods[0].window", "below the minimum"}),
                Arguments.of(
                        "rotate spelled twice",
                        BASE.replace("[dense, lvsa]", "[{method: lvsa, rotate: true, rotation: false}]"),
                        new String[] {"methods[0].rotation", "give 'rotate' only", "deprecated"}),
                Arguments.of(
                        "rotate on another method",
                        BASE.replace("[dense, lvsa]", "[{method: riflex, rotate: true}]"),
                        new String[] {"methods[0].rotate", "not a knob of riflex"}),
                Arguments.of("bad kfi", BASE.replace("[dense, lvsa]", "[{method: lvsa, kfi: often}]"), new String[] {
                    "methods[0].kfi", "auto or a whole number"
                }),
                Arguments.of(
                        "missing pattern file",
                        BASE.replace("[dense, lvsa]", "[{pattern: nope.json}]"),
                        new String[] {"methods[0].pattern", "nope.json"}));
    }

    /** Mistakes in prompts, lengths and the run's settings (the table ends in {@link #speedAndDeviceMistakes}). */
    static Stream<Arguments> moreMistakes() {
        return Stream.of(
                Arguments.of("unknown prompt set", BASE.replace("[demo-1]", "[demo-2]"), new String[] {
                    "prompt_sets", "demo-2", "unknown"
                }),
                Arguments.of(
                        "no prompts", BASE.replace("prompt_sets: [demo-1]\n", ""), new String[] {"prompts", "missing"}),
                Arguments.of("duplicate prompt id", BASE + "prompts: [{id: demo-kite, text: again}]\n", new String[] {
                    "demo-kite", "twice"
                }),
                Arguments.of("frames not 4k+1", BASE.replace("horizons: [1, 2]", "frames: [34]"), new String[] {
                    "frames", "34", "4k+1"
                }),
                Arguments.of("height not a multiple", BASE + "height: 65\n", new String[] {"height", "65"}),
                Arguments.of("negative horizon", BASE.replace("[1, 2]", "[1, -2]"), new String[] {
                    "horizons", "greater than 0"
                }),
                Arguments.of(
                        "steps zero", BASE.replace("steps: 4", "steps: 0"), new String[] {"steps", "below the minimum"
                        }),
                Arguments.of("misspelt key", BASE + "stesp: 4\n", new String[] {"unknown key 'stesp'"}),
                Arguments.of("unknown device", BASE.replace("device: cpu", "device: tpu"), new String[] {
                    "device", "tpu", "cpu, cuda"
                }),
                Arguments.of("unknown backend", BASE + "backend: magic\n", new String[] {"backend", "magic"}),
                Arguments.of("text where a number goes", BASE + "guidance: high\n", new String[] {
                    "guidance", "expected a number"
                }),
                Arguments.of("unknown scoring dimension", BASE + "scoring: {weights: {beauty: 1}}\n", new String[] {
                    "scoring.weights.beauty", "unknown dimension"
                }),
                Arguments.of("broken YAML", "models: [tiny-wan\nmethods: [dense]\n", new String[] {"not valid YAML"}),
                Arguments.of("not a mapping", "- tiny-wan\n", new String[] {"mapping"}));
    }

    /** Mistakes in the speed-run and multi-device keys (timed_steps, memory_cap_gb, devices_per_job). */
    static Stream<Arguments> speedAndDeviceMistakes() {
        return Stream.of(
                Arguments.of("timed_steps zero", BASE + "timed_steps: 0\n", new String[] {
                    "timed_steps", "below the minimum 1"
                }),
                Arguments.of(
                        "memory cap not positive",
                        BASE.replace("device: cpu", "device: cuda") + "memory_cap_gb: 0\n",
                        new String[] {"memory_cap_gb"}),
                Arguments.of("memory cap on the cpu", BASE + "memory_cap_gb: 80\n", new String[] {
                    "memory_cap_gb", "needs device cuda, npu or auto, not cpu"
                }),
                Arguments.of("devices_per_job zero", BASE + "devices_per_job: 0\n", new String[] {
                    "devices_per_job", "below the minimum 1"
                }),
                Arguments.of("devices_per_job not dividing the heads", BASE + "devices_per_job: 3\n", new String[] {
                    "devices_per_job",
                    "3 does not divide the 2 attention heads of tiny-wan",
                    "attention_heads in contracts/models/tiny-models.json",
                    "use one of 1, 2"
                }),
                Arguments.of(
                        "devices_per_job not dividing a real model's heads",
                        BASE.replace("[tiny-wan]", "[{name: wan2.1-t2v-1.3b, path: /m/wan}]")
                                        .replace("steps: 4", "steps: 4\nheight: 480\nwidth: 832")
                                + "devices_per_job: 5\n",
                        new String[] {
                            "devices_per_job",
                            "5 does not divide the 12 attention heads of wan2.1-t2v-1.3b",
                            "num_attention_heads in contracts/models/real-models.json",
                            "1, 2, 3, 4, 6, 12"
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"mistakes", "moreMistakes", "speedAndDeviceMistakes"})
    void a_mistake_is_one_line_naming_key_and_cause(String what, String yaml, String[] words, @TempDir Path dir)
            throws IOException {
        Path f = Experiments.write(dir, "exp.yaml", yaml);
        assertThatThrownBy(() -> ExperimentLoader.load(f))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith(f.toString() + ": ").contains(words);
                    assertThat(e.getMessage().lines()).hasSize(1);
                });
    }

    @Test
    void the_cli_prints_one_line_and_exits_2(@TempDir Path dir) throws IOException {
        Path f = Experiments.write(dir, "exp.yaml", BASE.replace("[dense, lvsa]", "[dense, lvsb]"));
        Cli.Result r = Cli.run("run", f.toString(), "--out", dir.resolve("run").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("methods[1]").contains("lvsb");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void a_missing_file_is_named(@TempDir Path dir) {
        Cli.Result r = Cli.run(
                "run",
                dir.resolve("none.yaml").toString(),
                "--out",
                dir.resolve("run").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("none.yaml").contains("no such experiment file");
    }
}
