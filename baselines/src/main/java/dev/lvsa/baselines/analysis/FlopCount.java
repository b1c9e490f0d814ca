package dev.lvsa.baselines.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * FLOPs of one transformer forward pass, by part (a multiply-add counts 2).
 *
 * @param selfAttention  self-attention core: {@code QK^T} and {@code PV} over the attended token pairs
 * @param projections    Q, K, V and output projections of self-attention (both streams for dual-stream models)
 * @param crossAttention cross-attention to text (projections and core; 0 without cross-attention)
 * @param ffn            feed-forward networks (both streams for dual-stream models)
 */
@JsonPropertyOrder({"self_attention", "projections", "cross_attention", "ffn", "total"})
public record FlopCount(
        @JsonProperty("self_attention") double selfAttention,
        @JsonProperty("projections") double projections,
        @JsonProperty("cross_attention") double crossAttention,
        @JsonProperty("ffn") double ffn) {

    @JsonProperty("total")
    public double total() {
        return selfAttention + projections + crossAttention + ffn;
    }

    /** This count times {@code k} (e.g. CFG passes). */
    public FlopCount times(double k) {
        return new FlopCount(selfAttention * k, projections * k, crossAttention * k, ffn * k);
    }

    /** Sum of two counts. */
    public FlopCount plus(FlopCount o) {
        return new FlopCount(
                selfAttention + o.selfAttention,
                projections + o.projections,
                crossAttention + o.crossAttention,
                ffn + o.ffn);
    }

    /** All zero. */
    public static FlopCount zero() {
        return new FlopCount(0, 0, 0, 0);
    }
}
