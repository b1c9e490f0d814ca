package dev.lvsa.vqeval.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: through a temporary
 * file in the same folder (created if missing) and an atomic move. The file's mode follows the umask, like
 * any file the user's tools create (a group sharing a folder can read it when the umask says so).
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
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = newTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      Files.write(tmp, content);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new OutputException(target + ": cannot write (" + reason(e) + ")", e);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
    return target;
  }

  /** The operating system's words for a failed write ("No space left on device"), without class names. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /**
   * Creates a new empty file {@code dir/prefix<random>suffix} whose mode follows the umask (unlike
   * {@link Files#createTempFile}, which makes it owner-only), for content that is moved into place later.
   */
  public static Path newTempFile(Path dir, String prefix, String suffix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
      try {
        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
}
