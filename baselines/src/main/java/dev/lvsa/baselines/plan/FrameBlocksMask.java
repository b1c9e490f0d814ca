package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code {"kind": "frame_blocks", "patterns": [...], "step_patterns": [...]}}: distinct frame masks, each as rows
 * of inclusive key-frame intervals per query frame, and for each step the index of its pattern.
 */
@JsonPropertyOrder({"patterns", "step_patterns"})
public record FrameBlocksMask(
        @JsonProperty("patterns") List<Rows> patterns,
        @JsonProperty("step_patterns") List<Integer> stepPatterns) implements PlanMask {

    public FrameBlocksMask {
        patterns = List.copyOf(patterns);
        stepPatterns = List.copyOf(stepPatterns);
    }

    /**
     * One distinct mask.
     *
     * @param rows per query frame, its sorted, disjoint, non-adjacent intervals {@code [first, last]}
     */
    public record Rows(@JsonProperty("rows") List<List<List<Integer>>> rows) {
        public Rows {
            rows = List.copyOf(rows);
        }
    }
}
