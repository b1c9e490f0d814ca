package dev.lvsa.datasets.synthetic;

/**
 * Seeded 2-D value noise (hashed lattice, smooth interpolation) and its fractal sum. Not periodic: the
 * lattice values come from a hash, not a table that wraps.
 */
final class ValueNoise {

    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Noise in [0, 1] with lattice spacing 1. */
    double at(double x, double y) {
        long ix = (long) Math.floor(x);
        long iy = (long) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        double sx = fx * fx * (3 - 2 * fx);
        double sy = fy * fy * (3 - 2 * fy);
        double a = lattice(ix, iy);
        double b = lattice(ix + 1, iy);
        double c = lattice(ix, iy + 1);
        double d = lattice(ix + 1, iy + 1);
        double top = a + (b - a) * sx;
        double bottom = c + (d - c) * sx;
        return top + (bottom - top) * sy;
    }

    /** Fractal sum of {@code octaves} layers, feature size {@code scale} pixels, in [0, 1]. */
    double fbm(double x, double y, double scale, int octaves) {
        double sum = 0;
        double amp = 1;
        double norm = 0;
        double f = 1 / scale;
        for (int o = 0; o < octaves; o++) {
            sum += amp * at(x * f + 17.3 * o, y * f - 9.1 * o);
            norm += amp;
            amp *= 0.5;
            f *= 2;
        }
        return sum / norm;
    }

    private double lattice(long x, long y) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h = mix(h);
        return (h >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
