package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lvsa.common.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes and reads plans (and other toolkit JSON) with Jackson, in one stable layout. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = newMapper();

    private PlanJson() {}

    /** A mapper configured the toolkit's way: plain decimals, no failure on empty records, strict reading. */
    public static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper();
        m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return m;
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A value as JSON in the toolkit's layout ({@link CompactPrettyPrinter}), ending with a newline. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writer(new CompactPrettyPrinter()).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as a JSON tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Reads a plan from a JSON tree. */
    public static AttentionPlan fromTree(JsonNode tree) throws JsonProcessingException {
        return MAPPER.treeToValue(tree, AttentionPlan.class);
    }

    /** Writes a plan atomically. */
    public static void write(AttentionPlan plan, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(plan), AtomicFiles.Folder.MUST_EXIST);
    }
}
