package dev.lvsa.runner.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's versions and the toolkit's commit are kept with the run, for the report's Software block. */
class RunEnvironmentTest {

    @Test
    void theReadyLinesVersionsAreRecordedAndReadBack(@TempDir Path dir) throws Exception {
        try (Ledger l = Ledger.open(dir)) {
            assertThat(RunEnvironment.read(l)).isEmpty();
            RunEnvironment.recordWorker(l, new ObjectMapper().readTree("""
                    {"type": "ready", "device": "cuda:0", "versions": {"worker": "0.1.0", "python": "3.11.9",
                     "torch": "2.5.1+cu124", "diffusers": "0.33.1", "transformers": null}}"""));
            l.setMeta(RunEnvironment.COMMIT_KEY, "0123456789ab");
            assertThat(RunEnvironment.read(l))
                    .containsExactly(
                            java.util.Map.entry("toolkit git commit (run)", "0123456789ab"),
                            java.util.Map.entry("lvsa_worker (run)", "0.1.0"),
                            java.util.Map.entry("python (run)", "3.11.9"),
                            java.util.Map.entry("torch (run)", "2.5.1+cu124"),
                            java.util.Map.entry("diffusers (run)", "0.33.1"),
                            java.util.Map.entry("transformers (run)", "not installed"),
                            java.util.Map.entry("device (run)", "cuda:0"));
        }
    }

    @Test
    void aReadyLineWithoutVersionsChangesNothing(@TempDir Path dir) throws Exception {
        try (Ledger l = Ledger.open(dir)) {
            RunEnvironment.recordWorker(l, new ObjectMapper().readTree("{\"type\": \"ready\", \"pid\": 7}"));
            RunEnvironment.recordWorker(l, null);
            assertThat(RunEnvironment.read(l)).isEmpty();
        }
    }

    @Test
    void theCommitOfAGitTreeOrNothing(@TempDir Path dir) {
        assertThat(RunEnvironment.commit(dir)).as("not a git tree").isNull();
        assertThat(RunEnvironment.commit(null)).isNull();
    }
}
