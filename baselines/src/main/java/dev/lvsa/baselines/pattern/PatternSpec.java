package dev.lvsa.baselines.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * User-composed static patterns in JSON, with no code. A spec document:
 *
 * <pre>{@code
 * { "name": "window5-anchors8",
 *   "description": "optional text",
 *   "pattern": { "type": "union", "parts": [
 *       { "type": "window", "half_width": 5, "mode": "shift" },
 *       { "type": "first_frames", "n": 1 },
 *       { "type": "periodic_anchors", "interval": 8, "rotate": true } ] } }
 * }</pre>
 *
 * <p>Part types: {@code window} (half_width, mode clip|shift, default clip), {@code first_frames} (n),
 * {@code periodic_anchors} (interval, rotate default false, offset default 0), {@code all} (alias {@code dense}),
 * {@code union} and {@code intersection} (parts), {@code lvsa} (window, n_first, kfi auto|N, rotate,
 * sparsity_scale, expand_window), and the name of any {@link PatternProvider} on the classpath (its other fields are
 * its parameters). Unknown fields are errors, so a typo never passes silently.
 *
 * <p>On the command line a pattern may also be written {@code TYPE[:key=value,...]}, e.g.
 * {@code lvsa:window=2,kfi=6} or {@code window:half_width=4,mode=shift}.
 */
public final class PatternSpec {
    /** Names a plan's {@code method} field accepts. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_.+-]*$");
    /** Method names a user pattern may not take. */
    public static final Set<String> RESERVED = Set.of("dense", "riflex", "ultravico");

    private static final List<String> BUILT_IN_TYPES =
            List.of("window", "first_frames", "periodic_anchors", "all", "dense", "union", "intersection", "lvsa");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PatternSpec() {}

    /**
     * A parsed pattern with its name and the spec it came from.
     *
     * @param name    method name for plans and reports
     * @param pattern the pattern
     * @param spec    the spec JSON (recorded in plans' method_params)
     */
    public record Named(String name, FramePattern pattern, JsonNode spec) {}

    /**
     * Resolves what a user typed: a path to a spec file (an existing file or a name ending in {@code .json}), or
     * {@code TYPE[:key=value,...]}.
     */
    public static Named resolve(String reference) {
        String ref = reference.trim();
        if (ref.isEmpty()) {
            throw new BadInputException("pattern '': empty (give a spec file or TYPE[:key=value,...])");
        }
        Path p = Path.of(ref);
        if (ref.toLowerCase(Locale.ROOT).endsWith(".json") || Files.isRegularFile(p)) {
            return load(p);
        }
        return parseReference(ref);
    }

    /** Loads a spec document from a file. */
    public static Named load(Path file) {
        String source = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such pattern spec file");
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    source + ": not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(
                    source + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        String stem = file.getFileName() == null
                ? "pattern"
                : file.getFileName().toString().replaceFirst("(?i)\\.json$", "");
        return parseDocument(root, source, stem);
    }

