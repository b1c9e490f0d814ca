package dev.lvsa.baselines.pattern;

import dev.lvsa.common.BadInputException;

/**
 * LVSA's knobs as the user gives them, in latent frames (see {@code LVSA.md}).
 *
 * @param window        half-width W of the local window (default 3 = 12 video frames / temporal factor 4)
 * @param nFirst        leading anchors (default 1 = 4 video frames / 4)
 * @param kfi           key-frame interval, or null for automatic
 * @param rotate        rotate the periodic anchors with the step ({@code offset = step mod kfi}; default on)
 * @param sparsityScale multiplier on the per-query budget (default 1.0; below 1 sparser)
 * @param expandWindow  grow the window outward past anchors until it holds {@code min(2W+1, T-|anchors|)}
 *                      non-anchor frames (default on)
 */
public record LvsaParams(
        int window, int nFirst, Integer kfi, boolean rotate, double sparsityScale, boolean expandWindow) {
    public static final int DEFAULT_WINDOW = 3;
    public static final int DEFAULT_N_FIRST = 1;

    public LvsaParams {
        if (window < 0) {
            throw new BadInputException("LVSA window " + window + ": must be >= 0 latent frames");
        }
        if (nFirst < 0) {
            throw new BadInputException("LVSA n_first " + nFirst + ": must be >= 0 latent frames");
        }
        if (kfi != null && kfi < 1) {
            throw new BadInputException("LVSA kfi " + kfi + ": must be >= 1 (or auto)");
        }
        if (!(sparsityScale > 0) || Double.isInfinite(sparsityScale)) {
            throw new BadInputException("LVSA sparsity_scale " + sparsityScale + ": must be a number > 0");
        }
    }

    /** The paper's defaults: W=3, n_first=1, automatic kfi, rotation on, scale 1.0, window expansion on. */
    public static LvsaParams defaults() {
        return new LvsaParams(DEFAULT_WINDOW, DEFAULT_N_FIRST, null, true, 1.0, true);
    }

    public LvsaParams withWindow(int w) {
        return new LvsaParams(w, nFirst, kfi, rotate, sparsityScale, expandWindow);
    }

    public LvsaParams withNFirst(int n) {
        return new LvsaParams(window, n, kfi, rotate, sparsityScale, expandWindow);
    }

    public LvsaParams withKfi(Integer k) {
        return new LvsaParams(window, nFirst, k, rotate, sparsityScale, expandWindow);
    }

    public LvsaParams withRotate(boolean r) {
        return new LvsaParams(window, nFirst, kfi, r, sparsityScale, expandWindow);
    }

    public LvsaParams withSparsityScale(double s) {
        return new LvsaParams(window, nFirst, kfi, rotate, s, expandWindow);
    }

    public LvsaParams withExpandWindow(boolean e) {
        return new LvsaParams(window, nFirst, kfi, rotate, sparsityScale, e);
    }
}
