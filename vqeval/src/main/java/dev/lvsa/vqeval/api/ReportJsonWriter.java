package dev.lvsa.vqeval.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the report's JSON tree with the contract's field names; NaN and infinities become null.
 *
 * <p>The tree is written with jackson-core's streaming generator and its default pretty printer, the same text an
 * indenting {@code ObjectMapper} gives, without the mapper: setting one up loads about 300 databind classes, some
 * 30 ms of a one-video command's run (docs/vqeval-history.md, Speed).
 */
final class ReportJsonWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJsonWriter() {}

    static String write(EvaluationReport r, boolean withProfiles) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            writeNode(tree(r, withProfiles), g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report JSON", e);
        }
        return out.toString();
    }

    /** Writes a tree of the node kinds {@link #tree} builds (objects, arrays, numbers, text, booleans, null). */
    static void writeNode(JsonNode n, JsonGenerator g) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    writeNode(e.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode x : n) {
                    writeNode(x, g);
                }
                g.writeEndArray();
            }
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
                    default -> g.writeNumber(n.doubleValue());
                }
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalArgumentException("report JSON has no " + n.getNodeType() + " nodes");
        }
    }

    /** A regular duplicate cadence (frame-rate conversion) in words and numbers, or null. */
    private static JsonNode cadence(Cadence c) {
        if (c == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("period_frames", c.periodFrames());
        o.put("duplicates_per_period", c.duplicatesPerPeriod());
        o.set("likely_source_fps", number(round(c.likelySourceFps(), 2)));
        o.set("duplicate_ratio", number(round(c.duplicateRatio(), 4)));
        o.put(
                "note",
                c.duplicatesPerPeriod() + " of every " + c.periodFrames()
                        + " frames repeat the previous one: frame-rate conversion, not generation stutter");
        return o;
    }

    static ObjectNode tree(EvaluationReport r, boolean withProfiles) {
        VideoInfo info = r.info();
        ObjectNode root = F.objectNode();
        root.put("video", info.video());
        root.put("frames", info.frames());
        root.set("fps", number(info.fps()));
        root.put("width", info.width());
        root.put("height", info.height());
        root.set("duration_s", number(round(info.durationSeconds(), 3)));
        root.put("codec", info.codec());
        root.set("composite_score", number(round(r.compositeScore(), 1)));
        root.put("verdict", r.verdict().label());
        root.set("weights", value(r.weights()));
        ObjectNode dims = root.putObject("dimensions");
        for (DimensionResult d : r.dimensions().values()) {
            ObjectNode o = dims.putObject(d.name());
            o.set("score", number(round(d.score(), 1)));
            o.put("verdict", d.verdict().label());
            for (Map.Entry<String, Object> e : d.fields().entrySet()) {
                o.set(e.getKey(), value(e.getValue()));
            }
            o.set("metrics", value(d.metrics()));
            o.set("components", value(d.components()));
        }
        ObjectNode diag = root.putObject("diagnostics");
        diag.set("vbench_like", value(r.diagnostics().vbenchLike()));
        diag.set("published", value(r.diagnostics().published()));
        if (!r.diagnostics().vbench().isEmpty()) {
            diag.set("vbench", value(r.diagnostics().vbench()));
        }
        diag.set("cadence", cadence(r.loop() == null ? null : r.loop().cadence()));
        root.set("analysis", value(r.analysis()));
        root.set("timing_ms", value(r.timingMs()));
        if (withProfiles) {
            ObjectNode p = root.putObject("profiles");
            for (Map.Entry<String, double[]> e : r.profiles().entrySet()) {
                ArrayNode a = p.putArray(e.getKey());
                for (double v : e.getValue()) {
                    a.add(number(round(v, 4)));
                }
            }
        }
        return root;
    }

    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static JsonNode number(double v) {
        return Double.isFinite(v) ? F.numberNode(v) : F.nullNode();
    }

    static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Double d) {
            return number(round(d, 6));
        }
        if (v instanceof Float f) {
            return number(round(f, 6));
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof CharSequence s) {
            return F.textNode(s.toString());
        }
        JsonNode container = container(v);
        return container != null ? container : F.textNode(v.toString());
    }

    /** A range, map, collection or array as JSON (values converted by {@link #value}); null for anything else. */
    private static JsonNode container(Object v) {
        if (v instanceof FrameRange fr) {
            ArrayNode a = F.arrayNode();
            a.add(fr.first());
            a.add(fr.last());
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), value(e.getValue()));
            }
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            for (Object x : c) {
                a.add(value(x));
            }
            return a;
        }
        if (v instanceof double[] arr) {
            ArrayNode a = F.arrayNode();
            for (double x : arr) {
                a.add(number(round(x, 6)));
            }
            return a;
        }
        if (v instanceof int[] arr) {
            ArrayNode a = F.arrayNode();
            for (int x : arr) {
                a.add(x);
            }
            return a;
        }
        return null;
    }
}
