package dev.lvsa.datasets.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The failure shapes seen in published long-video generations, made procedurally so the fixtures cover
 * them without tuning to any real clip: a single late replay of the opening, the same under an overlay
 * (a red border on exactly the replayed frames and a mildly darker picture: a stronger change that clips
 * highlights alters the structure itself), a shimmering still, and a
 * frame-rate cadence (16 fps shown at 24 fps). These clips are longer than the others (160-220 frames) so
 * that a replay lasts at least a second and a soft freeze several.
 */
final class FailureClips {

    private final ClipFactory factory;
    private final int width;
    private final int height;
    private final double s;

    FailureClips(ClipFactory factory, int width, int height) {
        this.factory = factory;
        this.width = width;
        this.height = height;
        this.s = width / 256.0;
    }

    ClipPlan plan(ClipKind kind, SplittableRandom rnd, long seed, String file, int fps, double sensor) {
        int n = 160 + rnd.nextInt(61);
        return switch (kind) {
            case LOOP_SINGLE -> singleReplay(kind, rnd, seed, file, n, fps, sensor, false);
            case LOOP_OVERLAY -> singleReplay(kind, rnd, seed, file, n, fps, sensor, true);
            case FREEZE_SHIMMER -> shimmer(rnd, seed, file, n, fps);
            case CADENCE -> cadence(rnd, seed, file, n, fps, sensor);
            default -> throw new IllegalArgumentException(kind + " is not a failure shape");
        };
    }

    private ClipPlan singleReplay(
            ClipKind kind,
            SplittableRandom rnd,
            long seed,
            String file,
            int n,
            int fps,
            double sensor,
            boolean overlay) {
        int onset = (int) (n * (0.7 + 0.15 * rnd.nextDouble()));
        Scene scene = factory.cleanScene(rnd, 0.3, 1.2, 4, 7, 0.8, 3.0);
        int[] sc = new int[n];
        double[] t = new double[n];
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            int src = i < onset ? i : i - onset;
            t[i] = src;
            k[i] = seed * 1000 + src + (i < onset ? 0 : 100_000); // the replay carries fresh noise
        }
        int border = Math.max(2, (int) Math.round(3 * s));
        ClipPlan.FrameEffect effect = !overlay
                ? null
                : (bgr, frame, w, h) -> {
                    if (frame < onset) {
                        return;
                    }
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int p = 3 * (y * w + x);
                            if (x < border || y < border || x >= w - border || y >= h - border) {
                                bgr[p] = 0;
                                bgr[p + 1] = 0;
                                bgr[p + 2] = (byte) 230;
                            } else {
                                for (int c = 0; c < 3; c++) {
                                    bgr[p + c] = (byte) Math.max(0, (int) ((bgr[p + c] & 0xff) * 0.92) - 3);
                                }
                            }
                        }
                    }
                };
        return new ClipPlan(
                List.of(scene),
                new Timeline(sc, t, k),
                sensor,
                false,
                factory.loopLabel(file, kind, onset, onset, n, fps, sensor, seed),
                effect);
    }

    private ClipPlan shimmer(SplittableRandom rnd, long seed, String file, int n, int fps) {
        int onset = (int) (n * (0.3 + 0.15 * rnd.nextDouble()));
        Scene scene = factory.cleanScene(rnd, 0.3, 1.0, 4, 7, 0.8, 3.0);
        return new ClipPlan(
                List.of(scene),
                Timeline.replaying(n, seed, i -> Math.min(i, onset)),
                0,
                false,
                factory.label(
                        file,
                        ClipKind.FREEZE_SHIMMER,
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
                        0,
                        false,
                        seed),
                shimmerEffect(seed, onset));
    }

    /** From {@code onset} on, 8% of the picture, in blocks of about 8 px, wobbles by +-14 grey levels a frame. */
    private ClipPlan.FrameEffect shimmerEffect(long seed, int onset) {
        int block = Math.max(4, (int) Math.round(8 * s));
        int bw = (width + block - 1) / block;
        int bh = (height + block - 1) / block;
        boolean[] wobbling = new boolean[bw * bh];
        SplittableRandom pick = new SplittableRandom(seed ^ 0x5EED);
        for (int b = 0; b < wobbling.length; b++) {
            wobbling[b] = pick.nextDouble() < 0.08;
        }
        return (bgr, frame, w, h) -> {
            if (frame < onset) {
                return;
            }
            SplittableRandom r = new SplittableRandom(seed * 31 + frame);
            int[] delta = new int[wobbling.length];
            for (int b = 0; b < delta.length; b++) {
                delta[b] = wobbling[b] ? (r.nextBoolean() ? 14 : -14) : 0;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int d = delta[(y / block) * bw + x / block];
                    if (d != 0) {
                        int p = 3 * (y * w + x);
                        for (int c = 0; c < 3; c++) {
                            bgr[p + c] = (byte) Math.max(0, Math.min(255, (bgr[p + c] & 0xff) + d));
                        }
                    }
                }
            }
        };
    }

    private ClipPlan cadence(SplittableRandom rnd, long seed, String file, int n, int fps, double sensor) {
        Scene scene = factory.cleanScene(rnd, 0.2, 1.0, 4, 7, 0.8, 3.0);
        int[] sc = new int[n];
        double[] t = new double[n];
        long[] k = new long[n];
        int dups = 0;
        for (int i = 0; i < n; i++) {
            int src = (2 * i) / 3; // 16 source frames in every 24: the second of each three repeats the first
            t[i] = src * 1.5;
            k[i] = seed * 1000 + src;
            dups += i > 0 && (2 * i) / 3 == (2 * (i - 1)) / 3 ? 1 : 0;
        }
        return new ClipPlan(
                List.of(scene),
                new Timeline(sc, t, k),
                sensor,
                false,
                factory.label(
                        file,
                        ClipKind.CADENCE,
                        false,
                        null,
                        null,
                        false,
                        null,
                        false,
                        dups,
                        List.of(),
                        n,
                        24,
                        sensor,
                        false,
                        seed));
    }
}
