package dev.lvsa.runner.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.baselines.method.AttentionMethod;
import dev.lvsa.baselines.method.DenseMethod;
import dev.lvsa.baselines.method.LvsaMethod;
import dev.lvsa.baselines.method.PatternMethod;
import dev.lvsa.baselines.method.RiflexMethod;
import dev.lvsa.baselines.method.UltraVicoMethod;
import dev.lvsa.baselines.pattern.LvsaParams;
import dev.lvsa.baselines.pattern.PatternSpec;
import dev.lvsa.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the {@code methods} list. An entry is a built-in method's name ({@code dense}, {@code riflex},
 * {@code ultravico}, {@code lvsa}), a mapping {@code {method: NAME, KNOB: value-or-list, label: TEXT}} (a list of
 * values makes a grid over that knob), or {@code {pattern: FILE.json | TYPE:key=value,..., label: TEXT}} for a user
 * pattern (a spec file is found relative to the experiment file).
 */
final class MethodParser {
    static final List<String> METHODS = List.of("dense", "riflex", "ultravico", "lvsa");
    private static final Map<String, List<String>> KNOBS = Map.of(
            "dense", List.of(),
            "riflex", List.of("k", "repeat_latent_frames", "scale"),
            "ultravico", List.of("alpha"),
            "lvsa", List.of("window", "n_first", "kfi", "rotate", "sparsity_scale", "expand_window"));
    /**
     * Knob spellings that earlier releases accepted, per method: old -> canonical. Still read, with a warning; the
     * canonical spelling is the one the attention plan and pattern specs use ({@code rotate}).
     */
    private static final Map<String, Map<String, String>> DEPRECATED = Map.of("lvsa", Map.of("rotation", "rotate"));

    private final Keys keys;
    private final Path baseDir;

    MethodParser(Keys keys, Path baseDir) {
        this.keys = keys;
        this.baseDir = baseDir;
    }

