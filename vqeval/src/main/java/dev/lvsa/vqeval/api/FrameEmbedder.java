package dev.lvsa.vqeval.api;

/**
 * A learned image encoder that turns frames into feature vectors (DINO, CLIP or any model with an image
 * input). VQeval prepares the images ({@link EmbedderSpec} says how) and batches them; an implementation
 * only runs the model. Opened through a {@link FrameEmbedderProvider}; one instance may serve several
 * videos, one call at a time.
 */
public interface FrameEmbedder extends AutoCloseable {

    /** How this model wants its input, and what it is. */
    EmbedderSpec spec();

    /**
     * One feature vector per image, in order.
     *
     * @param images each {@code 3 x height x width} floats, channel-major RGB, already normalised with the
     *     spec's mean and standard deviation
     * @throws EmbedderException when the model fails on the input
     */
    float[][] embed(float[][] images, int width, int height) throws EmbedderException;

    @Override
    void close();
}
