package dev.lvsa.vqeval.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.common.AtomicFiles;
import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.Preset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes presets:
 * <pre>{@code
 * {"format": "vqeval-preset/v1", "name": "...",
 *  "ranges": {"spatial_quality.sharpness": {"good": 350.0, "bad": 40.0}, ...},
 *  "weights": {"loop_quality": 0.4},
 *  "info": {...}}
 * }</pre>
 */
public final class PresetFiles {

    public static final String FORMAT = "vqeval-preset/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PresetFiles() {}

    /** @throws IOException with a one-line cause for unreadable or malformed files */
    public static Preset read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IOException("format is '" + format + "', expected '" + FORMAT + "'");
        }
        Map<String, NormRange> ranges = new LinkedHashMap<>();
        JsonNode r = root.path("ranges");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode good = e.getValue().get("good");
            JsonNode bad = e.getValue().get("bad");
            if (good == null || bad == null || !good.isNumber() || !bad.isNumber()) {
                throw new IOException("range '" + e.getKey() + "' needs numeric 'good' and 'bad'");
            }
            try {
                ranges.put(e.getKey(), new NormRange(good.asDouble(), bad.asDouble()));
            } catch (IllegalArgumentException ex) {
                throw new IOException("range '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("weights").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                throw new IOException("weight '" + e.getKey() + "' must be a number >= 0");
            }
            weights.put(e.getKey(), e.getValue().asDouble());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        JsonNode i = root.path("info");
        if (i.isObject()) {
            info.putAll(MAPPER.convertValue(i, Map.class));
        }
        return new Preset(root.path("name").asText(file.getFileName().toString()), ranges, weights, info);
    }

    public static String toJson(Preset p) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", p.name());
        ObjectNode ranges = root.putObject("ranges");
        for (Map.Entry<String, NormRange> e : p.ranges().entrySet()) {
            ObjectNode o = ranges.putObject(e.getKey());
            o.put("good", e.getValue().good());
            o.put("bad", e.getValue().bad());
        }
        ObjectNode weights = root.putObject("weights");
        p.weights().forEach(weights::put);
        root.set("info", MAPPER.valueToTree(p.info()));
        return MAPPER.writeValueAsString(root) + "\n";
    }

    public static void write(Path file, Preset p) throws IOException {
        AtomicFiles.writeString(file, toJson(p));
    }
}
