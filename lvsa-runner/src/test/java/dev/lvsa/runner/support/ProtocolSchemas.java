package dev.lvsa.runner.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lvsa.baselines.ContractFiles;
import dev.lvsa.runner.worker.WorkerProtocol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker protocol's JSON Schemas ({@code contracts/worker-protocol/v1/}, on the classpath) for the tests: a stdout
 * line against {@code TYPE.schema.json}, a request against {@code request.schema.json}. The schemas refer to each
 * other by their {@code $id}s, which are mapped onto the classpath folder.
 */
public final class ProtocolSchemas {
    private static final String ID_BASE = idBase();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(ID_BASE, "classpath:" + WorkerProtocol.FOLDER.substring(1))));
    private static final Set<String> MESSAGE_TYPES = Set.of("ready", "progress", "result", "error");
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ProtocolSchemas() {}

    /** Violations of a worker's stdout message (its {@code type}'s schema), sorted; empty when valid. */
    public static List<String> problems(JsonNode message) {
        String type = message.path("type").asText("");
        if (!MESSAGE_TYPES.contains(type)) {
            return List.of("type '" + type + "' is not a message type of the protocol " + MESSAGE_TYPES);
        }
        return validate(type + ".schema.json", message);
    }

    /** Violations of a request to the worker, sorted; empty when valid. */
    public static List<String> requestProblems(JsonNode request) {
        return validate("request.schema.json", request);
    }

    private static List<String> validate(String file, JsonNode node) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(file, f -> FACTORY.getSchema(SchemaLocation.of(ID_BASE + f)));
        return schema.validate(node).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static String idBase() {
        String id = ContractFiles.read(WorkerProtocol.FOLDER + "version.json")
                .get("$id")
                .asText();
        return id.substring(0, id.lastIndexOf('/') + 1);
    }
}
