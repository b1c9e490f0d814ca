package dev.lvsa.reports;

/**
 * A user's input the reports cannot use (a missing file, a CSV without the columns the export contract
 * requires). The message is one line naming the input and the cause.
 */
public class BadInputException extends Exception {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
