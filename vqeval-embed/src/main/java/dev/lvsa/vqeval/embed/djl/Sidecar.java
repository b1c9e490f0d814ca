package dev.lvsa.vqeval.embed.djl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.vqeval.api.EmbedderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The small JSON that may sit beside a model ({@code dinov2.onnx.json} or {@code dinov2.json}) and says how
 * to feed it, for example {@code {"kind": "dino", "size": 224, "crop": false, "mean": [0.485, 0.456, 0.406],
 * "std": [0.229, 0.224, 0.225]}}. Every field is optional; unknown fields are refused (a typo would
 * otherwise go unnoticed).
 */
record Sidecar(Path file, String kind, Integer size, Boolean crop, float[] mean, float[] std, String engine) {

    private static final Set<String> FIELDS = Set.of("kind", "size", "crop", "mean", "std", "engine");

    static Sidecar none() {
        return new Sidecar(null, null, null, null, null, null, null);
    }

    /** The sidecar of {@code model}, or {@link #none()} when there is none. */
    static Sidecar beside(Path model) throws EmbedderException {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path[] candidates = {
            model.resolveSibling(name + ".json"),
            dot > 0 ? model.resolveSibling(name.substring(0, dot) + ".json") : null
        };
        for (Path c : candidates) {
            if (c != null && Files.isRegularFile(c)) {
                return read(c);
            }
        }
        return none();
    }

    static Sidecar read(Path file) throws EmbedderException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new EmbedderException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new EmbedderException(file + ": expected a JSON object such as {\"kind\": \"dino\", \"size\": 224}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new EmbedderException(
                        file + ": unknown field '" + f + "' (known: kind, size, crop, mean, std, engine)");
            }
        }
        return new Sidecar(
                file,
                text(root, "kind", file),
                root.has("size") ? integer(root, "size", file) : null,
                root.has("crop") ? bool(root, "crop", file) : null,
                triple(root, "mean", file),
                triple(root, "std", file),
                text(root, "engine", file));
    }

    private static String text(JsonNode root, String f, Path file) throws EmbedderException {
        JsonNode v = root.get(f);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new EmbedderException(file + ": '" + f + "' must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode root, String f, Path file) throws EmbedderException {
        JsonNode v = root.get(f);
        if (!v.isInt()) {
            throw new EmbedderException(file + ": '" + f + "' must be a whole number of pixels");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode root, String f, Path file) throws EmbedderException {
        JsonNode v = root.get(f);
        if (!v.isBoolean()) {
            throw new EmbedderException(file + ": '" + f + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static float[] triple(JsonNode root, String f, Path file) throws EmbedderException {
        JsonNode v = root.get(f);
        if (v == null) {
            return null;
        }
        if (!v.isArray() || v.size() != 3) {
            throw new EmbedderException(file + ": '" + f + "' must be three numbers (R, G, B on a 0-1 scale)");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            if (!v.get(i).isNumber()) {
                throw new EmbedderException(file + ": '" + f + "' must be three numbers (R, G, B on a 0-1 scale)");
            }
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
