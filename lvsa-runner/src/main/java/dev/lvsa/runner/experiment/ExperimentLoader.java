package dev.lvsa.runner.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lvsa.baselines.plan.PlanBackend;
import dev.lvsa.common.BadInputException;
import dev.lvsa.datasets.prompts.Prompt;
import dev.lvsa.datasets.prompts.PromptSet;
import dev.lvsa.datasets.prompts.PromptSets;
import dev.lvsa.vqeval.VqEval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment file (YAML; format in {@code docs/runner.md}) into a validated {@link Experiment}. Every
 * mistake is one {@link BadInputException} whose message names the file, the key and the cause, e.g.
 * {@code exp.yaml: methods[1]: method 'lvsb' is unknown (known: dense, riflex, ultravico, lvsa; ...)}.
 */
public final class ExperimentLoader {
    /** Top-level keys, in the order the docs list them. */
    public static final List<String> KEYS = List.of(
            "name",
            "description",
            "models",
            "methods",
            "horizons",
            "frames",
            "prompt_sets",
            "prompts",
            "negative_prompt",
            "seeds",
            "steps",
            "height",
            "width",
            "guidance",
            "device",
            "backend",
            "dtype",
            "fps",
            "offload",
            "timeout_s",
            "timeout_grace_s",
            "ready_timeout_s",
            "retries",
            "scoring",
            "devices_per_job",
            "timed_steps",
            "memory_cap_gb");

    public static final List<String> DEVICES = List.of("auto", "cpu", "cuda", "npu");
    public static final double DEFAULT_TIMEOUT_S = 14_400;
    public static final int DEFAULT_RETRIES = 2;
    public static final double DEFAULT_READY_TIMEOUT_S = 1_800;

    private static final YAMLMapper YAML = new YAMLMapper();

    private ExperimentLoader() {}

    /** The YAML mapper the runner uses (also for prompt set files). */
    public static YAMLMapper yaml() {
        return YAML;
    }

