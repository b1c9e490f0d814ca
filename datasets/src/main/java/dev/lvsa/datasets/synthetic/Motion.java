package dev.lvsa.datasets.synthetic;

/** A position (and rotation) as a function of scene time in frames. */
interface Motion {

    /** Writes x, y (pixels) and angle (radians) at time t into out[0..2]. */
    void at(double t, double[] out);

    /**
     * Non-repeating motion: constant drift plus a slow wobble whose period is longer than the clip, so
     * nothing comes back within it.
     */
    static Motion wander(
            double x0, double y0, double vx, double vy, double wobble, double wobblePeriod, double phase, double spin) {
        double w = 2 * Math.PI / wobblePeriod;
        return (t, out) -> {
            out[0] = x0 + vx * t + wobble * Math.sin(w * t + phase);
            out[1] = y0 + vy * t + 0.7 * wobble * Math.sin(0.61 * w * t + 2.1 * phase);
            out[2] = spin * t;
        };
    }

    /**
     * Periodic motion with period {@code period} frames: an ellipse traversed {@code harmonic} times per
     * period, and {@code turns} whole turns of rotation per period.
     */
    static Motion orbit(
            double cx, double cy, double ax, double ay, double period, int harmonic, double phase, int turns) {
        double w = 2 * Math.PI / period;
        return (t, out) -> {
            out[0] = cx + ax * Math.cos(harmonic * w * t + phase);
            out[1] = cy + ay * Math.sin(harmonic * w * t + phase);
            out[2] = turns * w * t;
        };
    }

    /** This motion with a constant offset added to x and y. */
    default Motion plus(double dx, double dy) {
        Motion self = this;
        return (t, out) -> {
            self.at(t, out);
            out[0] += dx;
            out[1] += dy;
        };
    }
}
