package dev.lvsa.vqeval.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.vqeval.api.EmbedderException;
import dev.lvsa.vqeval.api.EmbedderRequest;
import dev.lvsa.vqeval.api.FrameEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL provider on a tiny model the test writes itself: what it returns, and how it refuses. */
class DjlFrameEmbedderTest {

    @TempDir
    Path dir;

    private static float[][] images(int n, int size, long seed) {
        Random r = new Random(seed);
        float[][] out = new float[n][3 * size * size];
        for (float[] im : out) {
            for (int i = 0; i < im.length; i++) {
                im[i] = (float) r.nextGaussian();
            }
        }
        return out;
    }

    private FrameEmbedder open(Path model) throws EmbedderException {
        return open(model, null);
    }

    private FrameEmbedder open(Path model, Integer size) throws EmbedderException {
        return new DjlEmbedderProvider().open(new EmbedderRequest(model, null, size, null, null, null, null));
    }

    @Test
    void embeddings_are_deterministic_and_a_batch_equals_one_image_at_a_time() throws Exception {
        Path model = TinyOnnx.colourBlindEncoder(dir.resolve("tiny.onnx"), 64, 7);
        float[][] ims = images(5, 64, 1);
        try (FrameEmbedder a = open(model, 64);
                FrameEmbedder b = open(model, 64)) {
            assertThat(a.spec().size()).isEqualTo(64);
            float[][] batch = a.embed(ims, 64, 64);
            assertThat(batch).hasNumberOfRows(5);
            assertThat(batch[0]).hasSize(128);
            assertThat(b.embed(ims, 64, 64)).as("another session, same numbers").isDeepEqualTo(batch);
            for (int i = 0; i < ims.length; i++) {
                float[] one = a.embed(new float[][] {ims[i]}, 64, 64)[0];
                for (int k = 0; k < one.length; k++) {
                    assertThat(one[k]).isCloseTo(batch[i][k], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            assertThat(batch[0]).as("different images, different features").isNotEqualTo(batch[1]);
        }
    }

    @Test
    void the_model_does_not_see_a_permutation_of_the_colour_channels() throws Exception {
        Path model = TinyOnnx.colourBlindEncoder(dir.resolve("tiny.onnx"), 32, 7);
        float[] im = images(1, 32, 3)[0];
        int plane = 32 * 32;
        float[] rotated = new float[im.length];
        System.arraycopy(im, 0, rotated, plane, plane);
        System.arraycopy(im, plane, rotated, 2 * plane, plane);
        System.arraycopy(im, 2 * plane, rotated, 0, plane);
        try (FrameEmbedder e = open(model, 32)) {
            float[][] v = e.embed(new float[][] {im, rotated}, 32, 32);
            for (int k = 0; k < v[0].length; k++) {
                assertThat(v[1][k]).isCloseTo(v[0][k], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void the_sidecar_sets_kind_and_normalisation_and_options_override_it() throws Exception {
        Path model = TinyOnnx.colourBlindEncoder(dir.resolve("enc.onnx"), 32, 7);
        Files.writeString(
                dir.resolve("enc.onnx.json"),
                "{\"kind\": \"clip\", \"size\": 32, \"mean\": [0.5, 0.5, 0.5], " + "\"std\": [0.25, 0.25, 0.25]}");
        try (FrameEmbedder e = open(model)) {
            assertThat(e.spec().kind().label()).isEqualTo("clip");
            assertThat(e.spec().mean()).containsExactly(0.5f, 0.5f, 0.5f);
            assertThat(e.spec().crop()).isTrue();
        }
        try (FrameEmbedder e = new DjlEmbedderProvider()
                .open(new EmbedderRequest(model, "dino", null, true, new float[] {0.1f, 0.2f, 0.3f}, null, null))) {
            assertThat(e.spec().kind().label()).isEqualTo("dino");
            assertThat(e.spec().mean()).containsExactly(0.1f, 0.2f, 0.3f);
            assertThat(e.spec().std()).containsExactly(0.25f, 0.25f, 0.25f);
        }
    }

    @Test
    void refusals_name_the_file_and_the_cause() throws Exception {
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> open(missing)).hasMessage(missing + ": no such model file");

        Path text = Files.writeString(dir.resolve("notes.onnx"), "these are notes, not a model\n");
        assertThatThrownBy(() -> open(text))
                .hasMessageStartingWith(text + ": not a model the OnnxRuntime engine can load");

        Path vector = TinyOnnx.vectorModel(dir.resolve("vector.onnx"));
        assertThatThrownBy(() -> open(vector))
                .hasMessageStartingWith(vector + ": the model does not take (1, 3, 224, 224) images (")
                .hasMessageContaining("an image encoder takes (batch, 3, height, width)");
        Path model64 = TinyOnnx.colourBlindEncoder(dir.resolve("tiny64.onnx"), 64, 7);
        assertThatThrownBy(() -> open(model64))
                .as("a fixed-size model fed the default size is told to set its size")
                .hasMessageStartingWith(model64 + ": the model does not take (1, 3, 224, 224) images (")
                .hasMessageEndingWith("give its input size with --embedder-size or the sidecar's \"size\"");

        Path model = TinyOnnx.colourBlindEncoder(dir.resolve("tiny.onnx"), 32, 7);
        assertThatThrownBy(() -> new DjlEmbedderProvider()
                        .open(new EmbedderRequest(model, null, null, null, null, null, "PyTorch")))
                .hasMessage(model + ": engine 'PyTorch' cannot be loaded here (available: OnnxRuntime)");
        assertThatThrownBy(() ->
                        new DjlEmbedderProvider().open(new EmbedderRequest(model, "dino", 32, null, null, null, null)))
                .hasMessageStartingWith(model + ": the model takes only square 32x32 images, but frames are "
                        + "resized without a crop (kind dino)");

        Files.writeString(dir.resolve("tiny.json"), "{\"kind\": \"clip\", \"sise\": 32}");
        assertThatThrownBy(() -> open(model))
                .hasMessage(dir.resolve("tiny.json") + ": unknown field 'sise' (known: "
                        + "kind, size, crop, mean, std, engine)");
    }
}