    /** Loads and validates a file. */
    public static Experiment load(Path file) {
        String shown = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(shown + ": no such experiment file");
        } catch (IOException e) {
            throw new BadInputException(
                    shown + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Path abs = file.toAbsolutePath().normalize();
        return parse(text, abs, shown);
    }

    /**
     * Parses and validates experiment text.
     *
     * @param source the file (its folder resolves relative pattern and prompt files)
     * @param shown  how to name it in messages
     */
    public static Experiment parse(String text, Path source, String shown) {
        Keys keys = new Keys(shown);
        JsonNode root = mapping(keys, text);
        Path baseDir = source.getParent() == null ? Path.of(".") : source.getParent();
        String name = name(keys, root, source);
        String description = root.has("description") ? keys.text(root.get("description"), "description") : "";
        List<ModelEntry> models = new ModelParser(keys).parse(root.get("models"));
        List<MethodVariant> methods = new MethodParser(keys, baseDir).parse(root.get("methods"));
        List<Double> horizons = horizons(keys, root.get("horizons"));
        List<Integer> frames = frames(keys, root.get("frames"));
        if (horizons.isEmpty() && frames.isEmpty()) {
            horizons.add(1.0);
        }
        List<Prompt> prompts = prompts(keys, root, baseDir);
        List<Long> seeds = seeds(keys, root.get("seeds"));
        Generation gen = generation(keys, root);
        JobLimits limits = jobLimits(keys, root);
        ScoringSettings scoring = scoring(keys, root.get("scoring"));
        int devicesPerJob = devicesPerJob(keys, root, models);
        Integer timedSteps = root.has("timed_steps") ? keys.integer(root.get("timed_steps"), "timed_steps", 1) : null;
        Double memoryCapGb = memoryCapGb(keys, root, gen.device());

        Experiment exp = new Experiment(
                name,
                description,
                source,
                models,
                methods,
                horizons,
                frames,
                prompts,
                seeds,
                gen.steps(),
                gen.height(),
                gen.width(),
                gen.guidance(),
                gen.negative(),
                gen.device(),
                gen.backend(),
                gen.dtype(),
                gen.fps(),
                gen.offload(),
                limits.timeout(),
                limits.grace(),
                limits.ready(),
                limits.retries(),
                scoring,
                keys.warnings(),
                devicesPerJob,
                timedSteps,
                memoryCapGb);
        GridExpander.checkGeometry(exp, keys);
        return exp;
    }

    /** How each video is generated: steps, size, guidance, negative prompt, device, backend, dtype, fps, offload. */
    private record Generation(
            Integer steps,
            Integer height,
            Integer width,
            double guidance,
            String negative,
            String device,
            String backend,
            String dtype,
            int fps,
            String offload) {}

    /** Reads the generation keys, each with its default when absent. */
    private static Generation generation(Keys keys, JsonNode root) {
        Integer steps = root.has("steps") ? keys.integer(root.get("steps"), "steps", 1) : null;
        Integer height = root.has("height") ? keys.integer(root.get("height"), "height", 1) : null;
        Integer width = root.has("width") ? keys.integer(root.get("width"), "width", 1) : null;
        double guidance = root.has("guidance") ? keys.number(root.get("guidance"), "guidance") : 5.0;
        String negative = root.has("negative_prompt") ? keys.text(root.get("negative_prompt"), "negative_prompt") : "";
        String device = root.has("device") ? keys.choice(root.get("device"), "device", DEVICES) : "auto";
        String backend = root.has("backend") ? keys.choice(root.get("backend"), "backend", PlanBackend.ALL) : "auto";
        String dtype = root.has("dtype") && !root.get("dtype").isNull()
                ? keys.choice(root.get("dtype"), "dtype", List.of("bf16", "fp16", "fp32"))
                : null;
        int fps = root.has("fps") ? keys.integer(root.get("fps"), "fps", 1) : 16;
        String offload =
                root.has("offload") ? keys.choice(root.get("offload"), "offload", List.of("none", "model")) : "none";
        return new Generation(steps, height, width, guidance, negative, device, backend, dtype, fps, offload);
    }

    /** A job's time limits (seconds) and retries. */
    private record JobLimits(double timeout, double grace, double ready, int retries) {}

    /**
     * Reads {@code timeout_s}, {@code timeout_grace_s} (default: a quarter of the timeout, at least 60 s),
     * {@code ready_timeout_s} and {@code retries}.
     */
    private static JobLimits jobLimits(Keys keys, JsonNode root) {
        double timeout = root.has("timeout_s") ? keys.positive(root.get("timeout_s"), "timeout_s") : DEFAULT_TIMEOUT_S;
        double grace = root.has("timeout_grace_s")
                ? keys.positive(root.get("timeout_grace_s"), "timeout_grace_s")
                : Math.max(60, timeout / 4);
        double ready = root.has("ready_timeout_s")
                ? keys.positive(root.get("ready_timeout_s"), "ready_timeout_s")
                : DEFAULT_READY_TIMEOUT_S;
        int retries = root.has("retries") ? keys.integer(root.get("retries"), "retries", 0) : DEFAULT_RETRIES;
        return new JobLimits(timeout, grace, ready, retries);
    }

    /** {@code devices_per_job} (default 1), checked against every model's attention heads. */
    private static int devicesPerJob(Keys keys, JsonNode root, List<ModelEntry> models) {
        int devicesPerJob =
                root.has("devices_per_job") ? keys.integer(root.get("devices_per_job"), "devices_per_job", 1) : 1;
        ModelParser.checkDegree(keys, models, devicesPerJob);
        return devicesPerJob;
    }

    /** {@code memory_cap_gb}, or null; a cap needs a device with its own memory. */
    private static Double memoryCapGb(Keys keys, JsonNode root, String device) {
        Double memoryCapGb =
                root.has("memory_cap_gb") ? keys.positive(root.get("memory_cap_gb"), "memory_cap_gb") : null;
        if (memoryCapGb != null && device.equals("cpu")) {
            throw keys.bad("memory_cap_gb", "a device-memory cap needs device cuda, npu or auto, not cpu");
        }
        return memoryCapGb;
    }

    /** The horizons, as multiples of each model's training length (empty if none given). */
    private static List<Double> horizons(Keys keys, JsonNode node) {
        List<Double> horizons = new ArrayList<>();
        for (JsonNode h : keys.list(node, "horizons")) {
            horizons.add(keys.positive(h, "horizons"));
        }
        return horizons;
    }

    /** The explicit frame counts (empty if none given). */
    private static List<Integer> frames(Keys keys, JsonNode node) {
        List<Integer> frames = new ArrayList<>();
        for (JsonNode f : keys.list(node, "frames")) {
            frames.add(keys.integer(f, "frames", 1));
        }
        return frames;
    }

    /** The experiment file's top-level mapping, with only known keys; bad YAML or another shape is named. */
    private static JsonNode mapping(Keys keys, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw keys.bad(
                    "not valid YAML" + where + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw keys.bad("empty experiment file");
        }
        if (!root.isObject()) {
            throw keys.bad("an experiment file is a mapping of keys (models, methods, horizons, ...)");
        }
        keys.onlyKnown(root, KEYS, "");
        return root;
    }

    /** The experiment's name: {@code name}, else the file name without .yaml; letters, digits, '.', '_', '-'. */
    private static String name(Keys keys, JsonNode root, Path source) {
        String stem = source.getFileName() == null
                ? "experiment"
                : source.getFileName().toString().replaceFirst("(?i)\\.ya?ml$", "");
        String name = root.has("name") ? keys.text(root.get("name"), "name") : stem;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw keys.bad("name", "'" + name + "' may only hold letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    /** The seeds, each once (default: 0). */
    private static List<Long> seeds(Keys keys, JsonNode node) {
        List<Long> seeds = new ArrayList<>();
        for (JsonNode s : keys.list(node, "seeds")) {
            long seed = keys.longInt(s, "seeds", 0);
            if (seeds.contains(seed)) {
                throw keys.bad("seeds", "seed " + seed + " given twice");
            }
            seeds.add(seed);
        }
        if (seeds.isEmpty()) {
            seeds.add(0L);
        }
        return seeds;
    }

    private static List<Prompt> prompts(Keys keys, JsonNode root, Path baseDir) {
        PromptSets sets = new PromptSets(YAML);
        List<Prompt> out = new ArrayList<>();
        for (JsonNode s : keys.list(root.get("prompt_sets"), "prompt_sets")) {
            String ref = keys.text(s, "prompt_sets");
            PromptSet set;
            try {
                if (ref.toLowerCase(Locale.ROOT).matches(".*\\.ya?ml")) {
                    Path p = Path.of(ref);
                    set = sets.load(p.isAbsolute() ? p : baseDir.resolve(p));
                } else {
                    set = sets.get(ref);
                }
            } catch (IllegalArgumentException e) {
                throw keys.bad("prompt_sets", e.getMessage());
            }
            out.addAll(set.prompts());
        }
        List<JsonNode> inline = keys.list(root.get("prompts"), "prompts");
        for (int i = 0; i < inline.size(); i++) {
            JsonNode p = inline.get(i);
            String key = "prompts[" + i + "]";
            if (!p.isObject()) {
                throw keys.bad(key, "expected {id: ..., text: ...}, got " + Keys.describe(p));
            }
            keys.onlyKnown(p, List.of("id", "text"), key);
            try {
                out.add(new Prompt(keys.text(p.get("id"), key + ".id"), keys.text(p.get("text"), key + ".text")));
            } catch (IllegalArgumentException e) {
                throw keys.bad(key, e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw keys.bad(
                    "prompts",
                    "missing: give prompt_sets (e.g. [demo-1]; built-in: " + String.join(", ", PromptSets.BUILT_IN)
                            + ") or prompts ([{id: ..., text: ...}])");
        }
        Set<String> ids = new HashSet<>();
        for (Prompt p : out) {
            if (!ids.add(p.id())) {
                throw keys.bad("prompts", "prompt id '" + p.id() + "' appears twice (ids must be unique)");
            }
        }
        return out;
    }

    private static ScoringSettings scoring(Keys keys, JsonNode node) {
        if (node == null || node.isNull()) {
            return ScoringSettings.defaults();
        }
        if (!node.isObject()) {
            throw keys.bad("scoring", "expected a mapping (enabled, weights, stride), got " + Keys.describe(node));
        }
        keys.onlyKnown(node, List.of("enabled", "weights", "stride"), "scoring");
        boolean enabled = !node.has("enabled") || keys.bool(node.get("enabled"), "scoring.enabled");
        int stride = node.has("stride") ? keys.integer(node.get("stride"), "scoring.stride", 1) : 1;
        Map<String, Double> weights = new LinkedHashMap<>();
        JsonNode w = node.get("weights");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                throw keys.bad("scoring.weights", "expected a mapping dimension: weight");
            }
            Set<String> known = VqEval.dimensionNames();
            for (var it = w.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!known.contains(e.getKey())) {
                    throw keys.bad(
                            "scoring.weights." + e.getKey(),
                            "unknown dimension (known: " + String.join(", ", known) + ")");
                }
                double v = keys.number(e.getValue(), "scoring.weights." + e.getKey());
                if (v < 0) {
                    throw keys.bad("scoring.weights." + e.getKey(), "must be >= 0");
                }
                weights.put(e.getKey(), v);
            }
        }
        return new ScoringSettings(enabled, weights, stride);
    }
}
