package dev.lvsa.reports.chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Content statistics of a rendered image: what tests check instead of bytes (rendering differs by system). */
public record ImageStats(int width, int height, int distinctColours, double nonWhiteShare) {

    public static ImageStats of(Path png) {
        try {
            return of(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ImageStats of(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) {
                throw new AssertionError("not a readable image");
            }
            return of(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ImageStats of(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        return new ImageStats(
                img.getWidth(),
                img.getHeight(),
                colours.size(),
                nonWhite / (double) (img.getWidth() * img.getHeight()));
    }

    /** How many pixels have exactly this colour. */
    public static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }
}
