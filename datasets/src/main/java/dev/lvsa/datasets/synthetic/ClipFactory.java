package dev.lvsa.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans clips of each {@link ClipKind}: scene content, the frame-to-scene-time timeline that makes loops,
 * ping-pong, freezes, stutter and slow motion, and the ground truth. All randomness comes from the seed.
 * Speeds and sizes scale with the frame width (reference 256 pixels).
 */
final class ClipFactory {

    private final int width;
    private final int height;
    private final double s;

    ClipFactory(int width, int height) {
        this.width = width;
        this.height = height;
        this.s = width / 256.0;
    }

    ClipPlan plan(ClipKind kind, long seed, String file) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int fps = rnd.nextBoolean() ? 16 : 24;
        int n = 84 + rnd.nextInt(61); // 84..144 frames
        double sensor = rnd.nextDouble() * 2.5;
        return switch (kind) {
            case OBJECTS ->
                clean(kind, rnd, seed, file, n, fps, sensor, cleanScene(rnd, 0.2, 1.0, 4, 7, 0.8, 3.0), 1.0);
            case PAN -> clean(kind, rnd, seed, file, n, fps, sensor, panScene(rnd), 1.0);
            case DRIFT -> {
                Scene sc = cleanScene(rnd, 0.25, 0.6, 3, 5, 0.25, 0.7);
                sc = sc.withDrift(0, 0, (rnd.nextBoolean() ? 1 : -1) * (0.05 + 0.1 * rnd.nextDouble()), List.of());
                yield clean(kind, rnd, seed, file, n, fps, sensor, sc, 1.0);
            }
            case SLOWMO ->
                clean(
                        kind,
                        rnd,
                        seed,
                        file,
                        n,
                        fps,
                        sensor,
                        cleanScene(rnd, 0.2, 1.0, 4, 7, 0.8, 3.0),
                        0.12 + 0.18 * rnd.nextDouble());
            case CUTS -> cuts(rnd, seed, file, n, fps, sensor);
            case LOOP_EXACT, LOOP_LATE, LOOP_DRIFT, LOOP_NOISE, PINGPONG ->
                new LoopClips(this, width, height).plan(kind, rnd, seed, file, n, fps, sensor);
            case FREEZE -> freeze(rnd, seed, file, n, fps);
            case STUTTER -> stutter(rnd, seed, file, n, fps, sensor);
            case LOOP_SINGLE, LOOP_OVERLAY, FREEZE_SHIMMER, CADENCE ->
                new FailureClips(this, width, height).plan(kind, rnd, seed, file, fps, sensor);
        };
    }

    // ---- scenes ----

    /** Background with a slow pan and objects wandering (non-repeating paths). */
    Scene cleanScene(
            SplittableRandom rnd, double camMin, double camMax, int minObj, int maxObj, double vMin, double vMax) {
        double cam = (camMin + (camMax - camMin) * rnd.nextDouble()) * s;
        double dir = rnd.nextDouble() * 2 * Math.PI;
        double cvx = cam * Math.cos(dir);
        double cvy = 0.4 * cam * Math.sin(dir);
        Texture bg = Texture.background(width + (int) (320 * s) + 64, height + (int) (140 * s) + 64, rnd);
        double bx = bg.width / 2.0 - width / 2.0;
        double by = bg.height / 2.0 - height / 2.0;
        Motion camera = (t, out) -> {
            out[0] = bx + cvx * t - Math.signum(cvx) * 150 * s;
            out[1] = by + cvy * t - Math.signum(cvy) * 60 * s;
            out[2] = 0;
        };
        List<SceneObject> objects = new ArrayList<>();
        int count = minObj + rnd.nextInt(maxObj - minObj + 1);
        for (int i = 0; i < count; i++) {
            double v = (vMin + (vMax - vMin) * rnd.nextDouble()) * s;
            double a = rnd.nextDouble() * 2 * Math.PI;
            Motion m = Motion.wander(
                    rnd.nextDouble() * width,
                    rnd.nextDouble() * height,
                    v * Math.cos(a),
                    v * Math.sin(a),
                    (4 + 14 * rnd.nextDouble()) * s,
                    300 + 300 * rnd.nextDouble(),
                    rnd.nextDouble() * 6.28,
                    (rnd.nextDouble() - 0.5) * 0.03);
            objects.add(SceneObject.random(m, (14 + 26 * rnd.nextDouble()) * s, rnd, true));
        }
        return new Scene(bg, camera, objects, List.of(), 0, 0, 0);
    }

    private Scene panScene(SplittableRandom rnd) {
        double v = (1.5 + 2.5 * rnd.nextDouble()) * s;
        double sign = rnd.nextBoolean() ? 1 : -1;
        double vy = (rnd.nextDouble() - 0.5) * 0.6 * s;
        Texture bg = Texture.background(width + (int) (600 * s) + 64, height + (int) (100 * s) + 64, rnd);
        double bx = sign > 0 ? 16 : bg.width - width - 16;
        double by = bg.height / 2.0 - height / 2.0;
        Motion camera = (t, out) -> {
            out[0] = bx + sign * v * t;
            out[1] = by + vy * t;
            out[2] = 0;
        };
        List<SceneObject> objects = new ArrayList<>();
        int count = rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            double ov = (0.5 + 1.5 * rnd.nextDouble()) * s;
            double a = rnd.nextDouble() * 2 * Math.PI;
            Motion m = Motion.wander(
                    rnd.nextDouble() * width,
                    rnd.nextDouble() * height,
                    ov * Math.cos(a),
                    ov * Math.sin(a),
                    6 * s,
                    400,
                    rnd.nextDouble() * 6.28,
                    0);
            objects.add(SceneObject.random(m, (16 + 20 * rnd.nextDouble()) * s, rnd, true));
        }
        return new Scene(bg, camera, objects, List.of(), 0, 0, 0);
    }

    // ---- kinds ----

    private ClipPlan clean(
            ClipKind kind,
            SplittableRandom rnd,
            long seed,
            String file,
            int n,
            int fps,
            double sensor,
            Scene scene,
            double speed) {
        Timeline tl = Timeline.linear(n, speed, seed * 1000);
        return new ClipPlan(
                List.of(scene),
                tl,
                sensor,
                false,
                label(file, kind, false, null, null, false, null, false, 0, List.of(), n, fps, sensor, false, seed));
    }

    private ClipPlan cuts(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        int shots = 2 + rnd.nextInt(2);
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < shots; i++) {
            scenes.add(cleanScene(rnd, 0.2, 1.0, 3, 6, 0.8, 3.0));
        }
        List<Integer> cuts = new ArrayList<>();
        int minShot = 20;
        int remaining = n - shots * minShot;
        int pos = 0;
        for (int i = 1; i < shots; i++) {
            pos += minShot + rnd.nextInt(Math.max(1, remaining / (shots - 1)));
            cuts.add(pos);
        }
        int[] sc = new int[n];
        double[] t = new double[n];
        long[] k = new long[n];
        int shot = 0;
        for (int i = 0; i < n; i++) {
            while (shot < cuts.size() && i >= cuts.get(shot)) {
                shot++;
            }
            sc[i] = shot;
            t[i] = i;
            k[i] = seed * 1000 + i;
        }
        return new ClipPlan(
                scenes,
                new Timeline(sc, t, k),
                sensor,
                false,
                label(
                        file,
                        ClipKind.CUTS,
                        false,
                        null,
                        null,
                        false,
                        null,
                        false,
                        0,
                        cuts,
                        n,
                        fps,
                        sensor,
                        false,
                        seed));
    }

    private ClipPlan freeze(SplittableRandom rnd, long seed, String file, int n, int fps) {
        int onset = (int) (n * (0.3 + 0.4 * rnd.nextDouble()));
        boolean noisy = rnd.nextBoolean();
        double sigma = noisy ? 1.5 + 1.5 * rnd.nextDouble() : 0;
        Scene scene = cleanScene(rnd, 0.3, 1.0, 4, 7, 0.8, 3.0);
        int[] sc = new int[n];
        double[] t = new double[n];
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.min(i, onset);
            k[i] = seed * 1000 + (noisy ? i : Math.min(i, onset));
        }
        return new ClipPlan(
                List.of(scene),
                new Timeline(sc, t, k),
                sigma,
                false,
                label(
                        file,
                        ClipKind.FREEZE,
                        false,
                        null,
                        null,
                        false,
                        onset,
                        false,
                        0,
                        List.of(),
                        n,
                        fps,
                        sigma,
                        false,
                        seed));
    }

    private ClipPlan stutter(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        Scene scene = cleanScene(rnd, 0.3, 1.0, 4, 7, 0.8, 3.0);
        double p = 0.2 + 0.2 * rnd.nextDouble();
        int[] sc = new int[n];
        double[] t = new double[n];
        long[] k = new long[n];
        int src = 0;
        int run = 0;
        int dups = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && run < 2 && rnd.nextDouble() < p) {
                run++;
                dups++;
            } else if (i > 0) {
                src++;
                run = 0;
            }
            t[i] = src;
            k[i] = seed * 1000 + src;
        }
        return new ClipPlan(
                List.of(scene),
                new Timeline(sc, t, k),
                sensor,
                false,
                label(
                        file,
                        ClipKind.STUTTER,
                        false,
                        null,
                        null,
                        false,
                        null,
                        true,
                        dups,
                        List.of(),
                        n,
                        fps,
                        sensor,
                        false,
                        seed));
    }

    /** The label of a clip that loops and has no other failure: period and first repeated frame, no freeze. */
    ClipLabel loopLabel(
            String file, ClipKind kind, int period, Integer firstRepeat, int n, int fps, double noise, long seed) {
        return label(
                file, kind, true, period, firstRepeat, false, null, false, 0, List.of(), n, fps, noise, false, seed);
    }

    ClipLabel label(
            String file,
            ClipKind kind,
            boolean looped,
            Integer period,
            Integer firstRepeat,
            boolean pingPong,
            Integer freeze,
            boolean stutter,
            int dups,
            List<Integer> cuts,
            int n,
            int fps,
            double noise,
            boolean reencoded,
            long seed) {
        return new ClipLabel(
                file,
                kind,
                looped,
                period,
                firstRepeat,
                pingPong,
                freeze,
                stutter,
                dups,
                cuts,
                n,
                width,
                height,
                fps,
                Math.round(noise * 100) / 100.0,
                reencoded,
                seed);
    }
}
