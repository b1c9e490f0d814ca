package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lvsa.baselines.ContractFiles;
import java.util.List;
import java.util.Set;

/**
 * Validates plans against the versioned JSON Schema kept in the repository
 * ({@code contracts/attention-plan/v1/attention-plan.schema.json}, on the classpath under {@code contracts/}).
 */
public final class PlanSchema {
    /** Classpath location of the v1 schema. */
    public static final String V1_RESOURCE = "/contracts/attention-plan/v1/attention-plan.schema.json";

    private static final JsonSchema V1 = load();

    private PlanSchema() {}

    /** Schema violations of {@code plan}, each as "path: message"; empty when valid. */
    public static List<String> validate(JsonNode plan) {
        Set<ValidationMessage> msgs = V1.validate(plan);
        return msgs.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        JsonNode doc = ContractFiles.read(V1_RESOURCE);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(doc);
    }
}
