package dev.lvsa.baselines.model;

/**
 * Transformer sizes used to count FLOPs.
 *
 * @param layers                   transformer blocks (each holds one self-attention)
 * @param heads                    attention heads
 * @param headDim                  head dimension
 * @param modelDim                 hidden size (heads x headDim for the models here)
 * @param ffnDim                   feed-forward inner size
 * @param crossAttentionTextTokens text tokens that video tokens cross-attend to in every block (0 if none)
 * @param dualStream               whether text tokens have their own projections and FFN in every block
 *                                 (HunyuanVideo 1.5); their count is then the model's text tokens in self-attention
 * @param nominal                  true when these sizes are placeholders (the tiny test presets, whose real
 *                                 architecture the Python worker owns): FLOP figures are then only illustrative;
 *                                 {@code heads} is real even then (the contract's {@code attention_heads})
 */
public record Architecture(
        int layers,
        int heads,
        int headDim,
        int modelDim,
        int ffnDim,
        int crossAttentionTextTokens,
        boolean dualStream,
        boolean nominal) {
    public Architecture {
        if (layers < 1 || heads < 1 || headDim < 1 || modelDim < 1 || ffnDim < 1 || crossAttentionTextTokens < 0) {
            throw new IllegalArgumentException("architecture sizes out of range");
        }
    }

    /** heads x head dimension: the width of Q, K and V. */
    public int attentionDim() {
        return heads * headDim;
    }
}
