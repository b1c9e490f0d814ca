package dev.lvsa.baselines.io;

import dev.lvsa.baselines.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: the bytes go to a temporary file in the target's own folder, which is then moved over
 * the target with {@link StandardCopyOption#ATOMIC_MOVE}. A reader never sees a half-written file. The file's
 * mode follows the umask, like any file the user's tools create (not owner-only, as a temporary file would be).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content into the temporary file's stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes through {@code writer}. The target's folder must exist: a missing folder is the user's mistake and is
     * reported as a {@link BadInputException} naming the path.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(target + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new BadInputException(target + ": is a folder, not a file");
        }
        Path tmp = newTempFile(dir, "." + abs.getFileName() + ".");
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": the file system cannot move atomically within " + dir, e);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A new empty file in {@code dir} whose mode follows the umask ({@link Files#createTempFile} is owner-only). */
    private static Path newTempFile(Path dir, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}
