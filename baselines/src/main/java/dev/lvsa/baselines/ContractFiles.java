package dev.lvsa.baselines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the files shared with the Python worker: the repository's {@code contracts/} folder is a resource root of
 * this module, so {@code contracts/models/real-models.json} is the classpath resource
 * {@code /contracts/models/real-models.json}.
 */
public final class ContractFiles {
    private ContractFiles() {}

    /** The JSON of classpath resource {@code resource}, e.g. {@code /contracts/backends.json}. */
    public static JsonNode read(String resource) {
        try (InputStream in = ContractFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (broken build: baselines must "
                        + "have ../contracts as a resource root)");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
