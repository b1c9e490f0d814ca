package dev.lvsa.baselines.model;

import dev.lvsa.common.BadInputException;

/**
 * One video diffusion model's facts (see {@code docs/patterns.md} for their sources).
 *
 * @param name                  registry name, e.g. {@code wan2.1-t2v-1.3b}
 * @param family                transformer family
 * @param experts               transformers used over the trajectory (2 for Wan 2.2 A14B: high-noise, low-noise)
 * @param boundaryRatio         where the experts switch, as a fraction of the timesteps (null for one expert)
 * @param temporalFactor        VAE temporal compression (video frames per latent frame, after the first)
 * @param spatialFactor         VAE spatial compression
 * @param patch                 transformer patch size
 * @param defaultHeight         default video height in pixels
 * @param defaultWidth          default video width in pixels
 * @param referenceLatentFrames training horizon in latent frames
 * @param textTokens            text tokens that join self-attention after the video tokens (0 for Wan)
 * @param architecture          sizes for FLOP counting
 * @param cfgPasses             transformer passes per denoising step at the model's usual guidance
 *                              (2 with classifier-free guidance)
 * @param defaultSteps          the model's usual number of denoising steps
 */
public record ModelSpec(
        String name,
        ModelFamily family,
        int experts,
        Double boundaryRatio,
        int temporalFactor,
        int spatialFactor,
        Patch patch,
        int defaultHeight,
        int defaultWidth,
        int referenceLatentFrames,
        int textTokens,
        Architecture architecture,
        int cfgPasses,
        int defaultSteps) {

    public ModelSpec {
        if (experts < 1
                || temporalFactor < 1
                || spatialFactor < 1
                || referenceLatentFrames < 1
                || textTokens < 0
                || cfgPasses < 1
                || defaultSteps < 1) {
            throw new IllegalArgumentException(name + ": model facts out of range");
        }
        if (patch.t() != 1) {
            throw new IllegalArgumentException(name + ": temporal patch " + patch.t()
                    + " is not supported (a latent frame must be one token block)");
        }
    }

    /** Video frames at the training horizon: {@code (reference - 1) * temporalFactor + 1} (81 for Wan). */
    public int referenceFrames() {
        return (referenceLatentFrames - 1) * temporalFactor + 1;
    }

    /** Pixels per token along height: VAE spatial factor x patch rows. */
    public int heightStep() {
        return spatialFactor * patch.h();
    }

    /** Pixels per token along width: VAE spatial factor x patch columns. */
    public int widthStep() {
        return spatialFactor * patch.w();
    }

    /** Tokens per latent frame at the default resolution. */
    public int defaultTokensPerFrame() {
        return geometry(referenceFrames(), null, null).tokensPerFrame();
    }

    /**
     * Video frames at {@code horizon} times the training length: {@code horizon * (referenceFrames - 1) + 1}
     * (2x Wan = 161, 1.5x HunyuanVideo 1.5 = 193).
     *
     * @throws BadInputException if that is not a whole, valid frame count
     */
    public int framesAtHorizon(double horizon) {
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new BadInputException("horizon " + horizon + ": must be a positive number");
        }
        double frames = horizon * (referenceFrames() - 1) + 1;
        long rounded = Math.round(frames);
        if (Math.abs(frames - rounded) > 1e-9 || rounded > Integer.MAX_VALUE) {
            throw new BadInputException(
                    "horizon " + horizon + "x: gives " + frames + " video frames for " + name + ", not a whole number");
        }
        int f = (int) rounded;
        if ((f - 1) % temporalFactor != 0) {
            throw new BadInputException("horizon " + horizon + "x: gives " + f + " video frames for " + name
                    + ", not of the form " + temporalFactor + "k+1");
        }
        return f;
    }

    /**
     * Validates one job's frames and resolution and computes its geometry.
     *
     * @param videoFrames video frames to generate; must be {@code temporalFactor * k + 1}
     * @param height      pixels, or null for the default; must be a multiple of spatial factor x patch
     * @param width       pixels, or null for the default; likewise
     * @throws BadInputException naming the input and the cause
     */
    public Geometry geometry(int videoFrames, Integer height, Integer width) {
        if (videoFrames < 1 || (videoFrames - 1) % temporalFactor != 0) {
            int below = videoFrames < 1 ? 1 : videoFrames - (videoFrames - 1) % temporalFactor;
            int above = videoFrames < 1 ? 1 + temporalFactor : below + temporalFactor;
            throw new BadInputException("frames " + videoFrames + ": not of the form " + temporalFactor
                    + "k+1 (VAE temporal factor " + temporalFactor + " of " + name + "); nearest valid: "
                    + (videoFrames < 1 ? String.valueOf(1) : below + " or " + above));
        }
        int h = height == null ? defaultHeight : height;
        int w = width == null ? defaultWidth : width;
        checkSide("height", h, heightStep(), patch.h());
        checkSide("width", w, widthStep(), patch.w());
        int latent = (videoFrames - 1) / temporalFactor + 1;
        return new Geometry(this, videoFrames, latent, h, w, h / heightStep(), w / widthStep());
    }

    private void checkSide(String what, int pixels, int step, int patchSide) {
        if (pixels < step || pixels % step != 0) {
            int below = Math.max(step, pixels - Math.floorMod(pixels, step));
            int above = pixels < step ? step : below + step;
            throw new BadInputException(what + " " + pixels + ": not a positive multiple of " + step
                    + " (VAE spatial factor " + spatialFactor + " x patch " + patchSide + " of " + name
                    + "); nearest valid: " + (below == above ? String.valueOf(below) : below + " or " + above));
        }
    }
}