    /**
     * Parses a spec document.
     *
     * @param root        the document
     * @param source      where it came from, for messages
     * @param defaultName the name to use when the document has none
     */
    public static Named parseDocument(JsonNode root, String source, String defaultName) {
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": a pattern spec must be a JSON object with a 'pattern' field");
        }
        checkFields(root, Set.of("name", "description", "pattern"), source, "$");
        JsonNode pat = root.get("pattern");
        if (pat == null) {
            throw new BadInputException(source + ": $: missing field 'pattern'");
        }
        String name;
        if (root.has("name")) {
            if (!root.get("name").isTextual()) {
                throw new BadInputException(source + ": $.name: must be a string");
            }
            name = root.get("name").asText();
        } else {
            name = defaultName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.+-]", "-");
        }
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException(source + ": $.name '" + name + "': must match " + NAME.pattern());
        }
        if (RESERVED.contains(name)) {
            throw new BadInputException(source + ": $.name '" + name + "': reserved for the built-in method");
        }
        if (root.has("description") && !root.get("description").isTextual()) {
            throw new BadInputException(source + ": $.description: must be a string");
        }
        return new Named(name, parsePart(pat, source, "$.pattern"), root);
    }

    /** Parses {@code TYPE[:key=value,...]} into a one-part spec named after the type. */
    public static Named parseReference(String ref) {
        int colon = ref.indexOf(':');
        String type = (colon < 0 ? ref : ref.substring(0, colon)).trim();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        if (colon >= 0) {
            String rest = ref.substring(colon + 1).trim();
            if (!rest.isEmpty()) {
                for (String kv : rest.split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new BadInputException("pattern '" + ref + "': '" + kv.trim() + "' is not key=value");
                    }
                    String key = kv.substring(0, eq).trim();
                    if (node.has(key)) {
                        throw new BadInputException("pattern '" + ref + "': '" + key + "' given twice");
                    }
                    node.set(key, scalar(kv.substring(eq + 1).trim()));
                }
            }
        }
        String source = "pattern '" + ref + "'";
        FramePattern p = parsePart(node, source, "$");
        String name = type.equals("all") ? "dense" : type;
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("name", name);
        doc.set("pattern", node);
        return new Named(name, p, doc);
    }

    private static JsonNode scalar(String v) {
        if (v.equals("true") || v.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(v));
        }
        if (v.matches("-?\\d{1,9}")) {
            return JsonNodeFactory.instance.numberNode(Integer.parseInt(v));
        }
        if (v.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(v));
        }
        return JsonNodeFactory.instance.textNode(v);
    }

    /**
     * Parses one part.
     *
     * @param node   the part's JSON object
     * @param source file or reference, for messages
     * @param path   JSON path of the part, for messages
     */
    public static FramePattern parsePart(JsonNode node, String source, String path) {
        if (node == null || !node.isObject()) {
            throw new BadInputException(source + ": " + path + ": a pattern part must be a JSON object");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new BadInputException(source + ": " + path + ": missing text field 'type'");
        }
        String type = typeNode.asText();
        try {
            switch (type) {
                case "window":
                    return parseWindow(node, source, path);
                case "first_frames":
                    checkFields(node, Set.of("type", "n"), source, path);
                    return new FirstFrames(requiredInt(node, "n", source, path));
                case "periodic_anchors":
                    checkFields(node, Set.of("type", "interval", "rotate", "offset"), source, path);
                    return new PeriodicAnchors(
                            requiredInt(node, "interval", source, path),
                            bool(node, "rotate", false, source, path),
                            optInt(node, "offset", 0, source, path));
                case "all":
                case "dense":
                    checkFields(node, Set.of("type"), source, path);
                    return new AllFrames();
                case "union":
                case "intersection":
                    return parseComposite(type, node, source, path);
                case "lvsa":
                    return parseLvsa(node, source, path);
                default:
                    return fromProvider(type, node, source, path);
            }
        } catch (BadInputException e) {
            String msg = e.getMessage();
            throw msg.startsWith(source) ? e : new BadInputException(source + ": " + path + ": " + msg, e);
        }
    }

    /** A {@code window}: its half_width, and its mode clip (the default) or shift. */
    private static FramePattern parseWindow(JsonNode node, String source, String path) {
        checkFields(node, Set.of("type", "half_width", "mode"), source, path);
        String mode = text(node, "mode", "clip", source, path);
        LocalWindow.Mode m;
        if (mode.equals("clip")) {
            m = LocalWindow.Mode.CLIP;
        } else if (mode.equals("shift")) {
            m = LocalWindow.Mode.SHIFT;
        } else {
            throw new BadInputException(source + ": " + path + ".mode '" + mode + "': must be clip or shift");
        }
        return new LocalWindow(requiredInt(node, "half_width", source, path), m);
    }

    /** A {@code union} or {@code intersection} of its parts, each parsed at {@code path.parts[i]}. */
    private static FramePattern parseComposite(String type, JsonNode node, String source, String path) {
        checkFields(node, Set.of("type", "parts"), source, path);
        JsonNode parts = node.get("parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw new BadInputException(source + ": " + path + ".parts: must be a non-empty array");
        }
        List<FramePattern> ps = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ps.add(parsePart(parts.get(i), source, path + ".parts[" + i + "]"));
        }
        return type.equals("union") ? new Union(ps) : new Intersection(ps);
    }

    private static FramePattern parseLvsa(JsonNode node, String source, String path) {
        checkFields(
                node,
                Set.of("type", "window", "n_first", "kfi", "rotate", "sparsity_scale", "expand_window"),
                source,
                path);
        LvsaParams d = LvsaParams.defaults();
        Integer kfi = null;
        JsonNode k = node.get("kfi");
        if (k != null && !(k.isTextual() && k.asText().equals("auto"))) {
            kfi = requiredInt(node, "kfi", source, path);
        }
        double scale = d.sparsityScale();
        JsonNode s = node.get("sparsity_scale");
        if (s != null) {
            if (!s.isNumber()) {
                throw new BadInputException(source + ": " + path + ".sparsity_scale: must be a number");
            }
            scale = s.asDouble();
        }
        return new LvsaPattern(new LvsaParams(
                optInt(node, "window", d.window(), source, path),
                optInt(node, "n_first", d.nFirst(), source, path),
                kfi,
                bool(node, "rotate", true, source, path),
                scale,
                bool(node, "expand_window", true, source, path)));
    }

    private static FramePattern fromProvider(String type, JsonNode node, String source, String path) {
        PatternProvider provider = PatternProviders.find(type);
        if (provider == null) {
            Set<String> known = new TreeSet<>(BUILT_IN_TYPES);
            known.addAll(PatternProviders.names());
            throw new BadInputException(source + ": " + path + ": unknown pattern type '" + type + "' (known: "
                    + String.join(", ", known) + ")");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type")) {
                params.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        FramePattern p = provider.create(params);
        if (p == null) {
            throw new IllegalStateException("pattern provider '" + type + "' returned null");
        }
        return p;
    }

    /**
     * Takes an integer parameter out of a provider's parameter map (removing it, so leftovers can be reported).
     *
     * @param where the provider's name, for messages
     */
    public static int intParam(Map<String, Object> params, String key, int defaultValue, String where) {
        Object v = params.remove(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new BadInputException(where + ": parameter '" + key + "' must be an integer, got " + v);
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String source, String path) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new BadInputException(source + ": " + path + ": unknown field '" + n + "' (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static int requiredInt(JsonNode node, String field, String source, String path) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new BadInputException(source + ": " + path + ": missing field '" + field + "'");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new BadInputException(source + ": " + path + "." + field + ": must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static int optInt(JsonNode node, String field, int def, String source, String path) {
        return node.has(field) ? requiredInt(node, field, source, path) : def;
    }

    private static boolean bool(JsonNode node, String field, boolean def, String source, String path) {
        JsonNode v = node.get(field);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            throw new BadInputException(source + ": " + path + "." + field + ": must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static String text(JsonNode node, String field, String def, String source, String path) {
        JsonNode v = node.get(field);
        if (v == null) {
            return def;
        }
        if (!v.isTextual()) {
            throw new BadInputException(source + ": " + path + "." + field + ": must be a string, got " + v);
        }
        return v.asText();
    }

    /** The built-in part types (for help texts and docs). */
    public static List<String> builtInTypes() {
        return BUILT_IN_TYPES;
    }
}
