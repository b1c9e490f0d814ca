package dev.lvsa.runner.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.model.ModelSpec;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the {@code models} list of an experiment file. An entry is a registry model's name, or a mapping
 * {@code {name: NAME, path: FOLDER, weights: dummy | checkpoint, text: encoder | dummy-embeddings}}; a real model
 * needs the path to its local diffusers folder unless it is a tiny preset or has dummy weights. Also checks that
 * {@code devices_per_job} fits every model's attention heads.
 */
final class ModelParser {
    private final Keys keys;

    ModelParser(Keys keys) {
        this.keys = keys;
    }

    /** The model entries, in order; each name (with its path and weights) once. */
    List<ModelEntry> parse(JsonNode node) {
        List<JsonNode> entries = keys.list(node, "models");
        if (entries.isEmpty()) {
            throw keys.bad(
                    "models",
                    "missing: list at least one model (e.g. tiny-wan, or {name: wan2.1-t2v-1.3b, "
                            + "path: /models/Wan2.1-T2V-1.3B-Diffusers})");
        }
        Set<String> tiny = tinyPresets();
        List<ModelEntry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String key = "models[" + i + "]";
            Written w = written(e, key);
            String name = w.name();
            String path = w.path();
            boolean dummy = w.dummy();
            String text = w.text();
            ModelSpec spec;
            try {
                spec = ModelRegistry.standard().get(name);
            } catch (BadInputException ex) {
                throw keys.bad(key, ex.getMessage());
            }
            if (dummy) {
                path = name;
            } else if (path == null) {
                if (!tiny.contains(name)) {
                    throw keys.bad(
                            key,
                            "model " + name + " needs a 'path' to its local diffusers folder (the worker "
                                    + "never downloads weights); write {name: " + name + ", path: /models/...}, or "
                                    + "{name: " + name + ", weights: dummy} to time it with random weights");
                }
                path = name;
            }
            if (!seen.add(name + "\u0000" + path + "\u0000" + dummy + "\u0000" + text)) {
                throw keys.bad(key, "model " + name + " listed twice");
            }
            out.add(new ModelEntry(spec, path, dummy, dummy ? (text != null ? text : "encoder") : null));
        }
        return out;
    }

    /** A model entry as written: a name, or {name, path, weights, text} (checked one against another). */
    private record Written(String name, String path, boolean dummy, String text) {}

    private Written written(JsonNode e, String key) {
        String name;
        String path = null;
        boolean dummy = false;
        String text = null;
        if (e.isTextual()) {
            name = e.asText();
        } else if (e.isObject()) {
            keys.onlyKnown(e, List.of("name", "path", "weights", "text"), key);
            name = keys.text(e.get("name"), key + ".name");
            if (e.has("path")) {
                path = keys.text(e.get("path"), key + ".path");
            }
            if (e.has("weights")) {
                String w = keys.text(e.get("weights"), key + ".weights");
                if (!w.equals("dummy") && !w.equals("checkpoint")) {
                    throw keys.bad(
                            key + ".weights",
                            "expected dummy (random weights of the real architecture, "
                                    + "for speed) or checkpoint (the folder in 'path'), got " + w);
                }
                dummy = w.equals("dummy");
            }
            if (e.has("text")) {
                text = keys.text(e.get("text"), key + ".text");
                if (!dummy) {
                    throw keys.bad(key + ".text", "only with weights: dummy");
                }
                if (!ModelEntry.TEXT_OPTIONS.contains(text)) {
                    throw keys.bad(key + ".text", "expected encoder or dummy-embeddings, got " + text);
                }
            }
            if (dummy && path != null) {
                throw keys.bad(key, "weights: dummy builds the model from the registry: give no 'path'");
            }
        } else {
            throw keys.bad(key, "expected a model name or {name, path}, got " + Keys.describe(e));
        }
        return new Written(name, path, dummy, text);
    }

    /**
     * Ulysses sequence parallelism splits the attention heads over the ranks: every model's head count (its
     * transformer's {@code num_attention_heads} in {@code contracts/models/real-models.json}; for the tiny presets
     * {@code attention_heads} in {@code contracts/models/tiny-models.json}) must be a multiple of
     * {@code devices_per_job}.
     */
    static void checkDegree(Keys keys, List<ModelEntry> models, int n) {
        for (ModelEntry m : models) {
            int heads = m.spec().architecture().heads();
            if (heads % n != 0) {
                List<String> fits = new ArrayList<>();
                for (int d = 1; d <= heads; d++) {
                    if (heads % d == 0) {
                        fits.add(String.valueOf(d));
                    }
                }
                String source = m.spec().architecture().nominal()
                        ? "attention_heads in " + ModelRegistry.TINY_MODELS_RESOURCE.substring(1)
                        : "its transformer's num_attention_heads in " + ModelRegistry.REAL_MODELS_RESOURCE.substring(1);
                throw keys.bad(
                        "devices_per_job",
                        n + " does not divide the " + heads + " attention heads of "
                                + m.name() + " (" + source + "); Ulysses splits heads over the ranks: use one of "
                                + String.join(", ", fits));
            }
        }
    }

    private static Set<String> tinyPresets() {
        Set<String> s = new HashSet<>();
        for (ModelSpec m : ModelRegistry.standard().all()) {
            if (m.architecture().nominal()) {
                s.add(m.name());
            }
        }
        return s;
    }
}
