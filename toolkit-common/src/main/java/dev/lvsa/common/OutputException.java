package dev.lvsa.common;

import java.io.IOException;

/**
 * An output file that could not be written (disk full, quota, permissions changed under a run), thrown by
 * {@link AtomicFiles}: the message names the file and the operating system's reason, in one line
 * ({@code out/report.json: cannot write (No space left on device)}). Whatever was being written is gone (it went
 * to a temporary file first); the file it was to replace, and files written before, stay as they were.
 */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message, IOException cause) {
        super(message, cause);
    }
}
