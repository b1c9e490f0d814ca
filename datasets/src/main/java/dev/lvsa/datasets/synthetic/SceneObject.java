package dev.lvsa.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * A textured shape (ellipse or rounded rectangle) that moves along a {@link Motion}. Coverage is
 * anti-aliased over one pixel from the shape's signed distance, so sub-pixel motion renders smoothly.
 */
final class SceneObject {

    final Motion motion;
    final boolean ellipse;
    final double halfW;
    final double halfH;
    final float[] colourA;
    final float[] colourB;
    final int pattern;
    final double patternScale;
    final boolean wrap;

    SceneObject(
            Motion motion,
            boolean ellipse,
            double halfW,
            double halfH,
            float[] colourA,
            float[] colourB,
            int pattern,
            double patternScale,
            boolean wrap) {
        this.motion = motion;
        this.ellipse = ellipse;
        this.halfW = halfW;
        this.halfH = halfH;
        this.colourA = colourA;
        this.colourB = colourB;
        this.pattern = pattern;
        this.patternScale = patternScale;
        this.wrap = wrap;
    }

    /** A random-looking object of about {@code size} pixels. */
    static SceneObject random(Motion motion, double size, SplittableRandom rnd, boolean wrap) {
        float[][] p = Texture.palette(rnd, 2);
        double aspect = 0.5 + rnd.nextDouble();
        return new SceneObject(
                motion,
                rnd.nextBoolean(),
                size * aspect / 2,
                size / aspect / 2,
                p[0],
                p[1],
                rnd.nextInt(3),
                3 + rnd.nextDouble() * 5,
                wrap);
    }

    /** Bounding radius in pixels. */
    double radius() {
        return Math.hypot(halfW, halfH) + 1;
    }

    /**
     * Coverage (0..1) of pixel centre (px, py) for the object placed at (x, y) and rotated by the angle
     * whose cosine and sine are (c, s); writes its colour into out when covered.
     */
    double cover(double px, double py, double x, double y, double c, double s, float[] out) {
        double dx = px - x;
        double dy = py - y;
        double u = c * dx + s * dy;
        double v = -s * dx + c * dy;
        double dist;
        if (ellipse) {
            double k = Math.hypot(u / halfW, v / halfH);
            dist = (k - 1) * Math.min(halfW, halfH);
        } else {
            double r = 0.3 * Math.min(halfW, halfH);
            double qx = Math.abs(u) - halfW + r;
            double qy = Math.abs(v) - halfH + r;
            dist = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
        }
        double alpha = Math.max(0, Math.min(1, 0.5 - dist));
        if (alpha <= 0) {
            return 0;
        }
        double m;
        switch (pattern) {
            case 0 -> m = 0.5 + 0.5 * Math.sin(u / patternScale * 2);
            case 1 -> m = ((Math.floor(u / patternScale) + Math.floor(v / patternScale)) % 2 == 0) ? 1 : 0;
            default -> m = 0.5 + 0.5 * Math.sin(Math.hypot(u, v) / patternScale * 2);
        }
        double shade = 0.75 + 0.25 * (1 - Math.min(1, Math.hypot(u / halfW, v / halfH)));
        for (int k = 0; k < 3; k++) {
            out[k] = (float) ((colourA[k] * m + colourB[k] * (1 - m)) * shade);
        }
        return alpha;
    }
}
