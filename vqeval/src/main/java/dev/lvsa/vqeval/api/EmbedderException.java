package dev.lvsa.vqeval.api;

/** A model that cannot be opened or run, with a message that names the model file and the cause. */
public class EmbedderException extends Exception {

    public EmbedderException(String message) {
        super(message);
    }

    public EmbedderException(String message, Throwable cause) {
        super(message, cause);
    }
}
