package dev.lvsa.vqeval.embed.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lvsa.vqeval.api.EmbedderException;
import dev.lvsa.vqeval.api.EmbedderSpec;
import dev.lvsa.vqeval.api.FrameEmbedder;
import java.nio.FloatBuffer;

/**
 * Runs one DJL model on batches of prepared images. The first output is the feature: {@code (batch, d)} as
 * is, trailing unit dimensions dropped, and for a token sequence {@code (batch, tokens, d)} the first token
 * (a ViT's class token, as DINO and CLIP image encoders use). One call at a time (synchronised).
 */
final class DjlFrameEmbedder implements FrameEmbedder {

    private final EmbedderSpec spec;
    private final Model model;

    DjlFrameEmbedder(EmbedderSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
    }

    @Override
    public EmbedderSpec spec() {
        return spec;
    }

    @Override
    public synchronized float[][] embed(float[][] images, int width, int height) throws EmbedderException {
        int n = images.length;
        int per = 3 * width * height;
        FloatBuffer buf = FloatBuffer.allocate(n * per);
        for (float[] im : images) {
            if (im.length != per) {
                throw new IllegalArgumentException("image of " + im.length + " values, expected " + per);
            }
            buf.put(im);
        }
        buf.flip();
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(buf, new Shape(n, 3, height, width));
            NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
            NDArray y = out.get(0);
            Shape s = y.getShape();
            if (s.dimension() == 0 || s.get(0) != n) {
                throw new EmbedderException(spec.model() + ": the model's first output has shape " + s
                        + "; expected one feature vector per image, (" + n + ", d)");
            }
            float[] flat =
                    y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            int per2 = flat.length / n;
            int d = s.dimension() == 3 && s.get(1) > 1 ? (int) s.get(2) : per2; // (batch, tokens, d): class token
            float[][] v = new float[n][d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * per2, v[i], 0, d);
            }
            return v;
        } catch (EmbedderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EmbedderException(
                    spec.model() + ": the model failed on a batch of " + n + " images of " + width + "x" + height + " ("
                            + DjlEmbedderProvider.engineMessage(e) + ")",
                    e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
