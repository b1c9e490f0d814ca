package dev.lvsa.reports.chart;

import java.nio.file.Path;

/**
 * A chart written to disk: PNG (always) and SVG (null for images drawn as bitmaps only, e.g. heatmaps),
 * with the PNG's bytes kept for embedding in HTML.
 *
 * @param id file stem
 * @param title what the chart shows (for alt text and captions)
 * @param png the PNG file
 * @param svg the SVG file, or null
 * @param pngBytes the PNG's content
 * @param width pixels
 * @param height pixels
 * @param caption text shown under the image in HTML, or null
 */
public record ChartImage(
        String id, String title, Path png, Path svg, byte[] pngBytes, int width, int height, String caption) {

    /** The same image with a caption shown under it in HTML. */
    public ChartImage withCaption(String text) {
        return new ChartImage(id, title, png, svg, pngBytes, width, height, text);
    }
}
