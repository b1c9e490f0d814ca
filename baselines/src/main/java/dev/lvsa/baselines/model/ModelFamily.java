package dev.lvsa.baselines.model;

import dev.lvsa.common.BadInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Transformer families: they differ in how text enters attention and so in how FLOPs are counted. */
public enum ModelFamily {
    /** Wan 2.1 / 2.2: self-attention over video tokens only; text enters through cross-attention in every block. */
    WAN("wan"),
    /**
     * HunyuanVideo 1.5: dual-stream blocks; self-attention is joint over [video tokens, text tokens], and the text
     * stream has its own projections and feed-forward network. No cross-attention.
     */
    HUNYUANVIDEO15("hunyuanvideo15");

    private final String id;

    ModelFamily(String id) {
        this.id = id;
    }

    /** The name used in JSON ({@code wan}, {@code hunyuanvideo15}). */
    public String id() {
        return id;
    }

    /** Parses a family id as written in {@code contracts/models/real-models.json} and {@code tiny-models.json}. */
    public static ModelFamily fromId(String id) {
        for (ModelFamily f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new BadInputException("model family '" + id + "' is unknown (known: "
                + Arrays.stream(values()).map(ModelFamily::id).collect(Collectors.joining(", ")) + ")");
    }
}
