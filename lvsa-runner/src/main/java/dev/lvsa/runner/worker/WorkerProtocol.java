package dev.lvsa.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lvsa.baselines.ContractFiles;

/**
 * The worker protocol this runner speaks. Its definition is the JSON Schemas of {@code contracts/worker-protocol/v1/}
 * (on the classpath under {@code /contracts/}, like the plan schema; guide: {@code contracts/worker-protocol.md}),
 * and its version is that folder's {@code version.json}, the one place the number is written: the worker reads the
 * same file.
 */
public final class WorkerProtocol {
    /** Classpath folder of the protocol: {@code version.json}, {@code request.schema.json}, a schema per message. */
    public static final String FOLDER = "/contracts/worker-protocol/v1/";
    /** The protocol version: the {@code const} of {@code version.json}. */
    public static final int VERSION = readVersion();

    private WorkerProtocol() {}

    /**
     * Why a worker whose ready line is {@code ready} cannot be driven by this runner, in one line naming both
     * versions; null when its {@code protocol_version} (or, without one, its {@code protocol}) is {@link #VERSION}.
     *
     * @param worker names the worker in the message (its launch name and program)
     */
    public static String refusal(String worker, JsonNode ready) {
        JsonNode v = ready.hasNonNull("protocol_version") ? ready.get("protocol_version") : ready.get("protocol");
        if (v != null && v.isIntegralNumber() && v.canConvertToInt() && v.asInt() == VERSION) {
            return null;
        }
        String theirs = v == null || v.isNull() ? "no protocol version" : "protocol version " + v;
        return "worker " + worker + " speaks " + theirs + " but this runner speaks protocol version " + VERSION
                + " (contracts/worker-protocol/v1): use the worker of the same checkout as the runner";
    }

    private static int readVersion() {
        JsonNode v = ContractFiles.read(FOLDER + "version.json").get("const");
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalStateException(FOLDER + "version.json has no integer const");
        }
        return v.asInt();
    }
}
