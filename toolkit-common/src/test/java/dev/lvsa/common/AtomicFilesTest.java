package dev.lvsa.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.common.AtomicFiles.Folder;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files replaced whole, no temporary file left, the mode as the umask says, the folder as the caller says. */
class AtomicFilesTest {

    private static String[] names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void replacesWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plan.json");
        assertThat(AtomicFiles.writeString(f, "one")).isEqualTo(f);
        AtomicFiles.writeString(f, "two", Folder.MUST_EXIST);
        assertThat(Files.readString(f)).isEqualTo("two");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        assertThat(names(dir)).containsExactly("plan.json");
    }

    @Test
    void theFileModeFollowsTheUmaskLikeAnyOtherFile(@TempDir Path dir) throws Exception {
        // a file created the ordinary way gets 0666 less the umask; an atomic write must end the same, not
        // owner-only (a temporary file's mode) nor a fixed 0644
        Path reference = dir.resolve("reference");
        Files.write(reference, new byte[] {1});
        Path created = AtomicFiles.writeString(dir.resolve("sub/out.json"), "{}");
        Path existing = AtomicFiles.writeString(dir.resolve("plan.json"), "{}", Folder.MUST_EXIST);
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file modes");
        assertThat(Files.getPosixFilePermissions(created)).isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(Files.getPosixFilePermissions(existing)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void createMakesMissingFolders(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a/b/out.json");
        AtomicFiles.writeString(f, "x");
        assertThat(Files.readString(f)).isEqualTo("x");
        assertThat(names(f.getParent())).containsExactly("out.json");
    }

    @Test
    void aMissingFolderIsTheUsersMistakeWhenItMustExist(@TempDir Path dir) {
        Path f = dir.resolve("nope/plan.json");
        assertThatThrownBy(() -> AtomicFiles.writeString(f, "x", Folder.MUST_EXIST))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ": folder " + dir.resolve("nope") + " does not exist");
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    @Test
    void aFolderInTheFilesPlaceIsRefused(@TempDir Path dir) throws Exception {
        Path f = Files.createDirectories(dir.resolve("out.json"));
        assertThatThrownBy(() -> AtomicFiles.writeString(f, "x", Folder.MUST_EXIST))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ": is a folder, not a file");
        assertThatThrownBy(() -> AtomicFiles.writeString(f, "x"))
                .isInstanceOf(OutputException.class)
                .hasMessage(f + ": cannot write (is a folder, not a file)");
        assertThat(f).isEmptyDirectory();
    }

    @Test
    void aWriterMayCloseTheStream(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("table.csv");
        AtomicFiles.write(f, Folder.MUST_EXIST, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write("a,b\n1,2\n");
            }
        });
        assertThat(Files.readString(f)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndNamesTheTarget(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plan.json");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, Folder.CREATE, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("No space left on device");
                }))
                .isInstanceOf(OutputException.class)
                .hasMessage(f + ": cannot write (No space left on device)");
        assertThatThrownBy(() -> AtomicFiles.write(f, Folder.CREATE, out -> {
                    throw new BadInputException("the writer's own mistake");
                }))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the writer's own mistake");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(names(dir)).containsExactly("plan.json");
    }

    @Test
    void aFolderThatCannotBeWrittenIsOneLine(@TempDir Path dir) throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file modes");
        Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "runs as a user who can write anywhere (root)");
            Path f = ro.resolve("out.json");
            assertThatThrownBy(() -> AtomicFiles.writeString(f, "x"))
                    .isInstanceOf(OutputException.class)
                    .hasMessage(f + ": cannot write (permission denied)");
        } finally {
            Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aTemporaryFileForAnotherWriterIsNewEmptyAndFollowsTheUmask(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        Files.write(reference, new byte[] {1});
        Path a = AtomicFiles.newTempFile(dir, ".clip.mp4", ".tmp.mp4");
        Path b = AtomicFiles.newTempFile(dir, ".clip.mp4", ".tmp.mp4");
        assertThat(a).isNotEqualTo(b).isEmptyFile();
        assertThat(a.getFileName().toString()).startsWith(".clip.mp4").endsWith(".tmp.mp4");
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file modes");
        assertThat(Files.getPosixFilePermissions(a)).isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
