package dev.lvsa.baselines.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.baselines.ContractFiles;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backend names come from {@code contracts/backends.json}; the plan schema's {@code backend.name} enum (JSON
 * Schema cannot import it) must hold exactly its {@code in_plan} names, in the same order.
 */
class PlanBackendTest {
    @Test
    void the_schema_enum_equals_the_plan_names_of_backends_json() {
        List<String> schemaEnum = new ArrayList<>();
        JsonNode schema = ContractFiles.read(PlanSchema.V1_RESOURCE);
        schema.at("/properties/backend/properties/name/enum").forEach(n -> schemaEnum.add(n.asText()));
        assertThat(schemaEnum)
                .as(
                        "%s backend.name enum vs the in_plan names of %s",
                        PlanSchema.V1_RESOURCE, PlanBackend.BACKENDS_RESOURCE)
                .isNotEmpty()
                .isEqualTo(PlanBackend.NAMES);
    }

    @Test
    void every_entry_has_a_meaning_and_all_holds_the_plan_names_and_the_overrides() {
        for (JsonNode b : ContractFiles.read(PlanBackend.BACKENDS_RESOURCE).path("backends")) {
            assertThat(b.path("meaning").asText("")).as(b.toString()).isNotBlank();
        }
        assertThat(PlanBackend.ALL)
                .containsAll(PlanBackend.NAMES)
                .doesNotHaveDuplicates()
                .contains("auto");
    }

    @Test
    void a_plan_takes_its_names_and_refuses_override_only_ones_listing_the_known() {
        PlanBackend.NAMES.forEach(PlanBackend::of);
        List<String> overrides = new ArrayList<>(PlanBackend.ALL);
        overrides.removeAll(PlanBackend.NAMES);
        assertThat(overrides).as("the worker-only overrides").isNotEmpty();
        for (String name : overrides) {
            assertThatThrownBy(() -> PlanBackend.of(name))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(
                            "backend '" + name + "' is unknown (known: " + String.join(", ", PlanBackend.NAMES) + ")");
        }
    }
}
