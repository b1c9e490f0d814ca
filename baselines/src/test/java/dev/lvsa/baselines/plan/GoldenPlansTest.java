package dev.lvsa.baselines.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden plans in {@code contracts/attention-plan/v1/golden/} are exactly what the planner writes today, and
 * each is valid against the schema and the semantic rules. The worker's tests read the same files, so a change
 * here is a change of the contract: regenerate with {@code -Dgolden.update=true} and say so in the commit.
 */
class GoldenPlansTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final String HOW_TO_UPDATE = "if the planner changed on purpose, regenerate with: mvn -q -pl "
            + "baselines -am test -Dtest=GoldenPlansTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true";

    static Path goldenDir() {
        return Path.of(System.getProperty("basedir", "."))
                .resolve("../contracts/attention-plan/v1/golden")
                .normalize();
    }

    @TestFactory
    Stream<DynamicTest> every_golden_plan_is_regenerated_identically_and_is_valid() {
        return GoldenPlans.all().stream()
                .map(g -> DynamicTest.dynamicTest(g.fileName(), () -> {
                    AttentionPlan plan = g.plan();
                    String json = PlanJson.toJson(plan);
                    JsonNode tree = PlanJson.mapper().readTree(json);
                    assertThat(PlanSchema.validate(tree))
                            .as("schema violations of " + g.fileName())
                            .isEmpty();
                    assertThat(PlanValidator.validate(plan))
                            .as("semantic problems of " + g.fileName())
                            .isEmpty();
                    assertThat(json.length())
                            .as(g.fileName() + " size in bytes")
                            .isLessThan(2_000_000);
                    Path file = goldenDir().resolve(g.fileName());
                    if (UPDATE) {
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, json, StandardCharsets.UTF_8);
                    }
                    assertThat(file)
                            .as(g.fileName() + " missing; " + HOW_TO_UPDATE)
                            .exists();
                    String committed = Files.readString(file, StandardCharsets.UTF_8);
                    assertThat(committed)
                            .as(g.fileName() + " differs from what the planner writes; " + HOW_TO_UPDATE)
                            .isEqualTo(json);
                }));
    }

    @Test
    void the_readme_lists_exactly_the_golden_plans() throws IOException {
        String readme = GoldenPlans.readme();
        Path file = goldenDir().resolve("README.md");
        if (UPDATE) {
            Files.writeString(file, readme, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("golden/README.md; " + HOW_TO_UPDATE)
                .isEqualTo(readme);
    }

    @Test
    void no_stale_plan_files_lie_in_the_golden_folder() throws IOException {
        Set<String> expected = GoldenPlans.all().stream()
                .map(GoldenPlans.Golden::fileName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Stream<Path> s = Files.list(goldenDir())) {
            present = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(present)
                .as("plan files in " + goldenDir() + " that no golden definition makes")
                .isEqualTo(expected);
    }

    @Test
    void committed_plans_read_back_into_the_same_plan() throws IOException {
        for (GoldenPlans.Golden g : List.of(
                GoldenPlans.all().get(0),
                GoldenPlans.all().get(6),
                GoldenPlans.all().get(7))) {
            String text = Files.readString(goldenDir().resolve(g.fileName()), StandardCharsets.UTF_8);
            AttentionPlan read = PlanJson.fromTree(PlanJson.mapper().readTree(text));
            assertThat(PlanJson.toJson(read))
                    .as(g.fileName() + " read and written again")
                    .isEqualTo(text);
            assertThat(PlanValidator.validate(read)).isEmpty();
        }
    }
}
