package dev.lvsa.baselines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.baselines.plan.PlanBackend;
import dev.lvsa.baselines.plan.PlanJson;
import dev.lvsa.baselines.plan.PlanSchema;
import dev.lvsa.baselines.plan.PlanValidator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pattern subcommands end to end, in-process. */
class PatternCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void models_json_lists_every_model_with_its_geometry() throws Exception {
        CliRun r = CliRun.of("models", "--json");
        assertThat(r.code()).isZero();
        JsonNode models = JSON.readTree(r.out());
        assertThat(models).hasSize(8);
        for (JsonNode m : models) {
            assertThat(m.has("name")
                            && m.has("reference_frames")
                            && m.has("height")
                            && m.has("width")
                            && m.has("tokens_per_frame"))
                    .as(m.toString())
                    .isTrue();
        }
        JsonNode wan = models.get(0);
        assertThat(wan.get("name").asText()).isEqualTo("wan2.1-t2v-1.3b");
        assertThat(wan.get("reference_frames").asInt()).isEqualTo(81);
        assertThat(wan.get("tokens_per_frame").asInt()).isEqualTo(1560);
        assertThat(CliRun.of("models").out()).contains("hunyuanvideo-1.5-480p").contains("(sizes nominal)");
    }

    @Test
    void analyze_json_has_the_documented_fields() throws Exception {
        CliRun r = CliRun.of("analyze", "--model", "wan2.1-t2v-1.3b", "--frames", "481", "--json");
        assertThat(r.code()).isZero();
        JsonNode a = JSON.readTree(r.out());
        assertThat(a.get("latent_frames").asInt()).isEqualTo(121);
        assertThat(a.get("tokens_per_frame").asInt()).isEqualTo(1560);
        assertThat(a.get("kfi").asInt()).isEqualTo(9);
        assertThat(a.get("density").asDouble()).isBetween(0.1735, 0.1736);
        assertThat(a.get("mean_density").asDouble())
                .isGreaterThan(a.get("density").asDouble());
        assertThat(a.get("attention_flops_dense").asDouble())
                .isGreaterThan(a.get("attention_flops").asDouble());
        assertThat(a.get("compute_reduction").asDouble()).isBetween(4.0, 4.5);
        assertThat(a.get("anchor_full_coverage_step").asInt()).isEqualTo(8);
        JsonNode dense = JSON.readTree(
                CliRun.of("analyze", "--model", "wan2.1-t2v-1.3b", "--frames", "161", "--method", "dense", "--json")
                        .out());
        assertThat(dense.get("kfi").isNull()).isTrue();
        JsonNode fixed = JSON.readTree(
                CliRun.of("analyze", "--model", "wan2.1-t2v-1.3b", "--frames", "161", "--no-rotation", "--json")
                        .out());
        assertThat(fixed.get("anchor_full_coverage_step").isNull()).isTrue();
    }

    @Test
    void analyze_text_is_readable() {
        CliRun r = CliRun.of("analyze", "--model", "hunyuanvideo-1.5-480p", "--frames", "193");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("T=49 latent").contains("kfi=2 (auto)").contains("1985 text tokens");
    }

    @Test
    void plan_writes_a_valid_plan_atomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.json");
        CliRun r = CliRun.of(
                "plan", "--model", "wan2.1-t2v-1.3b", "--frames", "321", "--method", "lvsa", "--out", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 distinct masks");
        JsonNode plan = PlanJson.mapper().readTree(Files.readString(file));
        assertThat(PlanSchema.validate(plan)).isEmpty();
        assertThat(PlanValidator.validate(PlanJson.fromTree(plan))).isEmpty();
        assertThat(plan.at("/geometry/latent_frames").asInt()).isEqualTo(81);
        assertThat(plan.at("/method_params/kfi").asInt()).isEqualTo(6);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file);
        }
        // a second write replaces the first
        assertThat(CliRun.of(
                                "plan",
                                "--model",
                                "tiny-wan",
                                "--frames",
                                "33",
                                "--method",
                                "riflex",
                                "--riflex-n",
                                "7",
                                "--out",
                                file.toString())
                        .code())
                .isZero();
        assertThat(PlanJson.mapper()
                        .readTree(Files.readString(file))
                        .at("/rope_transform/repeat_latent_frames")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void plan_from_a_user_spec(@TempDir Path dir) throws Exception {
        Path spec =
                Path.of(getClass().getResource("/specs/window5-anchors8.json").toURI());
        CliRun r = CliRun.of("plan", "--model", "tiny-hv15", "--frames", "65", "--pattern", spec.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode plan = PlanJson.mapper().readTree(r.out());
        assertThat(plan.get("method").asText()).isEqualTo("window5-anchors8");
        assertThat(PlanSchema.validate(plan)).isEmpty();
        assertThat(plan.at("/method_params/spec/pattern/type").asText()).isEqualTo("union");
    }

    @Test
    void show_prints_ascii_and_writes_png(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("mask.png");
        CliRun r = CliRun.of(
                "show", "--model", "wan2.1-t2v-1.3b", "--frames", "161", "--step", "1", "--png", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("step 1 of 50").contains("A=anchor");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(41 * 8);
        Path all = dir.resolve("all.png");
        assertThat(CliRun.of("show", "--model", "tiny-wan", "--frames", "65", "--png", all.toString(), "--all-steps")
                        .code())
                .isZero();
        assertThat(ImageIO.read(all.toFile()).getHeight()).isEqualTo(17 * 8);
    }

    @Test
    void help_and_version_everywhere() {
        for (String sub : new String[] {"models", "show", "analyze", "check", "plan"}) {
            assertThat(CliRun.of(sub, "--help").code()).isZero();
            assertThat(CliRun.of(sub, "--version").out())
                    .startsWith("pattern ")
                    .contains("(lvsa-toolkit, attention plan schema v1)");
        }
        assertThat(CliRun.of().code()).isEqualTo(2);
        assertThat(CliRun.of("plan", "--help").out().replaceAll("\\s+", " "))
                .contains("kernel backend: " + String.join(", ", PlanBackend.NAMES) + " (default auto);");
    }

    @Test
    void verbose_shows_the_stack_trace() {
        CliRun r = CliRun.of("analyze", "--model", "wan9", "--frames", "81", "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("BadInputException").contains("\tat ");
    }
}
