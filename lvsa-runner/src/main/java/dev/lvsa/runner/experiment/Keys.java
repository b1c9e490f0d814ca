package dev.lvsa.runner.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Reads typed values out of a parsed YAML tree and turns every mistake into one {@link BadInputException} line:
 * {@code FILE: KEY: cause}.
 */
final class Keys {
    private final String file;
    private final List<String> warnings = new ArrayList<>();

    Keys(String file) {
        this.file = file;
    }

    /** Notes a problem that does not stop the file from loading (e.g. a deprecated spelling): {@code FILE: KEY: cause}. */
    void warn(String key, String cause) {
        warnings.add(file + ": " + key + ": " + cause);
    }

    /** The warnings noted so far, in order. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    BadInputException bad(String key, String cause) {
        return new BadInputException(file + ": " + key + ": " + cause);
    }

    BadInputException bad(String cause) {
        return new BadInputException(file + ": " + cause);
    }

    void onlyKnown(JsonNode node, Collection<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                String key = where.isEmpty() ? f : where + "." + f;
                throw bad("unknown key '" + key + "' (known here: " + String.join(", ", known) + ")");
            }
        }
    }

    /** The value as a list: a scalar becomes a one-element list; null/absent gives an empty list. */
    List<JsonNode> list(JsonNode node, String key) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw bad(key, "empty list");
            }
            node.forEach(out::add);
        } else if (node.isObject()) {
            throw bad(key, "expected a value or a list, got a mapping");
        } else {
            out.add(node);
        }
        return out;
    }

    String text(JsonNode node, String key) {
        if (node == null || !node.isTextual()) {
            throw bad(key, "expected text, got " + describe(node));
        }
        return node.asText();
    }

    int integer(JsonNode node, String key, int min) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw bad(key, "expected a whole number, got " + describe(node));
        }
        int v = node.asInt();
        if (v < min) {
            throw bad(key, v + " is below the minimum " + min);
        }
        return v;
    }

    long longInt(JsonNode node, String key, long min) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw bad(key, "expected a whole number, got " + describe(node));
        }
        long v = node.asLong();
        if (v < min) {
            throw bad(key, v + " is below the minimum " + min);
        }
        return v;
    }

    double number(JsonNode node, String key) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw bad(key, "expected a number, got " + describe(node));
        }
        return node.asDouble();
    }

    double positive(JsonNode node, String key) {
        double v = number(node, key);
        if (!(v > 0)) {
            throw bad(key, "must be greater than 0, got " + v);
        }
        return v;
    }

    boolean bool(JsonNode node, String key) {
        if (node == null || !node.isBoolean()) {
            throw bad(key, "expected true or false, got " + describe(node));
        }
        return node.asBoolean();
    }

    String choice(JsonNode node, String key, List<String> allowed) {
        String v = text(node, key);
        if (!allowed.contains(v)) {
            throw bad(key, "'" + v + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "text '" + node.asText() + "'";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }
}