    List<MethodVariant> parse(JsonNode node) {
        List<JsonNode> entries = keys.list(node, "methods");
        if (entries.isEmpty()) {
            throw keys.bad(
                    "methods",
                    "missing: list at least one of " + String.join(", ", METHODS) + " (or a {pattern: FILE} entry)");
        }
        List<MethodVariant> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.addAll(entry(entries.get(i), "methods[" + i + "]"));
        }
        return out;
    }

    private List<MethodVariant> entry(JsonNode e, String key) {
        if (e.isTextual()) {
            return List.of(variant(key, builtIn(e.asText(), key), Map.of(), null));
        }
        if (!e.isObject()) {
            throw keys.bad(key, "expected a method name or a mapping, got " + Keys.describe(e));
        }
        String label = e.has("label") ? keys.text(e.get("label"), key + ".label") : null;
        if (e.has("pattern")) {
            if (e.has("method")) {
                throw keys.bad(key, "give 'method' or 'pattern', not both");
            }
            keys.onlyKnown(e, List.of("pattern", "label"), key);
            return List.of(pattern(keys.text(e.get("pattern"), key + ".pattern"), key, label));
        }
        if (!e.has("method")) {
            throw keys.bad(key, "a mapping needs 'method' (one of " + String.join(", ", METHODS) + ") or 'pattern'");
        }
        String method = builtIn(keys.text(e.get("method"), key + ".method"), key + ".method");
        e = canonicalKnobs(e, method, key);
        onlyKnobsOf(e, method, key);
        // cartesian product over knobs given as lists, in the order the knobs were written
        List<Map<String, JsonNode>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        List<String> varying = new ArrayList<>();
        for (String knob : KNOBS.get(method)) {
            if (!e.has(knob)) {
                continue;
            }
            List<JsonNode> values = keys.list(e.get(knob), key + "." + knob);
            if (values.size() > 1) {
                varying.add(knob);
            }
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> c : combos) {
                for (JsonNode v : values) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(c);
                    m.put(knob, v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<MethodVariant> out = new ArrayList<>();
        for (Map<String, JsonNode> c : combos) {
            String shown = label;
            if (label != null && !varying.isEmpty()) {
                Map<String, JsonNode> vary = new LinkedHashMap<>();
                varying.forEach(k -> vary.put(k, c.get(k)));
                shown = label + knobText(vary);
            }
            out.add(variant(key, method, c, shown));
        }
        return out;
    }

    /** Refuses a key of the entry that is neither method, label nor one of the method's knobs. */
    private void onlyKnobsOf(JsonNode e, String method, String key) {
        List<String> allowed = new ArrayList<>(List.of("method", "label"));
        allowed.addAll(KNOBS.get(method));
        for (var it = e.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                List<String> knobs = KNOBS.get(method);
                throw keys.bad(
                        key + "." + f,
                        "not a knob of " + method + " (its knobs: "
                                + (knobs.isEmpty() ? "none" : String.join(", ", knobs)) + ")");
            }
        }
    }

    /** The entry with deprecated knob spellings renamed to the canonical ones (a warning for each). */
    private JsonNode canonicalKnobs(JsonNode e, String method, String key) {
        Map<String, String> old = DEPRECATED.getOrDefault(method, Map.of());
        if (old.keySet().stream().noneMatch(e::has)) {
            return e;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (var it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String canonical = old.get(f.getKey());
            if (canonical == null) {
                copy.set(f.getKey(), f.getValue());
                continue;
            }
            if (e.has(canonical)) {
                throw keys.bad(
                        key + "." + f.getKey(),
                        "give '" + canonical + "' only ('" + f.getKey() + "' is its deprecated spelling)");
            }
            keys.warn(
                    key + "." + f.getKey(),
                    "deprecated spelling of '" + canonical + "': write '" + canonical + "' (still read for now)");
            copy.set(canonical, f.getValue());
        }
        return copy;
    }

    private String builtIn(String name, String key) {
        String m = name.trim().toLowerCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw keys.bad(
                    key,
                    "method '" + name + "' is unknown (known: " + String.join(", ", METHODS)
                            + "; a user pattern is written {pattern: FILE.json})");
        }
        return m;
    }

    private MethodVariant variant(String key, String method, Map<String, JsonNode> knobs, String label) {
        String shown = label != null ? label : knobs.isEmpty() ? method : method + knobText(knobs);
        try {
            return switch (method) {
                case "dense" -> new MethodVariant(method, shown, new DenseMethod(), Map.of());
                case "riflex" -> riflex(key, knobs, shown);
                case "ultravico" -> {
                    double alpha = knobs.containsKey("alpha")
                            ? keys.number(knobs.get("alpha"), key + ".alpha")
                            : UltraVicoMethod.DEFAULT_ALPHA;
                    yield new MethodVariant(method, shown, new UltraVicoMethod(alpha), Map.of("alpha", alpha));
                }
                case "lvsa" -> lvsa(key, knobs, shown);
                default -> throw new IllegalStateException(method);
            };
        } catch (BadInputException e) {
            if (e.getMessage().startsWith(keys.bad("").getMessage())) {
                throw e;
            }
            throw keys.bad(key, e.getMessage());
        }
    }

    private MethodVariant riflex(String key, Map<String, JsonNode> knobs, String shown) {
        Integer n = autoOrInt(knobs.get("repeat_latent_frames"), key + ".repeat_latent_frames", 1);
        Integer k = autoOrInt(knobs.get("k"), key + ".k", 1);
        double scale = knobs.containsKey("scale")
                ? keys.number(knobs.get("scale"), key + ".scale")
                : RiflexMethod.DEFAULT_SCALE;
        AttentionMethod m = new RiflexMethod(n, k, scale);
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("repeat_latent_frames", n == null ? "training horizon" : n);
        resolved.put("k", k == null ? "auto" : k);
        resolved.put("scale", scale);
        return new MethodVariant("riflex", shown, m, resolved);
    }

    private MethodVariant lvsa(String key, Map<String, JsonNode> knobs, String shown) {
        LvsaParams p = LvsaParams.defaults();
        if (knobs.containsKey("window")) {
            p = p.withWindow(keys.integer(knobs.get("window"), key + ".window", 0));
        }
        if (knobs.containsKey("n_first")) {
            p = p.withNFirst(keys.integer(knobs.get("n_first"), key + ".n_first", 0));
        }
        if (knobs.containsKey("kfi")) {
            p = p.withKfi(autoOrInt(knobs.get("kfi"), key + ".kfi", 1));
        }
        if (knobs.containsKey("rotate")) {
            p = p.withRotate(keys.bool(knobs.get("rotate"), key + ".rotate"));
        }
        if (knobs.containsKey("sparsity_scale")) {
            p = p.withSparsityScale(keys.positive(knobs.get("sparsity_scale"), key + ".sparsity_scale"));
        }
        if (knobs.containsKey("expand_window")) {
            p = p.withExpandWindow(keys.bool(knobs.get("expand_window"), key + ".expand_window"));
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("window", p.window());
        resolved.put("n_first", p.nFirst());
        resolved.put("kfi", p.kfi() == null ? "auto" : p.kfi());
        resolved.put("rotate", p.rotate());
        resolved.put("sparsity_scale", p.sparsityScale());
        resolved.put("expand_window", p.expandWindow());
        return new MethodVariant("lvsa", shown, new LvsaMethod(p), resolved);
    }

    private MethodVariant pattern(String ref, String key, String label) {
        PatternSpec.Named named;
        try {
            if (ref.toLowerCase(Locale.ROOT).endsWith(".json")) {
                Path p = Path.of(ref);
                named = PatternSpec.load(p.isAbsolute() ? p : baseDir.resolve(p));
            } else {
                named = PatternSpec.parseReference(ref.trim());
            }
        } catch (BadInputException e) {
            throw keys.bad(key + ".pattern", e.getMessage());
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("spec", named.spec());
        return new MethodVariant(
                named.name(), label != null ? label : named.name(), new PatternMethod(named), resolved);
    }

    private Integer autoOrInt(JsonNode v, String key, int min) {
        if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("auto"))) {
            return null;
        }
        if (v.isTextual()) {
            throw keys.bad(key, "expected auto or a whole number, got text '" + v.asText() + "'");
        }
        return keys.integer(v, key, min);
    }

    private static String knobText(Map<String, JsonNode> knobs) {
        StringBuilder b = new StringBuilder("[");
        knobs.forEach((k, v) -> b.append(b.length() > 1 ? "," : "")
                .append(k)
                .append('=')
                .append(v.isTextual() ? v.asText() : v.toString()));
        return b.append(']').toString();
    }
}
