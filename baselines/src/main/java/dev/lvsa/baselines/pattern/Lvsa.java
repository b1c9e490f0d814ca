package dev.lvsa.baselines.pattern;

import java.util.BitSet;

/**
 * The LVSA pattern, exactly as {@code LVSA.md} states it. All frame numbers are latent frames, 0-based.
 *
 * <ol>
 *   <li>Anchors: the first {@code n_first} frames plus {@code (offset + i*kfi) mod T}, {@code i < ceil(T/kfi)}.</li>
 *   <li>Rotation: {@code offset = step mod kfi}.</li>
 *   <li>Window of query {@code f}: {@code [f-W, f+W]} shifted (not clipped) inside {@code [0, T-1]}, then grown
 *       outward, one frame left then one right, until it holds {@code min(2W+1, T-|anchors|)} non-anchor frames or
 *       reaches both ends.</li>
 *   <li>Query {@code f} attends all anchors plus its window.</li>
 * </ol>
 */
public final class Lvsa {
    private Lvsa() {}

    /**
     * Resolves the knobs for T latent frames and a training horizon: first the rescale rule (when
     * {@code 2W + 1 + n_first >= T} and {@code T > reference}: {@code W = max(reference/2, 1)},
     * {@code n_first = max(reference/4, 1)}), then the automatic key-frame interval unless kfi is given.
     */
    public static LvsaResolved resolve(LvsaParams p, int latentFrames, int reference) {
        int w = p.window();
        int n = p.nFirst();
        boolean rescaled = false;
        if (2L * w + 1 + n >= latentFrames && latentFrames > reference) {
            w = Math.max(reference / 2, 1);
            n = Math.max(reference / 4, 1);
            rescaled = true;
        }
        int budget = budget(n, reference, p.sparsityScale());
        int kfi = p.kfi() != null ? p.kfi() : autoKfi(latentFrames, w, n, reference, p.sparsityScale());
        return new LvsaResolved(
                latentFrames,
                reference,
                w,
                n,
                kfi,
                p.kfi() == null,
                rescaled,
                budget,
                p.rotate(),
                p.expandWindow(),
                p.sparsityScale());
    }

    /** {@code B = max(n_first + 1, floor(reference * sparsity_scale))}. */
    public static int budget(int nFirst, int reference, double sparsityScale) {
        return Math.max(nFirst + 1, (int) (reference * sparsityScale));
    }

    /**
     * The automatic key-frame interval: 1 (dense) when {@code T <= B}; else {@code max(strict, fallback)} where
     * strict is the largest k whose anchor set {@code {0..n_first-1} ∪ {0, k, 2k, ...}} has at least
     * {@code G = max(n_first, min(B, T) - min(2W+1, T))} frames, and
     * {@code fallback = ceil(max(T - M, B - M) / max(B - M, 1))} with {@code M = 2W + n_first}.
     */
    public static int autoKfi(int latentFrames, int window, int nFirst, int reference, double sparsityScale) {
        int t = latentFrames;
        int b = budget(nFirst, reference, sparsityScale);
        if (t <= b) {
            return 1;
        }
        long wanted = Math.max(nFirst, Math.min(b, t) - Math.min(2L * window + 1, t));
        int strict = 1;
        for (int k = t; k >= 1; k--) {
            if (gridAnchorCount(t, nFirst, k) >= wanted) {
                strict = k;
                break;
            }
        }
        long mandatory = 2L * window + nFirst;
        long numerator = Math.max(t - mandatory, b - mandatory);
        long denominator = Math.max(b - mandatory, 1);
        long fallback = ceilDiv(numerator, denominator);
        return (int) Math.max(strict, fallback);
    }

    /** {@code |{0..n_first-1} ∪ {0, k, 2k, ... < T}|}. */
    static int gridAnchorCount(int t, int nFirst, int k) {
        int first = Math.min(nFirst, t);
        int multiples = (t - 1) / k + 1; // 0, k, ..., all < T
        int multiplesInsideFirst = first == 0 ? 0 : (first - 1) / k + 1;
        return first + multiples - multiplesInsideFirst;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The periodic anchors {@code (offset + i*kfi) mod T}, {@code i = 0 .. ceil(T/kfi) - 1}. */
    public static BitSet periodicAnchors(int latentFrames, int kfi, int offset) {
        BitSet a = new BitSet(latentFrames);
        int count = (latentFrames + kfi - 1) / kfi;
        for (int i = 0; i < count; i++) {
            a.set((int) ((offset + (long) i * kfi) % latentFrames));
        }
        return a;
    }

    /** All anchors at a given offset: the first {@code n_first} frames plus the periodic ones. */
    public static BitSet anchors(int latentFrames, int nFirst, int kfi, int offset) {
        BitSet a = periodicAnchors(latentFrames, kfi, offset);
        a.set(0, Math.min(nFirst, latentFrames));
        return a;
    }

    /**
     * {@code [f-W, f+W]} shifted (not clipped) to stay inside {@code [0, T-1]}: width {@code min(2W+1, T)}.
     *
     * @return inclusive bounds {lo, hi}
     */
    public static int[] shiftedWindow(int f, int window, int latentFrames) {
        long lo = Math.max(0, Math.min((long) f - window, (long) latentFrames - 1 - 2L * window));
        long hi = Math.min(latentFrames - 1, Math.max((long) f + window, 2L * window));
        return new int[] {(int) lo, (int) hi};
    }

    /**
     * Query frame {@code f}'s window: the shifted window, then (with {@code expand}) grown outward, one frame left
     * then one frame right, until it holds {@code min(2W+1, T - |anchors|)} non-anchor frames or reaches both ends.
     *
     * @return inclusive bounds {lo, hi}
     */
    public static int[] window(int f, int window, int latentFrames, BitSet anchors, boolean expand) {
        int[] b = shiftedWindow(f, window, latentFrames);
        if (!expand) {
            return b;
        }
        int lo = b[0];
        int hi = b[1];
        long target = Math.min(2L * window + 1, latentFrames - anchors.cardinality());
        int nonAnchors = 0;
        for (int k = lo; k <= hi; k++) {
            if (!anchors.get(k)) {
                nonAnchors++;
            }
        }
        while (nonAnchors < target) {
            boolean grew = false;
            if (lo > 0) {
                lo--;
                grew = true;
                if (!anchors.get(lo)) {
                    nonAnchors++;
                }
                if (nonAnchors >= target) {
                    break;
                }
            }
            if (hi < latentFrames - 1) {
                hi++;
                grew = true;
                if (!anchors.get(hi)) {
                    nonAnchors++;
                }
            }
            if (!grew) {
                break;
            }
        }
        return new int[] {lo, hi};
    }

    /** The mask of one step: every query attends all anchors at that step's offset plus its window. */
    public static FrameMask mask(LvsaResolved r, int step) {
        int t = r.latentFrames();
        BitSet anchors = anchors(t, r.nFirst(), r.kfi(), r.offsetAt(step));
        return FrameMask.of(t, f -> {
            BitSet row = (BitSet) anchors.clone();
            int[] w = window(f, r.window(), t, anchors, r.expandWindow());
            row.set(w[0], w[1] + 1);
            return row;
        });
    }
}
