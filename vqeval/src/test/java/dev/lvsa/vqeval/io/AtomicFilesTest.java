package dev.lvsa.vqeval.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes replace whole files and leave no temporary files behind; CSV round-trips. */
class AtomicFilesTest {

  @Test
  void writesReplacesAndCleansUp(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sub/out.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.json");
    }
  }

  @Test
  void csvQuotesWhatNeedsIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("t.csv");
    AtomicFiles.writeString(f, Csv.format(List.of("a", "b"), List.of(List.of("x, y", "say \"hi\""),
        java.util.Arrays.asList("1", null))));
    Csv.Table t = Csv.read(f);
    assertThat(t.header()).containsExactly("a", "b");
    assertThat(t.rows()).containsExactly(List.of("x, y", "say \"hi\""), List.of("1", ""));
  }

  @Test
  void theFileModeFollowsTheUmaskLikeAnyOtherFile(@TempDir Path dir) throws Exception {
    // a file created the ordinary way gets 0666 less the umask; an atomic write must end the same, not
    // owner-only (a temporary file's mode) nor a fixed 0644
    Path reference = dir.resolve("reference");
    Files.write(reference, new byte[] {1});
    Path f = AtomicFiles.writeString(dir.resolve("out.json"), "{}");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file modes");
    assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(reference));
  }
}
