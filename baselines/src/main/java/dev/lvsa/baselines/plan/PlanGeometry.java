package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lvsa.baselines.model.Geometry;
import java.util.List;

/** The plan's {@code geometry}: what the worker checks against the loaded model. */
@JsonPropertyOrder({
    "video_frames",
    "latent_frames",
    "height",
    "width",
    "temporal_factor",
    "spatial_factor",
    "patch",
    "frame_grid",
    "tokens_per_frame",
    "text_tokens",
    "reference_latent_frames"
})
public record PlanGeometry(
        @JsonProperty("video_frames") int videoFrames,
        @JsonProperty("latent_frames") int latentFrames,
        @JsonProperty("height") int height,
        @JsonProperty("width") int width,
        @JsonProperty("temporal_factor") int temporalFactor,
        @JsonProperty("spatial_factor") int spatialFactor,
        @JsonProperty("patch") List<Integer> patch,
        @JsonProperty("frame_grid") List<Integer> frameGrid,
        @JsonProperty("tokens_per_frame") int tokensPerFrame,
        @JsonProperty("text_tokens") int textTokens,
        @JsonProperty("reference_latent_frames") int referenceLatentFrames) {

    /** The plan geometry of a validated job geometry. */
    public static PlanGeometry of(Geometry g) {
        return new PlanGeometry(
                g.videoFrames(),
                g.latentFrames(),
                g.height(),
                g.width(),
                g.model().temporalFactor(),
                g.model().spatialFactor(),
                g.model().patch().asList(),
                List.of(g.gridRows(), g.gridCols()),
                g.tokensPerFrame(),
                g.textTokens(),
                g.referenceLatentFrames());
    }
}
