package dev.lvsa.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.datasets.prompts.PromptSet;
import dev.lvsa.datasets.prompts.PromptSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's prompt sets load, and a user's prompt file is checked like an experiment. */
class PromptSetsTest {
    private final PromptSets sets = new PromptSets(ExperimentLoader.yaml());

    @Test
    void every_built_in_set_loads_with_unique_ids() {
        for (String name : sets.names()) {
            PromptSet s = sets.get(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.description()).isNotBlank();
            assertThat(s.prompts())
                    .allSatisfy(p -> assertThat(p.text().length()).isGreaterThan(20));
        }
        assertThat(sets.get("long-video-5").prompts()).hasSize(5);
        assertThat(sets.get("demo-1").prompts()).hasSize(1);
    }

    @Test
    void a_user_file_and_its_mistakes(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("mine.yaml");
        Files.writeString(ok, "prompts:\n  - id: a\n    text: one prompt\n");
        assertThat(sets.load(ok).name()).isEqualTo("mine");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "prompts:\n  - id: a\n    txt: typo\n");
        assertThatThrownBy(() -> sets.load(bad))
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("txt");
        assertThatThrownBy(() -> sets.get("nope")).hasMessageContaining("long-video-5");
    }
}
