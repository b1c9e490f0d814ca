package dev.lvsa.vqeval.api;

/**
 * One model's feature vectors for a video.
 *
 * @param spec the model and how its frames were prepared
 * @param every analysed frame {@code k * every} has vector {@code k}
 * @param vectors per embedded frame, scaled to unit length (cosine similarity is a dot product)
 * @param inputWidth width of the images the model saw, pixels
 * @param inputHeight their height
 * @param modelNanos time spent inside the model
 */
public record FrameEmbeddings(
        EmbedderSpec spec, int every, float[][] vectors, int inputWidth, int inputHeight, long modelNanos) {

    /** Cosine similarity of embedded frames {@code a} and {@code b}. */
    public double cosine(int a, int b) {
        float[] x = vectors[a];
        float[] y = vectors[b];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    public int size() {
        return vectors.length;
    }
}
