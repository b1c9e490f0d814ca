package dev.lvsa.vqeval.api;

import java.nio.file.Path;

/**
 * What the user asked for: a model file and optional overrides of what its sidecar JSON
 * ({@code MODEL.json} or {@code MODEL.onnx.json} beside it) and its kind's defaults say.
 *
 * @param model the model file
 * @param kind {@code dino}, {@code clip} or {@code generic}; null: from the sidecar, else generic
 * @param size the shorter side frames are resized to, pixels; null: from the sidecar or kind
 * @param crop whether the resized frame is centre-cropped to a square; null: from the sidecar or kind
 * @param mean per-channel (RGB) mean on a 0-1 scale; null: from the sidecar or kind
 * @param std per-channel (RGB) standard deviation; null: from the sidecar or kind
 * @param engine the DJL engine name (e.g. {@code OnnxRuntime}); null: the provider's default
 */
public record EmbedderRequest(
        Path model, String kind, Integer size, Boolean crop, float[] mean, float[] std, String engine) {

    public EmbedderRequest {
        if (model == null) {
            throw new IllegalArgumentException("an embedder needs a model file");
        }
        if (kind != null) {
            EmbedderSpec.Kind.parse(kind);
        }
        if (size != null && (size < 16 || size > 1024)) {
            throw new IllegalArgumentException("--embedder-size must be 16..1024 pixels, got " + size);
        }
        checkTriple(mean, "mean");
        checkTriple(std, "std");
    }

    private static void checkTriple(float[] v, String what) {
        if (v != null && v.length != 3) {
            throw new IllegalArgumentException("--embedder-" + what + " needs 3 values (R,G,B), got " + v.length);
        }
    }
}
