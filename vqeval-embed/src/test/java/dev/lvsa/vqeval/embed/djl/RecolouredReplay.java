package dev.lvsa.vqeval.embed.djl;

import dev.lvsa.vqeval.TestVideos;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A clip whose second half replays its first half with the colour channels rotated (red shows as green,
 * green as blue, blue as red): the same scene, re-coloured. The scene is a mosaic of saturated colour
 * blocks that pans, with three discs moving across it, so the grey structure of the replay differs from
 * the original wherever colours differ, which is everywhere.
 */
final class RecolouredReplay {

    static final int WIDTH = 192;
    static final int HEIGHT = 128;
    static final int FPS = 24;

    private RecolouredReplay() {}

    /** {@code 2 * half} frames: {@code 0..half-1} new, then the same again re-coloured (lag {@code half}). */
    static Path write(Path file, int half) throws IOException {
        return TestVideos.writeFrames(
                file, WIDTH, HEIGHT, 2 * half, FPS, "mpeg4", false, i -> render(i < half ? i : i - half, i >= half));
    }

    private static final int[][] PALETTE = {
        {230, 40, 40}, {40, 200, 60}, {50, 70, 230}, {240, 220, 40}, {200, 40, 210}, {40, 210, 220},
        {250, 140, 30}, {120, 40, 200}, {30, 120, 60}, {220, 100, 160}, {90, 90, 90}, {180, 230, 120}
    };

    /** BGR bytes of the scene at time {@code t}; {@code rotate}: R,G,B shown as G,B,R. */
    static byte[] render(int t, boolean rotate) {
        byte[] out = new byte[WIDTH * HEIGHT * 3];
        double pan = 1.7 * t;
        double[][] discs = {
            {96 + 70 * Math.sin(t * 0.07), 64 + 40 * Math.sin(t * 0.11), 18},
            {96 + 60 * Math.cos(t * 0.05), 64 + 35 * Math.sin(t * 0.09 + 1), 14},
            {96 + 80 * Math.sin(t * 0.03 + 2), 64 + 30 * Math.cos(t * 0.13), 11}
        };
        int[][] discColour = {{255, 255, 255}, {20, 20, 20}, {255, 200, 0}};
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int bx = Math.floorMod((int) Math.floor((x + pan) / 32), 6);
                int by = y / 32;
                int[] c = PALETTE[(bx + 5 * by) % PALETTE.length];
                for (int d = 0; d < discs.length; d++) {
                    double dx = x - discs[d][0];
                    double dy = y - discs[d][1];
                    if (dx * dx + dy * dy < discs[d][2] * discs[d][2]) {
                        c = discColour[d];
                    }
                }
                int r = c[0];
                int g = c[1];
                int b = c[2];
                if (rotate) {
                    int tmp = r;
                    r = b;
                    b = g;
                    g = tmp;
                }
                int o = 3 * (y * WIDTH + x);
                out[o] = (byte) b;
                out[o + 1] = (byte) g;
                out[o + 2] = (byte) r;
            }
        }
        return out;
    }
}
