package dev.lvsa.runner.ledger;

import dev.lvsa.common.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run folder ({@code RUN_DIR/.runner.lock}), held while a runner changes it. The operating
 * system releases it when the process dies, even by SIGKILL, so a killed runner never blocks the next one.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".runner.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @throws BadInputException if another runner holds it
     */
    public static RunLock acquire(Path runDir) {
        Path f = runDir.resolve(FILE);
        try {
            Files.createDirectories(runDir);
            FileChannel ch =
                    FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(f).strip();
                ch.close();
                throw new BadInputException(runDir + ": in use by another lvsa-runner"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it or stop it first");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(
                    String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new RunLock(ch, l);
        } catch (IOException e) {
            throw new BadInputException(runDir + ": cannot lock the run folder (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
