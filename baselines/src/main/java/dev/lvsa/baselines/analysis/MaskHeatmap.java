package dev.lvsa.baselines.analysis;

import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.common.AtomicFiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * PNG heatmaps of frame masks (query frames down, key frames across, frame 0 top left), drawn with
 * {@code java.awt} and written with {@link ImageIO}.
 */
public final class MaskHeatmap {
    /** Colour of an anchor cell in a one-step picture. */
    public static final Color ANCHOR = new Color(31, 78, 121);
    /** Colour of a window (non-anchor) attended cell. */
    public static final Color ATTENDED = new Color(230, 145, 56);
    /** Colour of a skipped cell. */
    public static final Color SKIPPED = Color.WHITE;

    private MaskHeatmap() {}

    /** Pixels per frame: cells of at least 1 and at most 8 pixels, aiming at about 720 pixels across. */
    public static int cellSize(int frames) {
        return Math.max(1, Math.min(8, 720 / frames));
    }

    /** One step's mask: anchors dark blue, other attended cells orange, skipped cells white. */
    public static BufferedImage render(FrameMask mask) {
        int t = mask.frames();
        int cell = cellSize(t);
        BitSet anchors = mask.anchors();
        BufferedImage img = new BufferedImage(t * cell, t * cell, BufferedImage.TYPE_INT_RGB);
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                Color c = !mask.attends(q, k) ? SKIPPED : anchors.get(k) ? ANCHOR : ATTENDED;
                fill(img, q, k, cell, c.getRGB());
            }
        }
        return img;
    }

    /**
     * Several steps at once: each cell's grey level is the share of steps that attend it (black = every step,
     * white = none).
     */
    public static BufferedImage renderFrequency(List<FrameMask> masks) {
        int t = masks.get(0).frames();
        int cell = cellSize(t);
        BufferedImage img = new BufferedImage(t * cell, t * cell, BufferedImage.TYPE_INT_RGB);
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                int n = 0;
                for (FrameMask m : masks) {
                    if (m.attends(q, k)) {
                        n++;
                    }
                }
                int level = 255 - (int) Math.round(255.0 * n / masks.size());
                fill(img, q, k, cell, new Color(level, level, level).getRGB());
            }
        }
        return img;
    }

    private static void fill(BufferedImage img, int q, int k, int cell, int rgb) {
        for (int y = q * cell; y < (q + 1) * cell; y++) {
            for (int x = k * cell; x < (k + 1) * cell; x++) {
                img.setRGB(x, y, rgb);
            }
        }
    }

    /** Writes an image as PNG, atomically. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, AtomicFiles.Folder.MUST_EXIST, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
    }
}
