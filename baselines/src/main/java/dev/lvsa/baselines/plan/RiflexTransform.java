package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * RIFLEx's RoPE transform: the worker picks (unless {@code k} is given) the temporal frequency whose period is
 * closest to {@code repeatLatentFrames} and, when the generated latent frames exceed that period, sets it to
 * {@code scale * 2 pi / L}.
 */
@JsonPropertyOrder({"kind", "k", "repeat_latent_frames", "scale"})
public record RiflexTransform(
        @JsonProperty("kind") String kind,
        @JsonProperty("k") Integer k,
        @JsonProperty("repeat_latent_frames") int repeatLatentFrames,
        @JsonProperty("scale") double scale) {

    public static final String KIND = "riflex";

    public RiflexTransform {
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("rope transform kind must be " + KIND + ", got " + kind);
        }
    }
}
