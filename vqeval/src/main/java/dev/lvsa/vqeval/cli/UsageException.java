package dev.lvsa.vqeval.cli;

/** A user's mistake (bad option value, unreadable input): one line, exit code 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
