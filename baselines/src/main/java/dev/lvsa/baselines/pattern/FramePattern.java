package dev.lvsa.baselines.pattern;

import java.util.Map;

/**
 * A static sparsity pattern: the frame mask of each denoising step. Implementations are immutable; the same
 * (context, step) always gives the same mask. User patterns are composed from parts in JSON
 * ({@link PatternSpec}) or written in code and found through {@link PatternProvider}.
 */
public interface FramePattern {
    /** The mask of denoising step {@code step} (0-based, counted over the whole trajectory). */
    FrameMask mask(PatternContext context, int step);

    /**
     * The pattern's knobs, resolved for {@code context}, as JSON-ready values (recorded in a plan's
     * {@code method_params}; the worker never reads them).
     */
    Map<String, Object> describe(PatternContext context);
}
