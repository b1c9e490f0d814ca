package dev.lvsa.vqeval.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: through a temporary
 * file in the same folder (created if missing) and an atomic move. The file ends up rw-r--r-- where POSIX.
 * Other modules write their outputs through this class too.
 */
public final class AtomicFiles {

  private AtomicFiles() {
  }

  /** Writes {@code content} as UTF-8; returns {@code target}. */
  public static Path writeString(Path target, String content) throws IOException {
    return write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code content}; returns {@code target}. */
  public static Path write(Path target, byte[] content) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, content);
      readableByAll(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /**
   * Temporary files are created owner-only; outputs should read like any other file (rw-r--r--). A file
   * system without POSIX permissions keeps its default.
   */
  public static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to adjust
    }
  }
}
