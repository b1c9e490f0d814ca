package dev.lvsa.baselines.model;

/**
 * One generation job's validated geometry; made by {@link ModelSpec#geometry(int, Integer, Integer)}.
 *
 * @param model        the model
 * @param videoFrames  video frames F
 * @param latentFrames latent frames {@code T = (F - 1) / temporalFactor + 1}
 * @param height       pixels
 * @param width        pixels
 * @param gridRows     token rows per latent frame: height / (spatial factor x patch rows)
 * @param gridCols     token columns per latent frame: width / (spatial factor x patch columns)
 */
public record Geometry(
        ModelSpec model, int videoFrames, int latentFrames, int height, int width, int gridRows, int gridCols) {

    /** Tokens per latent frame {@code P = gridRows x gridCols} (1560 for Wan at 480x832). */
    public int tokensPerFrame() {
        return gridRows * gridCols;
    }

    /** Video tokens {@code T x P}. */
    public long videoTokens() {
        return (long) latentFrames * tokensPerFrame();
    }

    /** Text tokens that join self-attention after the video tokens. */
    public int textTokens() {
        return model.textTokens();
    }

    /** The model's training horizon in latent frames. */
    public int referenceLatentFrames() {
        return model.referenceLatentFrames();
    }

    /** Length relative to the training length, {@code (F - 1) / (F_ref - 1)}: 6.0 for Wan at 481 frames. */
    public double horizonRatio() {
        return (double) (videoFrames - 1) / (model.referenceFrames() - 1);
    }

    /** Tokens in self-attention: video tokens plus text tokens. */
    public long selfAttentionTokens() {
        return videoTokens() + textTokens();
    }

    /**
     * Attended (query token, key token) pairs in self-attention when {@code framePairs} (query frame, key frame)
     * pairs are attended: every token of an attended frame is attended, text keys are attended by every query and
     * text queries attend every key: {@code P^2 * framePairs + 2 * T * P * L + L^2}.
     */
    public double attendedTokenPairs(long framePairs) {
        double p = tokensPerFrame();
        double l = textTokens();
        return p * p * framePairs + 2.0 * videoTokens() * l + l * l;
    }

    /** Token pairs of dense self-attention: {@code (T * P + L)^2}. */
    public double denseTokenPairs() {
        double n = selfAttentionTokens();
        return n * n;
    }

    /** Token-level density of a mask with {@code framePairs} attended frame pairs, text tokens included. */
    public double tokenDensity(long framePairs) {
        return attendedTokenPairs(framePairs) / denseTokenPairs();
    }
}
