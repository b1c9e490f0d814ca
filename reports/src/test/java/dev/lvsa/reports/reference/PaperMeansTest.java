package dev.lvsa.reports.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lvsa.datasets.reference.PaperCell;
import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.reference.PaperModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published reference data the reports compare with: the loader maps the paper's names to the
 * toolkit's and returns the paper's own figures. (The loader lives in datasets; it is tested here, where
 * it is used.)
 */
class PaperMeansTest {

    private final PaperMeans paper = PaperMeans.load();

    @ParameterizedTest(name = "{0} {1}/{2} at {3}x: {4} s, {5} GB")
    @CsvSource({
        // toolkit model,        method, backend,    horizon, wall_time_s, peak_gpu_gb (paper file, rounded)
        "wan2.1-t2v-1.3b,        dense,  sdpa,       1,       150.18,      17.909",
        "wan2.1-t2v-1.3b,        lvsa,   sdpa,       4,       786.66,      19.630",
        "wan2.1-t2v-1.3b,        lvsa,   flashinfer, 4,       621.2,       20.486",
        "wan2.1-t2v-14b,         dense,  sdpa,       6,       14271.64,    57.783",
        "hunyuanvideo-1.5-480p,  lvsa,   sdpa,       2,       3476.6,      60.358",
        "hunyuanvideo-1.5-480p,  dense,  flashinfer, 0.5,     697.18,      38.851",
    })
    void publishedCellsAreFoundUnderToolkitNames(
            String model, String method, String backend, double horizon, double wallTime, double peak) {
        PaperCell c = paper.find(model, method, backend, horizon).orElseThrow();
        assertThat(c.mean(PaperMeans.WALL_TIME_S).getAsDouble())
                .isCloseTo(wallTime, org.assertj.core.data.Offset.offset(0.01));
        assertThat(c.mean(PaperMeans.PEAK_GPU_GB).getAsDouble())
                .isCloseTo(peak, org.assertj.core.data.Offset.offset(0.001));
        assertThat(c.prompts()).isEqualTo(5);
        assertThat(c.outOfMemory()).isFalse();
    }

    @ParameterizedTest(name = "{0} at {1}x = {2} video frames")
    @CsvSource({
        "WAN_2_1_1_3B, 1, 81",
        "WAN_2_1_1_3B, 2, 161",
        "WAN_2_1_1_3B, 4, 321",
        "WAN_2_1_1_3B, 6, 481",
        "HUNYUANVIDEO_1_5, 0.5, 65",
        "HUNYUANVIDEO_1_5, 1, 129",
        "HUNYUANVIDEO_1_5, 1.5, 193",
        "HUNYUANVIDEO_1_5, 2, 257"
    })
    void horizonsMapToTheVideoFramesOfTheDesignNotes(PaperModel model, double horizon, int frames) {
        assertThat(model.videoFrames(horizon)).isEqualTo(frames);
    }

    @Test
    void theDenseHunyuanVideoCellAtTwiceTheTrainingLengthIsOutOfMemory() {
        PaperCell c = paper.find("hunyuanvideo-1.5-480p", "dense", "", 2.0).orElseThrow();
        assertThat(c.outOfMemory()).isTrue();
        assertThat(c.mean(PaperMeans.WALL_TIME_S)).isEmpty();
        assertThat(c.videoFrames()).isEqualTo(257);
    }

    @Test
    void thePaperHasNoBaselinesOtherThanDenseAndNoTinyModels() {
        assertThat(paper.hasMethod("riflex")).isFalse();
        assertThat(paper.hasMethod("ultravico")).isFalse();
        assertThat(paper.hasModel("tiny-wan")).isFalse();
        assertThat(paper.find("tiny-wan", "dense", "", 1)).isEmpty();
        assertThat(paper.find("wan2.1-t2v-1.3b", "lvsa", "sdpa", 3)).isEmpty();
        assertThat(paper.cells()).hasSize(35 + 1);
    }

    @Test
    void blankPublishedFiguresStayEmptyNotZero() {
        // the HunyuanVideo rows have no vq_temporal figure
        PaperCell c = paper.find("hunyuanvideo-1.5-480p", "dense", "", 1).orElseThrow();
        assertThat(c.mean(PaperMeans.VQ_TEMPORAL)).isEmpty();
        assertThat(c.mean(PaperMeans.VQ_LOOP).getAsDouble())
                .isCloseTo(58.48, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void badReferenceRowsAreNamed() {
        assertThatThrownBy(() ->
                        PaperMeans.parse("model,backend,horizon,n\nwan99,dense,1x,5\n", "model,backend,horizon\n"))
                .hasMessageContaining("lvsa_paper_means.csv row 2")
                .hasMessageContaining("wan99");
        assertThatThrownBy(() ->
                        PaperMeans.parse("model,backend,horizon,n\nwan13b,sparse,1x,5\n", "model,backend,horizon\n"))
                .hasMessageContaining("unknown paper method 'sparse'");
    }

    @Test
    void theBundledFileIsAnUnmodifiedCopyOfTheSharedReference() throws IOException {
        Path shared = Path.of("..", "..", "shared", "reference", "paper_results_means.csv");
        assumeThat(Files.isRegularFile(shared))
                .as("../shared/reference is absent on this machine: provenance check skipped")
                .isTrue();
        try (InputStream in =
                PaperMeans.class.getResourceAsStream("/dev/lvsa/datasets/reference/lvsa_paper_means.csv")) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
        }
    }
}
