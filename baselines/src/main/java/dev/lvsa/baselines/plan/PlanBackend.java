package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.baselines.ContractFiles;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel backend wanted; {@code on_unavailable} is always {@code fail}: never a silent fallback. The backend names
 * are read from {@code contracts/backends.json}, which the Python worker reads too.
 */
@JsonPropertyOrder({"name", "on_unavailable"})
public record PlanBackend(
        @JsonProperty("name") String name,
        @JsonProperty("on_unavailable") String onUnavailable) {
    /** Classpath location of the backend names (the repository's {@code contracts/} folder is a resource root). */
    public static final String BACKENDS_RESOURCE = "/contracts/backends.json";
    /** Every backend name a job may ask for, in file order: the plan's names and the worker-only overrides. */
    public static final List<String> ALL;
    /** Backend names a plan may carry ({@code in_plan}; schema v1's {@code backend.name} enum holds the same). */
    public static final List<String> NAMES;

    static {
        List<String> all = new ArrayList<>();
        List<String> inPlan = new ArrayList<>();
        for (JsonNode b : ContractFiles.read(BACKENDS_RESOURCE).path("backends")) {
            String name = b.path("name").asText("");
            JsonNode plan = b.path("in_plan");
            if (name.isEmpty() || !plan.isBoolean() || all.contains(name)) {
                throw new IllegalStateException(
                        BACKENDS_RESOURCE + ": entry " + b + " needs a name of its own and a " + "boolean in_plan");
            }
            all.add(name);
            if (plan.asBoolean()) {
                inPlan.add(name);
            }
        }
        if (inPlan.isEmpty()) {
            throw new IllegalStateException(BACKENDS_RESOURCE + " lists no backend a plan may carry");
        }
        ALL = List.copyOf(all);
        NAMES = List.copyOf(inPlan);
    }

    public PlanBackend {
        if (!NAMES.contains(name)) {
            throw new BadInputException("backend '" + name + "' is unknown (known: " + String.join(", ", NAMES) + ")");
        }
        if (!"fail".equals(onUnavailable)) {
            throw new IllegalArgumentException("on_unavailable must be fail");
        }
    }

    /** The backend {@code name}, failing if unavailable. */
    public static PlanBackend of(String name) {
        return new PlanBackend(name, "fail");
    }
}
