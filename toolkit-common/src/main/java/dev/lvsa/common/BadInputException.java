package dev.lvsa.common;

/**
 * A user's input is wrong: an unknown model, a knob out of range, a missing or malformed file, an output folder
 * that does not exist. The message is the one line the user sees: it names the input and the cause. The command
 * line prints it (after the command's name) and exits with {@link ExitCodes#USAGE}; see {@link CliErrors}.
 * Unchecked, so that it passes through code that has nothing to say about it.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    /** With the exception behind it (shown with {@code --verbose}, never in the one line). */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
