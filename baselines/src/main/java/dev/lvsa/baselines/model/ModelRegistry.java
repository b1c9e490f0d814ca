package dev.lvsa.baselines.model;

import dev.lvsa.baselines.ContractFiles;
import dev.lvsa.common.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models the toolkit knows, read from the files it shares with the Python worker (their one source of truth): the
 * real ones from {@code contracts/models/real-models.json} (facts verified against their diffusers configs and
 * pipelines, see {@code docs/patterns.md}; the architecture derived from each transformer's config, see
 * {@link ModelContracts}) and the worker's tiny random-weight presets from {@code contracts/models/tiny-models.json}.
 */
public final class ModelRegistry {
    /** Classpath location of the real models (the repository's {@code contracts/} folder is a resource root). */
    public static final String REAL_MODELS_RESOURCE = "/contracts/models/real-models.json";
    /** Classpath location of the tiny presets. */
    public static final String TINY_MODELS_RESOURCE = "/contracts/models/tiny-models.json";

    private static final ModelRegistry DEFAULT = new ModelRegistry(
            ModelContracts.parseRealModels(ContractFiles.read(REAL_MODELS_RESOURCE), REAL_MODELS_RESOURCE),
            ModelContracts.parseTinyPresets(ContractFiles.read(TINY_MODELS_RESOURCE), TINY_MODELS_RESOURCE));

    private final Map<String, ModelSpec> models;

    private ModelRegistry(List<ModelSpec> real, List<ModelSpec> tiny) {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        for (ModelSpec s : real) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalStateException(REAL_MODELS_RESOURCE + " lists model " + s.name() + " twice");
            }
        }
        for (ModelSpec s : tiny) {
            if (m.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException(
                        "tiny preset " + s.name() + " is listed twice or clashes with a real model");
            }
        }
        this.models = Collections.unmodifiableMap(m);
    }

    /** The registry with every real model and tiny preset. */
    public static ModelRegistry standard() {
        return DEFAULT;
    }

    /** Every model, real ones first, in a stable order. */
    public List<ModelSpec> all() {
        return List.copyOf(models.values());
    }

    /**
     * The model called {@code name}.
     *
     * @throws BadInputException naming the unknown model and listing the known ones
     */
    public ModelSpec get(String name) {
        ModelSpec s = models.get(name);
        if (s == null) {
            throw new BadInputException(
                    "model '" + name + "' is unknown (known: " + String.join(", ", models.keySet()) + ")");
        }
        return s;
    }
}
