package dev.lvsa.vqeval.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets survive a write and a read; malformed files are refused with a reason. */
class PresetFilesTest {

    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        Preset p = new Preset(
                "mine",
                Map.of("spatial_quality.sharpness", new NormRange(300, 20)),
                Map.of("loop_quality", 0.5),
                Map.of("videos", 12));
        PresetFiles.write(dir.resolve("p.json"), p);
        Preset back = PresetFiles.read(dir.resolve("p.json"));
        assertThat(back.name()).isEqualTo("mine");
        assertThat(back.ranges()).isEqualTo(p.ranges());
        assertThat(back.weights()).isEqualTo(p.weights());
        assertThat(back.info()).containsEntry("videos", 12);
    }

    @Test
    void malformedPresetsAreRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{not json");
        assertThatThrownBy(() -> PresetFiles.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not valid JSON");
        Files.writeString(f, "{\"format\":\"other\"}");
        assertThatThrownBy(() -> PresetFiles.read(f)).hasMessageContaining("expected 'vqeval-preset/v1'");
        Files.writeString(f, "{\"format\":\"vqeval-preset/v1\",\"ranges\":{\"a.b\":{\"good\":1}}}");
        assertThatThrownBy(() -> PresetFiles.read(f)).hasMessageContaining("needs numeric 'good' and 'bad'");
    }
}
