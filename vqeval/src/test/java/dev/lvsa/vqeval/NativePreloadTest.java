package dev.lvsa.vqeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of native libraries that {@code bin/vqeval} hands to later runs: written whenever the presets VQeval
 * decodes and analyses with can load, even where another preset cannot (FFmpeg's device library needs PulseAudio,
 * which a bare server lacks; until 2026-12-05 that dropped the whole list and every run searched the jars).
 */
class NativePreloadTest {

    @Test
    void recordsTheDecodingAndAnalysisLibrariesAsExistingFiles(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("vqeval.natives");
        System.setProperty(NativePreload.RECORD_PROPERTY, list.toString());
        try {
            NativePreload.recordLoadedLibraries();
        } finally {
            System.clearProperty(NativePreload.RECORD_PROPERTY);
        }
        List<String> files = Files.readAllLines(list);
        assertThat(files).allSatisfy(f -> assertThat(Path.of(f)).isRegularFile());
        assertThat(files.stream().map(f -> Path.of(f).getFileName().toString()))
                .anySatisfy(f -> assertThat(f).startsWith("libavformat"))
                .anySatisfy(f -> assertThat(f).startsWith("libswscale"))
                .anySatisfy(f -> assertThat(f).startsWith("libopencv_imgproc"))
                .anySatisfy(f -> assertThat(f).startsWith("libopencv_video"));
    }
}
