package dev.lvsa.baselines;

/**
 * A user's input is wrong: an unknown model, a frame count the VAE cannot take, a knob out of range, an unreadable
 * or malformed pattern spec. The message names the input and the cause in one line; the CLI prints it and exits
 * with code 2.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
