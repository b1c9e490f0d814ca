package dev.lvsa.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the clips that repeat ({@link ClipKind} LOOP_EXACT, LOOP_LATE, LOOP_DRIFT, LOOP_NOISE, PINGPONG) and the
 * periodic scenes they play. {@link ClipFactory} draws each clip's length, frame rate and sensor noise and hands
 * the seed's random stream on; speeds and sizes scale with the frame width (reference 256 pixels).
 */
final class LoopClips {

    private final ClipFactory factory;
    private final int width;
    private final int height;
    private final double s;

    LoopClips(ClipFactory factory, int width, int height) {
        this.factory = factory;
        this.width = width;
        this.height = height;
        this.s = width / 256.0;
    }

    ClipPlan plan(ClipKind kind, SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        return switch (kind) {
            case LOOP_EXACT -> loopExact(rnd, seed, file, n, fps, sensor);
            case LOOP_LATE -> loopLate(rnd, seed, file, n, fps, sensor);
            case LOOP_DRIFT -> loopDrift(rnd, seed, file, n, fps, sensor);
            case LOOP_NOISE -> loopNoise(rnd, seed, file, n, fps);
            case PINGPONG -> pingPong(rnd, seed, file, n, fps, sensor);
            default -> throw new IllegalArgumentException(kind + " is not a loop");
        };
    }

    /** A scene that repeats exactly every {@code period} frames of scene time. */
    private Scene periodicScene(SplittableRandom rnd, int period) {
        Texture bg = Texture.background(width + (int) (80 * s), height + (int) (60 * s), rnd);
        double bx = bg.width / 2.0 - width / 2.0;
        double by = bg.height / 2.0 - height / 2.0;
        double ax = (4 + 10 * rnd.nextDouble()) * s;
        double ay = (2 + 6 * rnd.nextDouble()) * s;
        Motion camera = Motion.orbit(bx, by, ax, ay, period, 1, rnd.nextDouble() * 6.28, 0);
        List<SceneObject> objects = new ArrayList<>();
        int count = 3 + rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            // the first object runs at the fundamental so the period is exactly `period`
            int harmonic = i == 0 ? 1 : (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(2));
            double r = (10 + 40 * rnd.nextDouble()) * s;
            Motion m = Motion.orbit(
                    width * (0.15 + 0.7 * rnd.nextDouble()),
                    height * (0.2 + 0.6 * rnd.nextDouble()),
                    r,
                    r * (0.4 + 0.6 * rnd.nextDouble()),
                    period,
                    harmonic,
                    rnd.nextDouble() * 6.28,
                    rnd.nextInt(2));
            objects.add(SceneObject.random(m, (14 + 26 * rnd.nextDouble()) * s, rnd, false));
        }
        return new Scene(bg, camera, objects, List.of(), 0, 0, 0);
    }

    private ClipPlan loopExact(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        int p = 10 + rnd.nextInt(Math.max(1, (int) (n / 2.5) - 10 + 1));
        boolean seamless = rnd.nextBoolean();
        Scene scene = seamless ? periodicScene(rnd, p) : factory.cleanScene(rnd, 0.3, 1.2, 4, 7, 0.8, 3.0);
        int[] sc = new int[n];
        double[] t = new double[n];
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = seamless ? i : i % p;
            k[i] = seed * 1000 + (i % p);
        }
        return new ClipPlan(
                List.of(scene),
                new Timeline(sc, t, k),
                sensor,
                false,
                factory.loopLabel(file, ClipKind.LOOP_EXACT, p, p, n, fps, sensor, seed));
    }

    private ClipPlan loopLate(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        n = Math.max(n, 110);
        int start = (int) (n * (0.3 + 0.15 * rnd.nextDouble()));
        int maxP = Math.min(40, (n - start) / 2);
        int p = 10 + rnd.nextInt(Math.max(1, maxP - 10 + 1));
        Scene scene = factory.cleanScene(rnd, 0.3, 1.2, 4, 7, 0.8, 3.0);
        return new ClipPlan(
                List.of(scene),
                Timeline.replaying(n, seed, i -> i < start ? i : start - p + ((i - start) % p)),
                sensor,
                false,
                factory.loopLabel(file, ClipKind.LOOP_LATE, p, start, n, fps, sensor, seed));
    }

    private ClipPlan loopDrift(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        int p = 12 + rnd.nextInt(Math.max(1, (int) (n / 2.5) - 12 + 1));
        Scene scene = periodicScene(rnd, p);
        double dir = rnd.nextDouble() * 2 * Math.PI;
        double drift = (0.02 + 0.04 * rnd.nextDouble()) * s;
        double gain = (rnd.nextBoolean() ? 1 : -1) * (0.08 + 0.12 * rnd.nextDouble());
        double v = (0.2 + 0.3 * rnd.nextDouble()) * s;
        double a = rnd.nextDouble() * 2 * Math.PI;
        SceneObject drifter = SceneObject.random(
                Motion.wander(
                        rnd.nextDouble() * width,
                        rnd.nextDouble() * height,
                        v * Math.cos(a),
                        v * Math.sin(a),
                        3 * s,
                        500,
                        0,
                        0),
                (10 + 8 * rnd.nextDouble()) * s,
                rnd,
                true);
        scene = scene.withDrift(drift * Math.cos(dir), drift * Math.sin(dir), gain, List.of(drifter));
        Timeline tl = Timeline.linear(n, 1.0, seed * 1000);
        return new ClipPlan(
                List.of(scene),
                tl,
                sensor,
                false,
                factory.loopLabel(file, ClipKind.LOOP_DRIFT, p, null, n, fps, sensor, seed));
    }

    private ClipPlan loopNoise(SplittableRandom rnd, long seed, String file, int n, int fps) {
        int p = 10 + rnd.nextInt(Math.max(1, (int) (n / 2.5) - 10 + 1));
        Scene scene = periodicScene(rnd, p);
        double sigma = 4 + 6 * rnd.nextDouble();
        Timeline tl = Timeline.linear(n, 1.0, seed * 1000);
        return new ClipPlan(
                List.of(scene),
                tl,
                sigma,
                true,
                factory.label(
                        file,
                        ClipKind.LOOP_NOISE,
                        true,
                        p,
                        null,
                        false,
                        null,
                        false,
                        0,
                        List.of(),
                        n,
                        fps,
                        sigma,
                        true,
                        seed));
    }

    private ClipPlan pingPong(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        int half = 8 + rnd.nextInt(Math.max(1, n / 5 - 8 + 1));
        Scene scene = factory.cleanScene(rnd, 0.3, 1.2, 4, 7, 0.8, 3.0);
        return new ClipPlan(
                List.of(scene),
                Timeline.replaying(n, seed, i -> half - Math.abs(i % (2 * half) - half)),
                sensor,
                false,
                factory.label(
                        file,
                        ClipKind.PINGPONG,
                        true,
                        2 * half,
                        null,
                        true,
                        null,
                        false,
                        0,
                        List.of(),
                        n,
                        fps,
                        sensor,
                        false,
                        seed));
    }
}
