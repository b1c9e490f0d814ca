package dev.lvsa.datasets.synthetic;

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
}
