package dev.lvsa.baselines.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.baselines.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans, CSVs and experiment copies: replaced whole, no temporary file left, mode as the umask says. */
class AtomicFilesTest {

    @Test
    void replacesWholeAndFollowsTheUmask(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        Files.write(reference, new byte[] {1});
        Path f = dir.resolve("plan.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plan.json", "reference");
        }
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file modes");
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void aMissingFolderIsTheUsersMistake(@TempDir Path dir) {
        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("nope/plan.json"), "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
    }
}
