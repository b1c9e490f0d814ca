package dev.lvsa.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * A colour image in floats (0-255 per channel), sampled bilinearly with clamping. Backgrounds are made
 * from fractal value noise through a random colour palette, with a second noise layer for shading and a
 * few soft blobs, so that every region looks different (no tiling).
 */
final class Texture {

    final int width;
    final int height;
    private final float[] rgb;

    private Texture(int width, int height, float[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** A procedural background of the given size. */
    static Texture background(int width, int height, SplittableRandom rnd) {
        ValueNoise hue = new ValueNoise(rnd.nextLong());
        ValueNoise shade = new ValueNoise(rnd.nextLong());
        ValueNoise detail = new ValueNoise(rnd.nextLong());
        float[][] palette = palette(rnd, 4);
        double scale = 30 + rnd.nextDouble() * 50;
        double detailScale = 4 + rnd.nextDouble() * 6;
        double detailAmp = 20 + rnd.nextDouble() * 30;
        float[] rgb = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double h = hue.fbm(x, y, scale, 4);
                double s = 0.65 + 0.6 * shade.fbm(x, y, scale * 1.7, 3);
                double d = (detail.fbm(x, y, detailScale, 2) - 0.5) * detailAmp;
                float[] c = lookup(palette, h);
                int j = 3 * (y * width + x);
                for (int k = 0; k < 3; k++) {
                    rgb[j + k] = (float) clamp(c[k] * s + d);
                }
            }
        }
        return new Texture(width, height, rgb);
    }

    /** {@code n} random colours, spread over hue and brightness. */
    static float[][] palette(SplittableRandom rnd, int n) {
        float[][] p = new float[n][3];
        for (int i = 0; i < n; i++) {
            double base = 40 + rnd.nextDouble() * 170;
            for (int k = 0; k < 3; k++) {
                p[i][k] = (float) clamp(base + (rnd.nextDouble() - 0.5) * 160);
            }
        }
        return p;
    }

    static float[] lookup(float[][] palette, double t) {
        double pos = Math.max(0, Math.min(0.9999, t)) * (palette.length - 1);
        int i = (int) pos;
        double f = pos - i;
        float[] a = palette[i];
        float[] b = palette[Math.min(palette.length - 1, i + 1)];
        return new float[] {
            (float) (a[0] + (b[0] - a[0]) * f), (float) (a[1] + (b[1] - a[1]) * f), (float) (a[2] + (b[2] - a[2]) * f)
        };
    }

    /** Bilinear sample at (x, y), clamped to the edges; writes r, g, b into out[0..2]. */
    void sample(double x, double y, float[] out) {
        double cx = Math.max(0, Math.min(width - 1.001, x));
        double cy = Math.max(0, Math.min(height - 1.001, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        float fx = (float) (cx - x0);
        float fy = (float) (cy - y0);
        int a = 3 * (y0 * width + x0);
        int b = a + 3;
        int c = a + 3 * width;
        int d = c + 3;
        for (int k = 0; k < 3; k++) {
            float top = rgb[a + k] + (rgb[b + k] - rgb[a + k]) * fx;
            float bottom = rgb[c + k] + (rgb[d + k] - rgb[c + k]) * fx;
            out[k] = top + (bottom - top) * fy;
        }
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
