package dev.lvsa.reports.chart;

import dev.lvsa.common.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders charts to PNG and SVG files (atomically) and keeps the PNG bytes for embedding. */
public final class ChartFiles {

    private ChartFiles() {}

    /** Writes {@code dir/ID.png} and {@code dir/ID.svg}. */
    public static ChartImage write(Chart<?, ?> chart, Path dir, String id) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Path pngFile = AtomicFiles.write(dir.resolve(id + ".png"), png.toByteArray());
        Path svgFile = AtomicFiles.write(dir.resolve(id + ".svg"), svg.toByteArray());
        return new ChartImage(
                id, chart.getTitle(), pngFile, svgFile, png.toByteArray(), chart.getWidth(), chart.getHeight(), null);
    }

    /** Writes a bitmap as {@code dir/ID.png} (no SVG). */
    public static ChartImage write(BufferedImage image, String title, Path dir, String id) throws IOException {
        byte[] bytes = png(image);
        Path file = AtomicFiles.write(dir.resolve(id + ".png"), bytes);
        return new ChartImage(id, title, file, null, bytes, image.getWidth(), image.getHeight(), null);
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    /**
     * A file stem from free text (a model name): lower-case letters, digits, dots and dashes kept, anything
     * else one underscore; never empty, never a path.
     */
    public static String slug(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9.-]+", "_")
                .replaceAll("^[._]+", "")
                .replaceAll("_+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60);
        }
        return s.isEmpty() ? "x" : s;
    }
}
