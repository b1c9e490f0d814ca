package dev.lvsa.vqeval.api;

/**
 * Opens {@link FrameEmbedder}s; found with {@link java.util.ServiceLoader}. The {@code vqeval-embed}
 * module provides one on Deep Java Library (DJL) with the ONNX Runtime engine; without a provider on the
 * class path, {@code --embedder} is refused with a line that says how to add one.
 */
public interface FrameEmbedderProvider {

    /**
     * Opens the model the request names and checks that its input fits the resolved spec.
     *
     * @throws EmbedderException for a missing or unreadable file, a file that is not a model, a model whose
     *     input is not one image, or an engine that cannot load
     */
    FrameEmbedder open(EmbedderRequest request) throws EmbedderException;
}
