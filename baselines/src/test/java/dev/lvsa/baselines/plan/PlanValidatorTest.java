package dev.lvsa.baselines.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.baselines.method.LvsaMethod;
import dev.lvsa.baselines.method.PlanBuilder;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.pattern.LvsaParams;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Broken plans are caught: by the JSON Schema where it can say so, by the semantic validator otherwise. */
class PlanValidatorTest {
    private static ObjectNode validPlan() {
        var g = ModelRegistry.standard().get("tiny-wan").geometry(65, null, null);
        return (ObjectNode)
                PlanJson.toTree(PlanBuilder.build(new LvsaMethod(LvsaParams.defaults()).plan(g, 4), "auto"));
    }

    private static List<String> semanticProblems(Consumer<ObjectNode> breakIt) throws Exception {
        ObjectNode plan = validPlan();
        breakIt.accept(plan);
        assertThat(PlanSchema.validate(plan)).as("still schema-valid").isEmpty();
        return PlanValidator.validate(PlanJson.fromTree(plan));
    }

    private static List<String> schemaProblems(Consumer<ObjectNode> breakIt) {
        ObjectNode plan = validPlan();
        breakIt.accept(plan);
        return PlanSchema.validate(plan);
    }

    private static ArrayNode row(ObjectNode plan, int q) {
        return (ArrayNode) plan.at("/mask/patterns/0/rows").get(q);
    }

    @Test
    void a_valid_plan_has_no_problems() throws Exception {
        assertThat(semanticProblems(p -> {})).isEmpty();
    }

    @Test
    void semantic_rules() throws Exception {
        assertThat(semanticProblems(p -> ((ObjectNode) p.get("geometry")).put("latent_frames", 16)))
                .anyMatch(s -> s.contains("latent_frames 16"));
        assertThat(semanticProblems(p -> ((ObjectNode) p.get("geometry")).put("tokens_per_frame", 25)))
                .anyMatch(s -> s.contains("tokens_per_frame 25"));
        assertThat(semanticProblems(p -> ((ObjectNode) p.get("geometry")).put("height", 72)))
                .anyMatch(s -> s.contains("frame_grid"));
        assertThat(semanticProblems(p -> ((ArrayNode) p.at("/mask/patterns/0/rows")).remove(16)))
                .anyMatch(s -> s.contains("16 rows for latent_frames 17"));
        // [[0,7],[16,16]] -> [[0,7],[8,16]]: adjacent intervals must be merged
        assertThat(semanticProblems(p -> ((ArrayNode) row(p, 0).get(1)).set(0, 8)))
                .anyMatch(s -> s.contains("adjoins"));
        assertThat(semanticProblems(p -> ((ArrayNode) row(p, 0).get(1)).set(1, 17)))
                .anyMatch(s -> s.contains("outside [0, 16]"));
        assertThat(semanticProblems(p -> ((ArrayNode) p.at("/mask/step_patterns")).add(0)))
                .anyMatch(s -> s.contains("5 entries for 4 steps"));
        assertThat(semanticProblems(p -> ((ArrayNode) p.at("/mask/step_patterns")).set(3, 9)))
                .anyMatch(s -> s.contains("not an index"));
        assertThat(semanticProblems(p -> ((ArrayNode) p.at("/expected/frame_density_per_step")).remove(0)))
                .anyMatch(s -> s.contains("frame_density_per_step has 3 entries"));
    }

    @Test
    void schema_rules() {
        assertThat(schemaProblems(p -> ((ObjectNode) p.get("backend")).put("on_unavailable", "fallback")))
                .isNotEmpty();
        assertThat(schemaProblems(p -> p.remove("geometry"))).isNotEmpty();
        assertThat(schemaProblems(p -> p.put("schema_version", 2))).isNotEmpty();
        assertThat(schemaProblems(p -> p.put("method", "Not A Name"))).isNotEmpty();
        assertThat(schemaProblems(p -> p.put("surprise", true))).isNotEmpty();
        assertThat(schemaProblems(p -> ((ArrayNode) row(p, 0).get(0)).add(3))).isNotEmpty();
        JsonNode ok = validPlan();
        assertThat(PlanSchema.validate(ok)).isEmpty();
    }
}
