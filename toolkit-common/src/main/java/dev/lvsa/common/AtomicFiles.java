package dev.lvsa.common;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader sees either the old content or the new, never half of it: the bytes go to a new
 * temporary file in the target's own folder ({@code .NAME.<random>.tmp}), are forced to the disk (fsync), and the
 * temporary file is moved over the target with an atomic rename (a plain replace only on a file system that has no
 * atomic rename); the folder is then synced too, as far as the platform allows. Every file the toolkit writes goes
 * through here: plans, reports, CSVs, presets, the run folder's copies.
 *
 * <p><b>File mode.</b> The file ends with the mode any file the user's tools create gets, 0666 less the umask, so a
 * group that shares a run or report folder can read it when the umask says so. It is neither the owner-only mode
 * of {@link Files#createTempFile} (what a naive temp-then-move gives) nor a fixed 0644, and a replaced file's old
 * mode is not kept. This is what both former copies of this class did (baselines' plans and CSVs, vqeval's
 * reports), and it is right for both.
 *
 * <p><b>The target's folder</b> ({@link Folder}): {@link Folder#CREATE} makes missing folders (vqeval, datasets,
 * reports: outputs under a folder the command creates); {@link Folder#MUST_EXIST} treats a missing folder as the
 * user's mistake, a {@link BadInputException} naming it (baselines and the runner: {@code --out plan.json} in a
 * folder that is not there is a typo, not a folder to make).
 *
 * <p><b>Failures.</b> A write that fails (disk full, quota, permissions) is an {@link OutputException} naming the
 * target and the operating system's reason; the temporary file is removed and the target keeps its old content.
 * Exceptions the content's writer throws that are not {@link IOException}s pass through as they are.
 */
public final class AtomicFiles {

    /** What to do when the target's folder does not exist. */
    public enum Folder {
        /** Create it (and its parents). A folder in the target's place is an {@link OutputException}. */
        CREATE,
        /**
         * The user's mistake: a {@link BadInputException} {@code TARGET: folder DIR does not exist}; a folder in
         * the target's place is one too ({@code TARGET: is a folder, not a file}).
         */
        MUST_EXIST
    }

    /** What writes the content into the temporary file's stream (buffered; closing it is allowed and harmless). */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} as UTF-8, creating missing folders; returns {@code target}. */
    public static Path writeString(Path target, String text) throws IOException {
        return writeString(target, text, Folder.CREATE);
    }

    /** Writes {@code text} as UTF-8; returns {@code target}. */
    public static Path writeString(Path target, String text, Folder folder) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, folder, out -> out.write(bytes));
    }

    /** Writes {@code content}, creating missing folders; returns {@code target}. */
    public static Path write(Path target, byte[] content) throws IOException {
        return write(target, Folder.CREATE, out -> out.write(content));
    }

    /** Writes what {@code writer} writes; returns {@code target}. */
    public static Path write(Path target, Folder folder, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (folder == Folder.MUST_EXIST) {
            if (dir == null || !Files.isDirectory(dir)) {
                throw new BadInputException(target + ": folder " + dir + " does not exist");
            }
            if (Files.isDirectory(abs)) {
                throw new BadInputException(target + ": is a folder, not a file");
            }
        } else if (Files.isDirectory(abs)) {
            throw new OutputException(target + ": cannot write (is a folder, not a file)", null);
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = newTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.write(new Unclosable(buffered));
                buffered.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncFolder(dir);
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
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Creates a new empty file {@code dir/prefix<random>suffix} whose mode follows the umask (0666 less the umask, as
     * for any new file; {@link Files#createTempFile} would make it owner-only), for content that a caller writes
     * with a tool of its own (an encoder) and then moves into place.
     */
    public static Path newTempFile(Path dir, String prefix, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(
                    prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename durable: syncs the folder's entry list where the platform can open a folder (Linux). */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform or file system can sync a folder; the file itself is already on the disk
        }
    }

    /** The writer's stream: closing it only flushes, so the file can still be synced before it is closed. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
