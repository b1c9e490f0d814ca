package dev.lvsa.runner.worker;

import com.fasterxml.jackson.databind.JsonNode;

/** How a request to a worker ended. */
public sealed interface WorkerOutcome {
    /** The worker answered with a result (whatever its status: ok, oom, error, timeout). */
    record Finished(JsonNode result) implements WorkerOutcome {}

    /** The worker died, or wrote something that is not the protocol; it has been killed. */
    record Crashed(String message) implements WorkerOutcome {}

    /** No result came within the watchdog's limit; the worker has been killed. */
    record Hung(String message) implements WorkerOutcome {}
}
