package dev.lvsa.baselines.analysis;

import dev.lvsa.baselines.model.Architecture;
import dev.lvsa.baselines.model.Geometry;

/**
 * FLOPs of one transformer forward pass (one CFG pass of one step), counting a multiply-add as 2 FLOPs. Per block,
 * with {@code N} video tokens, {@code L} text tokens in self-attention, {@code Lc} cross-attention text tokens,
 * hidden size {@code d}, attention width {@code a = heads x head_dim}, FFN size {@code f}, and {@code pairs} the
 * attended (query token, key token) pairs:
 * <ul>
 *   <li>self-attention core: {@code 4 * pairs * a} ({@code QK^T} and {@code PV}); dense {@code pairs = (N+L)^2};</li>
 *   <li>self-attention projections: {@code 8 * S * d * a} for Q, K, V and output, {@code S = N} for Wan and
 *       {@code S = N + L} for dual-stream HunyuanVideo 1.5 (text has its own projections);</li>
 *   <li>cross-attention (Wan): {@code 4 * N * d * a} (Q and output) {@code + 4 * Lc * d * a} (K, V of the text)
 *       {@code + 4 * N * Lc * a} (core);</li>
 *   <li>FFN: {@code 4 * S * d * f}.</li>
 * </ul>
 * Times the number of blocks. Not counted: patch embedding, text encoders and refiners, timestep embedding and
 * modulation, norms, RoPE, the output head and the VAE (together a few percent at most at these lengths).
 */
public final class FlopModel {
    private FlopModel() {}

    /** Self-attention core FLOPs of one forward pass when {@code framePairs} frame pairs are attended. */
    public static double selfAttentionFlops(Geometry g, long framePairs) {
        Architecture a = g.model().architecture();
        return 4.0 * g.attendedTokenPairs(framePairs) * a.attentionDim() * a.layers();
    }

    /** Self-attention core FLOPs of one dense forward pass. */
    public static double denseSelfAttentionFlops(Geometry g) {
        Architecture a = g.model().architecture();
        return 4.0 * g.denseTokenPairs() * a.attentionDim() * a.layers();
    }

    /** All counted FLOPs of one forward pass, by part, when {@code framePairs} frame pairs are attended. */
    public static FlopCount forwardFlops(Geometry g, long framePairs) {
        return forward(g, selfAttentionFlops(g, framePairs));
    }

    /** All counted FLOPs of one dense forward pass. */
    public static FlopCount denseForwardFlops(Geometry g) {
        return forward(g, denseSelfAttentionFlops(g));
    }

    private static FlopCount forward(Geometry g, double core) {
        Architecture a = g.model().architecture();
        double n = g.videoTokens();
        double l = g.textTokens();
        double d = a.modelDim();
        double w = a.attentionDim();
        double layers = a.layers();
        double streamTokens = a.dualStream() ? n + l : n;
        double projections = 8.0 * streamTokens * d * w * layers;
        double lc = a.crossAttentionTextTokens();
        double cross = lc == 0 ? 0 : (4.0 * n * d * w + 4.0 * lc * d * w + 4.0 * n * lc * w) * layers;
        double ffn = 4.0 * streamTokens * d * a.ffnDim() * layers;
        return new FlopCount(core, projections, cross, ffn);
    }
}
