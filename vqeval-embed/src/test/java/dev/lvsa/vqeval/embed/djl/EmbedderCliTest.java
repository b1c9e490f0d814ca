package dev.lvsa.vqeval.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.vqeval.cli.VqevalCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vqeval evaluate --embedder} end to end on a tiny colour-blind model the test writes: the semantic
 * channel finds a replay that the pixel channel cannot see, and bad models are one line and exit 2.
 */
class EmbedderCliTest {

    static final int HALF = 96;

    @TempDir
    static Path dir;

    static Path clip;
    static Path model;

    @BeforeAll
    static void write() throws Exception {
        clip = RecolouredReplay.write(dir.resolve("recoloured.mp4"), HALF);
        model = TinyOnnx.colourBlindEncoder(dir.resolve("tiny.onnx"), 224, 7);
        // equal statistics on every channel: the model's channel average stays blind to their order
        Files.writeString(
                dir.resolve("tiny.onnx.json"),
                "{\"kind\": \"generic\", \"size\": 224, \"mean\": [0.5, 0.5, 0.5], \"std\": [0.25, 0.25, 0.25]}");
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = VqevalCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    static List<JsonNode> replays(Path json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : root.path("dimensions").path("loop_quality").path("events")) {
            if (e.path("kind").asText().equals("replay")) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void the_semantic_channel_finds_a_recoloured_replay_the_pixel_channel_misses() throws Exception {
        Path plain = dir.resolve("plain.json");
        Run without = run("evaluate", clip.toString(), "--json", plain.toString());
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(replays(plain)).as("the pixel channel alone sees no replay").isEmpty();

        Path learned = dir.resolve("learned.json");
        Run with = run("evaluate", clip.toString(), "--embedder", model.toString(), "--json", learned.toString());
        assertThat(with.code()).as(with.err()).isZero();
        List<JsonNode> found = replays(learned);
        assertThat(found).as("the semantic channel finds the replay").hasSize(1);
        JsonNode r = found.get(0);
        assertThat(r.path("found_by").asText()).isEqualTo("semantic:generic");
        assertThat(r.path("lag").asInt()).isBetween(HALF - 2, HALF + 2);
        assertThat(r.path("start").asInt()).isBetween(HALF - 4, HALF + 24);
        JsonNode root = new ObjectMapper().readTree(learned.toFile());
        JsonNode facts = root.path("analysis").path("embedders").get(0);
        assertThat(facts.path("frames_embedded").asInt()).isEqualTo(2 * HALF);
        assertThat(facts.path("input").asText()).isEqualTo("224x224");
        assertThat(root.path("dimensions").path("loop_quality").path("score").asDouble())
                .as("the replay costs the clip its loop score")
                .isLessThan(50);
    }

    @Test
    void an_embedder_stride_embeds_fewer_frames_and_still_finds_the_replay() throws Exception {
        Path json = dir.resolve("stride.json");
        Run r = run(
                "evaluate",
                clip.toString(),
                "--embedder",
                model.toString(),
                "--embedder-stride",
                "3",
                "--json",
                json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode facts = new ObjectMapper()
                .readTree(json.toFile())
                .path("analysis")
                .path("embedders")
                .get(0);
        assertThat(facts.path("frames_embedded").asInt()).isEqualTo(2 * HALF / 3);
        assertThat(facts.path("every").asInt()).isEqualTo(3);
        assertThat(replays(json))
                .singleElement()
                .satisfies(e -> assertThat(e.path("lag").asInt()).isBetween(HALF - 3, HALF + 3));
    }

    @Test
    void bad_models_get_one_line_and_exit_2() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model\n");
        Path vector = TinyOnnx.vectorModel(dir.resolve("vector.onnx"));
        String[][] cases = {
            {dir.resolve("missing.onnx").toString(), "no such model file"},
            {text.toString(), "not a model the OnnxRuntime engine can load"},
            {vector.toString(), "does not take (1, 3, 224, 224) images"}
        };
        for (String[] c : cases) {
            Run r = run("evaluate", clip.toString(), "--embedder", c[0]);
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(c[0]).contains(c[1]).doesNotContain("Exception");
        }
        Run engine = run("evaluate", clip.toString(), "--embedder", model.toString(), "--embedder-engine", "PyTorch");
        assertThat(engine.code()).isEqualTo(2);
        assertThat(engine.err().strip()).endsWith("engine 'PyTorch' cannot be loaded here (available: OnnxRuntime)");
    }
}
