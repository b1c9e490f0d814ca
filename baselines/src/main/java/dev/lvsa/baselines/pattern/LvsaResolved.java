package dev.lvsa.baselines.pattern;

/**
 * LVSA's knobs resolved for one job: after the rescale rule and the automatic key-frame interval.
 *
 * @param latentFrames T
 * @param reference    training horizon in latent frames
 * @param window       W used (after rescaling)
 * @param nFirst       n_first used (after rescaling)
 * @param kfi          key-frame interval used
 * @param kfiAuto      whether kfi was computed automatically
 * @param rescaled     whether the rescale rule replaced W and n_first ({@code 2W+1+n_first >= T > reference})
 * @param budget       the automatic budget {@code B = max(n_first + 1, floor(reference * sparsity_scale))}
 * @param rotate       rotation on
 * @param expandWindow window expansion on
 * @param sparsityScale sparsity scale
 */
public record LvsaResolved(
        int latentFrames,
        int reference,
        int window,
        int nFirst,
        int kfi,
        boolean kfiAuto,
        boolean rescaled,
        int budget,
        boolean rotate,
        boolean expandWindow,
        double sparsityScale) {

    /** The periodic-grid offset at {@code step}: {@code step mod kfi} with rotation, else 0. */
    public int offsetAt(int step) {
        return rotate ? Math.floorMod(step, kfi) : 0;
    }
}
