package dev.lvsa.baselines.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.baselines.pattern.Lvsa;
import dev.lvsa.baselines.pattern.LvsaParams;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ASCII and PNG pictures: checked by content and size, not bytes. */
class PicturesTest {
    private final FrameMask mask = Lvsa.mask(Lvsa.resolve(LvsaParams.defaults(), 41, 21), 0);

    @Test
    void ascii_has_one_row_per_query_and_marks_anchors() {
        String s = AsciiMask.render(mask);
        List<String> rows = s.lines().filter(l -> l.contains("|")).toList();
        assertThat(rows).hasSize(41);
        assertThat(rows.get(20)).startsWith("20 |A").endsWith("| 21");
        long anchorsInRow = rows.get(20).chars().filter(c -> c == 'A').count();
        assertThat(anchorsInRow).isEqualTo(14);
        assertThat(s).contains("density 0.512");
    }

    @Test
    void png_has_the_masks_share_of_coloured_cells(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mask.png");
        MaskHeatmap.writePng(MaskHeatmap.render(mask), file);
        BufferedImage img = ImageIO.read(file.toFile());
        int cell = MaskHeatmap.cellSize(41);
        assertThat(img.getWidth()).isEqualTo(41 * cell);
        long white = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF) {
                    white++;
                }
            }
        }
        double attended = 1 - (double) white / ((long) img.getWidth() * img.getHeight());
        assertThat(attended).isEqualTo(mask.density());
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temp file left behind
        }
    }
}
