package dev.lvsa.datasets.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads prompt sets: the project's own (resources {@code dev/lvsa/datasets/prompts/<name>.yaml}) or a user's YAML
 * file of the same shape:
 *
 * <pre>{@code
 * name: my-set                # optional for files (default: the file stem)
 * description: what it is for # optional
 * prompts:
 *   - id: fox
 *     text: a red fox trotting through fresh snow
 * }</pre>
 *
 * <p>The YAML parser is given by the caller (a Jackson {@code YAMLMapper}), so this module needs no YAML
 * dependency of its own. Mistakes are reported as {@link IllegalArgumentException}s whose one-line message names
 * the set or file and the cause.
 */
public final class PromptSets {
    /** What a prompt id and a set name may contain. */
    public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    /** The project's own sets, in the order {@code names()} lists them. */
    public static final List<String> BUILT_IN = List.of("demo-1", "smoke-2", "long-video-5");

    private static final String RESOURCE_DIR = "/dev/lvsa/datasets/prompts/";
    private static final Set<String> SET_FIELDS = Set.of("name", "description", "prompts");
    private static final Set<String> PROMPT_FIELDS = Set.of("id", "text");

    private final ObjectMapper yaml;

    /** @param yamlMapper a Jackson mapper that reads YAML (e.g. {@code new YAMLMapper()}) */
    public PromptSets(ObjectMapper yamlMapper) {
        this.yaml = yamlMapper;
    }

    /** Names of the built-in sets. */
    public List<String> names() {
        return BUILT_IN;
    }

    /**
     * A built-in set.
     *
     * @throws IllegalArgumentException naming the unknown set and listing the known ones
     */
    public PromptSet get(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("prompt set '" + name + "' is unknown (built-in: "
                    + String.join(", ", BUILT_IN) + "; or give a .yaml file)");
        }
        String resource = RESOURCE_DIR + name + ".yaml";
        try (InputStream in = PromptSets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath (broken build)");
            }
            return parse(read(in.readAllBytes(), "prompt set " + name), "prompt set " + name, name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** A set from a user's YAML file. */
    public PromptSet load(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source + ": no such prompt set file");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    source + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        String stem = file.getFileName() == null
                ? "prompts"
                : file.getFileName().toString().replaceFirst("(?i)\\.ya?ml$", "");
        return parse(read(bytes, source), source, stem);
    }

    private JsonNode read(byte[] bytes, String source) {
        try {
            JsonNode root = yaml.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new IllegalArgumentException(source + ": empty file");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Builds a set from its parsed document.
     *
     * @param root        the document
     * @param source      file or set name, for messages
     * @param defaultName name used when the document has none
     */
    public static PromptSet parse(JsonNode root, String source, String defaultName) {
        if (!root.isObject()) {
            throw new IllegalArgumentException(source + ": a prompt set is a mapping with a 'prompts' list");
        }
        unknownFields(root, SET_FIELDS, source, "");
        String name = root.has("name") ? text(root.get("name"), source, "name") : defaultName;
        if (!ID.matcher(name).matches()) {
            throw new IllegalArgumentException(source + ": name '" + name + "': must match " + ID.pattern());
        }
        String description = root.has("description") ? text(root.get("description"), source, "description") : "";
        JsonNode list = root.get("prompts");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'prompts' must be a non-empty list");
        }
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String where = "prompts[" + i + "]";
            if (!p.isObject()) {
                throw new IllegalArgumentException(source + ": " + where + ": must be a mapping with id and text");
            }
            unknownFields(p, PROMPT_FIELDS, source, where + ".");
            if (!p.has("id") || !p.has("text")) {
                throw new IllegalArgumentException(source + ": " + where + ": needs both 'id' and 'text'");
            }
            try {
                prompts.add(new Prompt(
                        text(p.get("id"), source, where + ".id"), text(p.get("text"), source, where + ".text")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + where + ": " + e.getMessage());
            }
        }
        try {
            return new PromptSet(name, description, prompts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String source, String field) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(source + ": '" + field + "' must be text");
        }
        return node.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String source, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(source + ": unknown key '" + prefix + f + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
