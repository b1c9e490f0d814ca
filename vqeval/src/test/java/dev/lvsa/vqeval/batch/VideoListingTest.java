package dev.lvsa.vqeval.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Batch inputs: which files count as videos, unique JSON names, and CSV listings. */
class VideoListingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "clip.mp4, clip",
        "a/b/clip.mp4, a__b__clip",
        "./x.gif, x",
        "../up/y.mov, up__up__y",
        "we ird name!.mkv, we_ird_name_"
    })
    void idsComeFromThePath(String path, String id) {
        assertThat(VideoListing.uniqueId(path, new HashSet<>())).isEqualTo(id);
    }

    @Test
    void clashingNamesStayUnique() {
        Set<String> used = new HashSet<>();
        assertThat(List.of(
                        VideoListing.uniqueId("clip.mp4", used),
                        VideoListing.uniqueId("clip.mov", used),
                        VideoListing.uniqueId("a__clip.mp4", used),
                        VideoListing.uniqueId("a/clip.mp4", used),
                        VideoListing.uniqueId("clip.mp4", used)))
                .containsExactly("clip", "clip_mov", "a__clip", "a__clip_mp4", "clip_mp4");
    }

    @Test
    void folderListingTakesVideosRecursivelyAndSorted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b"));
        for (String f : List.of("b/z.mp4", "a.GIF", "notes.txt", ".hidden.mp4", "c.webm")) {
            Files.writeString(dir.resolve(f), "x");
        }
        assertThat(VideoListing.fromFolder(dir).stream().map(BatchInput::shown))
                .containsExactly("a.GIF", "b/z.mp4", "c.webm");
    }

    @Test
    void csvListingDetectsThePathColumnAndFiltersOnStatus(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("runs.csv"), """
        model,video_path,status,horizon
        wan,out/a.mp4,ok,4x
        wan,out/b.mp4,failed,4x
        hv,"out/c, with comma.mp4",ok,2x
        """);
        VideoListing.CsvListing l = VideoListing.fromCsv(dir.resolve("runs.csv"), null, null, null);
        assertThat(l.pathColumn()).isEqualTo("video_path");
        assertThat(l.skipped()).isEqualTo(1);
        assertThat(l.extraColumns()).containsExactly("model", "status", "horizon");
        assertThat(l.inputs()).hasSize(2);
        assertThat(l.inputs().get(1).path())
                .isEqualTo(dir.resolve("out/c, with comma.mp4").toAbsolutePath());
        assertThat(l.inputs().get(1).extra()).containsEntry("model", "hv").containsEntry("horizon", "2x");
    }

    @Test
    void csvWithoutAPathColumnIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> VideoListing.fromCsv(dir.resolve("x.csv"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--path-column");
        assertThatThrownBy(() -> VideoListing.fromCsv(dir.resolve("x.csv"), "c", null, null))
                .hasMessageContaining("no column 'c'");
    }
}
