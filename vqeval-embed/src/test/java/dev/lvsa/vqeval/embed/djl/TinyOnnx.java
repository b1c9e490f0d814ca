package dev.lvsa.vqeval.embed.djl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Tiny ONNX models written byte by byte (the ONNX protobuf schema needs only a handful of fields), so the
 * tests own their models and need no Python, no download and no committed binary.
 *
 * <p>{@link #colourBlindEncoder}: a fixed random convolutional net that first averages the three colour
 * channels (so it does not see a permutation of them), then {@code Conv 5x5/2 -> ReLU -> AveragePool to
 * 4x4 -> Flatten}: 128 features. A stand-in for a semantic encoder, nothing more.
 */
final class TinyOnnx {

    private TinyOnnx() {}

    static Path colourBlindEncoder(Path file, int size, long seed) throws IOException {
        Random rnd = new Random(seed);
        float[] w = new float[8 * 5 * 5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() * 0.2f;
        }
        float[] b = new float[8];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian() * 0.05f;
        }
        int conv = (size - 5) / 2 + 1;
        int pool = conv / 4;
        Pb graph = new Pb()
                .message(
                        1,
                        node(
                                "ReduceMean",
                                new String[] {"pixels"},
                                "grey",
                                new Pb().string(1, "axes").ints(8, 1).int64(20, 7),
                                new Pb().string(1, "keepdims").int64(3, 1).int64(20, 2)))
                .message(
                        1,
                        node(
                                "Conv",
                                new String[] {"grey", "w1", "b1"},
                                "c1",
                                new Pb().string(1, "strides").ints(8, 2, 2).int64(20, 7)))
                .message(1, node("Relu", new String[] {"c1"}, "r1"))
                .message(
                        1,
                        node(
                                "AveragePool",
                                new String[] {"r1"},
                                "p1",
                                new Pb()
                                        .string(1, "kernel_shape")
                                        .ints(8, pool, pool)
                                        .int64(20, 7),
                                new Pb()
                                        .string(1, "strides")
                                        .ints(8, pool, pool)
                                        .int64(20, 7)))
                .message(1, node("Flatten", new String[] {"p1"}, "features"))
                .string(2, "tiny-colour-blind-encoder")
                .message(5, tensor("w1", w, 8, 1, 5, 5))
                .message(5, tensor("b1", b, 8))
                .message(11, valueInfo("pixels", "batch", 3, size, size))
                .message(12, valueInfo("features", "batch", 8 * 4 * 4));
        return write(file, graph);
    }

    /** A model whose input is a vector, not an image: {@code (batch, 10) -> Identity}. */
    static Path vectorModel(Path file) throws IOException {
        Pb graph = new Pb()
                .message(1, node("Identity", new String[] {"x"}, "y"))
                .string(2, "not-an-image-model")
                .message(11, valueInfo("x", "batch", 10))
                .message(12, valueInfo("y", "batch", 10));
        return write(file, graph);
    }

    private static Path write(Path file, Pb graph) throws IOException {
        Pb model = new Pb()
                .int64(1, 7)
                .string(2, "lvsa-toolkit tests")
                .message(7, graph)
                .message(8, new Pb().string(1, "").int64(2, 13));
        Files.write(file, model.bytes());
        return file;
    }

    private static Pb node(String op, String[] inputs, String output, Pb... attributes) {
        Pb n = new Pb();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, op + "_" + output).string(4, op);
        for (Pb a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    private static Pb tensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        Pb t = new Pb();
        for (long d : dims) {
            t.int64(1, d);
        }
        return t.int64(2, 1).string(8, name).bytes(9, raw.array());
    }

    /** A float tensor value with a free first dimension named {@code batch} and fixed others. */
    private static Pb valueInfo(String name, String batch, long... dims) {
        Pb shape = new Pb().message(1, new Pb().string(2, batch));
        for (long d : dims) {
            shape.message(1, new Pb().int64(1, d));
        }
        Pb tensorType = new Pb().int64(1, 1).message(2, shape);
        return new Pb().string(1, name).message(2, new Pb().message(1, tensorType));
    }

    /** A protobuf message being written: varints and length-delimited fields, nothing else needed. */
    static final class Pb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pb int64(int field, long v) {
            tag(field, 0);
            varint(v);
            return this;
        }

        Pb ints(int field, long... values) {
            for (long v : values) {
                int64(field, v);
            }
            return this;
        }

        Pb string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Pb bytes(int field, byte[] b) {
            tag(field, 2);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        Pb message(int field, Pb m) {
            return bytes(field, m.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wire) {
            varint(((long) field << 3) | wire);
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
