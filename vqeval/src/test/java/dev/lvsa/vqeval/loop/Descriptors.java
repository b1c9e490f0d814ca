package dev.lvsa.vqeval.loop;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Descriptor sequences for testing the repetition analysis without video: a random walk in descriptor
 * space (every frame a little different from the last, never coming back), shown at a chosen scene time
 * per frame, plus optional fresh noise per frame.
 */
final class Descriptors {

    static final int GW = 32;
    static final int GH = 18;
    static final int DIM = GW * GH + 2 * (GW / 2) * (GH / 2);

    private Descriptors() {}

    /** Frame i shows the walk at step {@code time(i)} (integer part), with per-frame noise. */
    static float[][] sequence(int frames, IntToDoubleFunction time, double step, double noise, long seed) {
        Random rnd = new Random(seed);
        int steps = frames + 1;
        float[][] walk = new float[steps][DIM];
        for (int k = 0; k < DIM; k++) {
            walk[0][k] = (float) (rnd.nextGaussian() * 30);
        }
        for (int s = 1; s < steps; s++) {
            for (int k = 0; k < DIM; k++) {
                walk[s][k] = (float) (walk[s - 1][k] + rnd.nextGaussian() * step);
            }
        }
        float[][] out = new float[frames][DIM];
        for (int i = 0; i < frames; i++) {
            int s = (int) time.applyAsDouble(i);
            for (int k = 0; k < DIM; k++) {
                out[i][k] = (float) (walk[s][k] + rnd.nextGaussian() * noise);
            }
        }
        return out;
    }

    /**
     * A scene panning by {@code cellsPerFrame} grid cells per frame: a smooth random pattern with a few
     * sharp-edged blobs, sampled at shifted positions (the way slow camera or object motion looks to the
     * descriptor), plus per-frame noise.
     */
    static float[][] panning(int frames, double cellsPerFrame, double noise, long seed) {
        Random rnd = new Random(seed);
        double[][] waves = new double[6][4];
        for (double[] w : waves) {
            w[0] = 0.2 + rnd.nextDouble() * 0.8;
            w[1] = 0.2 + rnd.nextDouble() * 0.8;
            w[2] = rnd.nextDouble() * 6.28;
            w[3] = 10 + rnd.nextDouble() * 20;
        }
        double[][] blobs = new double[12][3];
        for (double[] b : blobs) {
            b[0] = rnd.nextDouble() * (GW + frames * cellsPerFrame);
            b[1] = rnd.nextDouble() * GH;
            b[2] = 1 + rnd.nextDouble() * 2;
        }
        float[][] out = new float[frames][DIM];
        for (int i = 0; i < frames; i++) {
            double shift = i * cellsPerFrame;
            for (int y = 0; y < GH; y++) {
                for (int x = 0; x < GW; x++) {
                    double u = x + shift;
                    double v = 0;
                    for (double[] w : waves) {
                        v += w[3] * Math.sin(w[0] * u + w[1] * y + w[2]);
                    }
                    for (double[] b : blobs) {
                        if (Math.hypot(u - b[0], y - b[1]) < b[2]) {
                            v += 60;
                        }
                    }
                    out[i][y * GW + x] = (float) (v + rnd.nextGaussian() * noise);
                }
            }
        }
        return out;
    }

    /**
     * Grey cells of a scene shown at time {@code time(i)} in frame i: a random walk (3 grey levels a step per cell)
     * blended between its steps, plus fresh noise per frame.
     */
    static float[][] greyWalk(int frames, IntToDoubleFunction time, long seed) {
        Random rnd = new Random(seed);
        int cells = Descriptors.GW * Descriptors.GH;
        float[][] walk = new float[frames + 2][cells];
        for (int k = 0; k < cells; k++) {
            walk[0][k] = (float) (rnd.nextGaussian() * 30);
        }
        for (int s = 1; s < walk.length; s++) {
            for (int k = 0; k < cells; k++) {
                walk[s][k] = (float) (walk[s - 1][k] + rnd.nextGaussian() * 3);
            }
        }
        float[][] out = new float[frames][cells];
        for (int i = 0; i < frames; i++) {
            double t = time.applyAsDouble(i);
            int s = (int) t;
            double f = t - s;
            for (int k = 0; k < cells; k++) {
                out[i][k] = (float) (walk[s][k] * (1 - f) + walk[s + 1][k] * f + rnd.nextGaussian() * 0.2);
            }
        }
        return out;
    }

    /**
     * From frame {@code from} on, a tenth of the cells (one patch of the picture) drift steadily, each in its own
     * direction, at {@code rate} grey levels a frame: a crawl that never settles, too local for the hard test.
     */
    static void creep(float[][] grey, int from, double rate, long seed) {
        Random rnd = new Random(seed);
        double[] direction = new double[grey[0].length];
        for (int k = 0; k < direction.length / 10; k++) {
            direction[k] = rnd.nextBoolean() ? rate : -rate;
        }
        for (int i = from; i < grey.length; i++) {
            for (int k = 0; k < direction.length; k++) {
                grey[i][k] += (float) (direction[k] * (i - from));
            }
        }
    }

    /**
     * From frame {@code from} on, a shimmer: one grey cell in 12 wobbles by {@code +-amplitude} grey levels every
     * frame, each frame's signs drawn from {@code seed}.
     */
    static void shimmer(float[][] grey, int from, double amplitude, long seed) {
        Random rnd = new Random(seed);
        for (int i = from; i < grey.length; i++) {
            for (int c = 0; c < GW * GH; c += 12) {
                grey[i][c] += (float) (rnd.nextBoolean() ? amplitude : -amplitude);
            }
        }
    }

    /**
     * From frame {@code from} on, a share of the cells (a face speaking, hands at rest) swing by {@code amplitude} grey
     * levels around their picture, each with its own phase, every {@code period} frames: a calm shot that moves all the
     * time and never leaves its picture.
     */
    static void wobble(float[][] grey, int from, double share, double amplitude, double period, long seed) {
        Random rnd = new Random(seed);
        int cells = grey[0].length;
        double[] phase = new double[cells];
        boolean[] moving = new boolean[cells];
        for (int k = 0; k < cells; k++) {
            moving[k] = rnd.nextDouble() < share;
            phase[k] = rnd.nextDouble() * 2 * Math.PI;
        }
        for (int i = from; i < grey.length; i++) {
            for (int k = 0; k < cells; k++) {
                if (moving[k]) {
                    grey[i][k] += (float) (amplitude * Math.sin(2 * Math.PI * (i - from) / period + phase[k]));
                }
            }
        }
    }

    static DistanceMatrix matrix(float[][] d) {
        return DistanceMatrix.of(d, GW, GH);
    }
}
