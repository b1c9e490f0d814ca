package dev.lvsa.datasets.synthetic;

import java.util.function.IntUnaryOperator;

/**
 * Which scene, at which scene time, each output frame shows, and its noise key (equal keys give equal
 * noise, so repeated frames can be exact copies).
 */
record Timeline(int[] scene, double[] time, long[] noiseKey) {

    int frames() {
        return time.length;
    }

    static Timeline linear(int frames, double speed, long noiseBase) {
        int[] s = new int[frames];
        double[] t = new double[frames];
        long[] k = new long[frames];
        for (int i = 0; i < frames; i++) {
            t[i] = i * speed;
            k[i] = noiseBase + i;
        }
        return new Timeline(s, t, k);
    }

    /**
     * One scene whose frame i shows scene time {@code source(i)} with that time's noise ({@code seed * 1000 +
     * source}): frames showing the same source are exact copies.
     */
    static Timeline replaying(int frames, long seed, IntUnaryOperator source) {
        int[] s = new int[frames];
        double[] t = new double[frames];
        long[] k = new long[frames];
        for (int i = 0; i < frames; i++) {
            int src = source.applyAsInt(i);
            t[i] = src;
            k[i] = seed * 1000 + src;
        }
        return new Timeline(s, t, k);
    }
}
