package dev.lvsa.baselines.pattern;

/**
 * What a pattern may depend on besides the step: the job's latent frames and the model's training horizon.
 *
 * @param latentFrames          T
 * @param referenceLatentFrames the model's training horizon in latent frames
 */
public record PatternContext(int latentFrames, int referenceLatentFrames) {
    public PatternContext {
        if (latentFrames < 1 || referenceLatentFrames < 1) {
            throw new IllegalArgumentException("latent frames and reference must be >= 1");
        }
    }
}
