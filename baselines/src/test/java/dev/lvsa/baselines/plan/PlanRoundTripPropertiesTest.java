package dev.lvsa.baselines.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.baselines.method.AttentionMethod;
import dev.lvsa.baselines.method.DenseMethod;
import dev.lvsa.baselines.method.LvsaMethod;
import dev.lvsa.baselines.method.MethodPlan;
import dev.lvsa.baselines.method.PlanBuilder;
import dev.lvsa.baselines.method.RiflexMethod;
import dev.lvsa.baselines.method.UltraVicoMethod;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.baselines.pattern.LvsaParams;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any plan the planner writes is valid against the schema and the contract's rules, reads back into the same
 * document, and its frame blocks decode into exactly the method's masks.
 */
class PlanRoundTripPropertiesTest {

    @Provide
    Arbitrary<AttentionMethod> methods() {
        Arbitrary<AttentionMethod> lvsa = Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                                Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, 12).injectNull(0.4), Arbitraries.of(true, false),
                        Arbitraries.doubles().between(0.3, 2.0), Arbitraries.of(true, false))
                .as((w, n, k, rot, s, exp) -> new LvsaMethod(new LvsaParams(w, n, k, rot, s, exp)));
        Arbitrary<AttentionMethod> riflex = Combinators.combine(
                        Arbitraries.integers().between(1, 60).injectNull(0.5),
                        Arbitraries.integers().between(1, 22).injectNull(0.5),
                        Arbitraries.doubles().between(0.5, 1.0))
                .as(RiflexMethod::new);
        Arbitrary<AttentionMethod> ultravico =
                Arbitraries.doubles().between(0.05, 0.95).map(UltraVicoMethod::new);
        return Arbitraries.oneOf(lvsa, lvsa, riflex, ultravico, Arbitraries.just(new DenseMethod()));
    }

    @Property(tries = 150)
    void a_plan_round_trips_through_the_schema(
            @ForAll("methods") AttentionMethod method,
            @ForAll("tinyModels") String model,
            @ForAll @IntRange(min = 0, max = 40) int k,
            @ForAll @IntRange(min = 1, max = 12) int steps)
            throws Exception {
        Geometry g = ModelRegistry.standard().get(model).geometry(4 * k + 1, null, null);
        MethodPlan mp = method.plan(g, steps);
        AttentionPlan plan = PlanBuilder.build(mp, "auto");

        String json = PlanJson.toJson(plan);
        JsonNode tree = PlanJson.mapper().readTree(json);
        assertThat(PlanSchema.validate(tree)).isEmpty();
        assertThat(PlanValidator.validate(plan)).isEmpty();

        AttentionPlan read = PlanJson.fromTree(tree);
        assertThat(PlanJson.toJson(read)).isEqualTo(json);
        assertThat(PlanValidator.validate(read)).isEmpty();

        if (read.mask() instanceof FrameBlocksMask fb) {
            for (int s = 0; s < steps; s++) {
                List<List<int[]>> rows = new ArrayList<>();
                for (List<List<Integer>> row :
                        fb.patterns().get(fb.stepPatterns().get(s)).rows()) {
                    rows.add(row.stream()
                            .map(iv -> new int[] {iv.get(0), iv.get(1)})
                            .toList());
                }
                assertThat(FrameMask.fromIntervals(g.latentFrames(), rows))
                        .as("step %d", s)
                        .isEqualTo(mp.mask(s));
            }
        } else {
            assertThat(mp.stepMasks()).allSatisfy(m -> assertThat(m.isFull()).isTrue());
        }
    }

    @Provide
    Arbitrary<String> tinyModels() {
        return Arbitraries.of("tiny-wan", "tiny-wan22", "tiny-hv15");
    }
}
