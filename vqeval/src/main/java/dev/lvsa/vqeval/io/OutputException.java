package dev.lvsa.vqeval.io;

import java.io.IOException;

/**
 * An output file that could not be written (disk full, quota, permissions changed under a run): a message
 * that names the file and the cause, for one line on stderr and exit 2. Whatever was being written is gone
 * (written to a temporary file first); files written before it stay.
 */
public final class OutputException extends IOException {

  public OutputException(String message, IOException cause) {
    super(message, cause);
  }
}
