package dev.lvsa.vqeval.api;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How frames are prepared for a model, resolved from the request, the sidecar JSON and the kind's
 * defaults: each frame is resized (area averaging) so that its shorter side is {@code size}, centre-cropped
 * to {@code size x size} when {@code crop}, turned into RGB on a 0-1 scale and normalised per channel.
 *
 * @param model the model file
 * @param kind what the model is; it decides which VBench measure its features give
 * @param engine the engine that runs it
 * @param size shorter side of the model's input, pixels
 * @param crop centre crop to a square
 * @param mean per-channel mean (RGB, 0-1)
 * @param std per-channel standard deviation (RGB, 0-1)
 */
public record EmbedderSpec(Path model, Kind kind, String engine, int size, boolean crop, float[] mean, float[] std) {

    /** What a model is. */
    public enum Kind {
        /** A DINO image encoder: its features give VBench's subject consistency. */
        DINO(224, false, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
        /** A CLIP image encoder: its features give VBench's background consistency. */
        CLIP(224, true, new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {
            0.26862954f, 0.26130258f, 0.27577711f
        }),
        /** Any other image model: a semantic channel for the repeat model, no VBench measure. */
        GENERIC(224, true, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

        /** Defaults: VBench's transforms (DINO: resize the shorter side, no crop; CLIP: resize and crop). */
        public final int size;

        public final boolean crop;
        private final float[] mean;
        private final float[] std;

        Kind(int size, boolean crop, float[] mean, float[] std) {
            this.size = size;
            this.crop = crop;
            this.mean = mean;
            this.std = std;
        }

        public float[] mean() {
            return mean.clone();
        }

        public float[] std() {
            return std.clone();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a user wrote ({@code dino}, {@code clip}, {@code generic}, any case). */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown embedder kind '" + s + "' (known: dino, clip, generic)");
        }
    }

    /** The channel name events and JSON use for this model's features, e.g. {@code semantic:dino}. */
    public String channel() {
        return "semantic:" + kind.label();
    }
}
