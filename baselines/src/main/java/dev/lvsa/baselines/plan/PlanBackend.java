package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lvsa.baselines.BadInputException;
import java.util.List;

/** The kernel backend wanted; {@code on_unavailable} is always {@code fail}: never a silent fallback. */
@JsonPropertyOrder({"name", "on_unavailable"})
public record PlanBackend(@JsonProperty("name") String name, @JsonProperty("on_unavailable") String onUnavailable) {
    /** Backend names schema v1 accepts. */
    public static final List<String> NAMES = List.of("auto", "sdpa-gather", "flashinfer", "reference", "fbs");

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
